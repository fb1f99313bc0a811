package mx.permiso.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mx.permiso.support.PackagedApp;
import mx.permiso.support.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as operators run it, on PostgreSQL: time until it is ready (first start on an
 * empty database, which creates every table, and a restart on the same database) and its
 * resident memory when ready and after a hundred intakes.
 */
class StartupBench {

  private static final int ROUNDS = 3;
  private static final int INTAKES = 100;
  private static final String HEAP = "-Xmx1g";
  private static final Pattern STARTED = Pattern.compile("Started PermisoApplication in ([0-9.]+) seconds "
      + "\\(process running for ([0-9.]+)\\)");

  @TempDir
  Path work;

  @Test
  void startUpAndMemoryOfThePackagedApp() throws Exception {
    List<Double> firstStart = new ArrayList<>();
    List<Double> restart = new ArrayList<>();
    List<Double> readyWall = new ArrayList<>();
    List<Double> rssReady = new ArrayList<>();
    List<Double> rssWorked = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      TestPostgres.Database database = TestPostgres.newDatabase();
      Map<String, String> environment = new HashMap<>(database.environment());
      environment.put("CAMUNDA_BPM_ADMINUSER_PASSWORD", "bench-admin-secret");
      environment.put("PERMISO_ABUSE_INTAKESPERADDRESS", "100000");
      try (PackagedApp app = PackagedApp.start(work, "first-" + round, environment, HEAP, "-Duser.timezone=UTC")) {
        app.awaitHealthy(Duration.ofMinutes(3), Duration.ofMillis(100));
        firstStart.add(processRunningFor(app) * 1000);
      }
      long launched = System.nanoTime();
      try (PackagedApp app = PackagedApp.start(work, "restart-" + round, environment, HEAP, "-Duser.timezone=UTC")) {
        app.awaitHealthy(Duration.ofMinutes(3), Duration.ofMillis(50));
        readyWall.add((System.nanoTime() - launched) / 1e6);
        restart.add(processRunningFor(app) * 1000);
        rssReady.add(app.residentKib() / 1024.0);
        for (int i = 0; i < INTAKES; i++) {
          HttpResponse<String> started = app.http().postJson("/api/intake", intake(i));
          assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        }
        rssWorked.add(app.residentKib() / 1024.0);
      }
    }
    String table = """
        | measured | median | p95 | min | max | rounds |
        |---|---|---|---|---|---|
        %s
        %s
        %s
        %s
        %s
        """.formatted(
        BenchReport.Spread.of(firstStart).row("first start, empty database: ms until started (JVM's own count)"),
        BenchReport.Spread.of(restart).row("restart, same database: ms until started (JVM's own count)"),
        BenchReport.Spread.of(readyWall).row("restart: ms from launch until /actuator/health answers 200"),
        BenchReport.Spread.of(rssReady).row("resident memory when ready, MiB"),
        BenchReport.Spread.of(rssWorked).row("resident memory after " + INTAKES + " intakes, MiB"));
    BenchReport.write("startup", """
        ## Start-up and memory

        `java %s -jar target/permiso-*.jar` on PostgreSQL (%s), %d rounds (each on a new database:
        a first start that creates the schema, then a restart). "Started" is the time Spring Boot logs
        from the JVM's start; resident memory is the process's VmRSS (the machine line below describes
        the benchmark's own JVM).

        %s

        %s
        """.formatted(HEAP, TestPostgres.describeServer(), ROUNDS, table.strip(),
        BenchReport.machine("PostgreSQL (" + TestPostgres.describeServer() + ")")));
  }

  private static double processRunningFor(PackagedApp app) {
    Matcher matcher = STARTED.matcher(app.log());
    assertThat(matcher.find()).as("start-up line in the log").isTrue();
    return Double.parseDouble(matcher.group(2));
  }

  private static String intake(int i) {
    java.time.LocalDate departure = java.time.LocalDate.now().plusMonths(3);
    return """
        {"clientName": "Bench Client %d", "clientEmail": "bench%d@example.com", "phone": "+52 442 123 4567",
         "language": "en", "scenario": "CANJE_PENDING", "nut": "NUT-%d", "inmOffice": "Querétaro",
         "departureDate": "%s", "plannedReturnDate": "%s", "acceptTerms": true,
         "acceptPrivacy": true}
        """.formatted(i, i, i, departure, departure.plusWeeks(4));
  }
}
