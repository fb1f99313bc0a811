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
 * The packaged application as operators run it, on PostgreSQL: time until it is ready (first start on
 * an empty database, which creates every table, and a restart on the same database) and its resident
 * memory when ready and after a hundred intakes; the documented way (class data archive, serial
 * collector) against the plain {@code java -jar} of the repackaged jar, restarted on the same database.
 */
class StartupBench {

  private static final int ROUNDS = 3;
  private static final int INTAKES = 100;
  private static final String HEAP = "-Xmx1g";
  private static final Pattern STARTED = Pattern.compile("Started PermisoApplication in ([0-9.]+) seconds "
      + "\\(process running for ([0-9.]+)\\)");

  @TempDir
  Path work;

  private final Map<Boolean, Figures> figures = Map.of(true, new Figures(), false, new Figures());

  @Test
  void startUpAndMemoryOfThePackagedApp() throws Exception {
    List<Double> firstStart = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      TestPostgres.Database database = TestPostgres.newDatabase();
      Map<String, String> environment = new HashMap<>(database.environment());
      environment.put("CAMUNDA_BPM_ADMINUSER_PASSWORD", "bench-admin-secret");
      environment.put("PERMISO_ABUSE_INTAKESPERADDRESS", "100000");
      try (PackagedApp app = start(true, "first-" + round, environment)) {
        app.awaitHealthy(Duration.ofMinutes(3), Duration.ofMillis(100));
        firstStart.add(processRunningFor(app) * 1000);
      }
      // Each round restarts both ways on its database, the order swapped every round.
      boolean shippedFirst = round % 2 == 0;
      restart(shippedFirst, round, environment);
      restart(!shippedFirst, round, environment);
    }
    Figures shipped = figures.get(true);
    Figures plain = figures.get(false);
    String table = """
        | measured | median | p95 | min | max | rounds |
        |---|---|---|---|---|---|
        %s
        %s
        %s
        %s
        %s
        %s
        %s
        %s
        %s
        %s
        %s
        """.formatted(
        BenchReport.Spread.of(firstStart).row("first start, empty database, documented way: ms until started (JVM's own count)"),
        BenchReport.Spread.of(shipped.started).row("restart, documented way: ms until started (JVM's own count)"),
        BenchReport.Spread.of(plain.started).row("restart, `java -jar`: ms until started (JVM's own count)"),
        BenchReport.Spread.of(shipped.ready).row("**restart, documented way: ms from launch until /actuator/health answers 200**"),
        BenchReport.Spread.of(plain.ready).row("restart, `java -jar`: ms from launch until /actuator/health answers 200"),
        BenchReport.Spread.of(shipped.rssReady).row("**resident memory when ready, documented way, MiB**"),
        BenchReport.Spread.of(plain.rssReady).row("resident memory when ready, `java -jar`, MiB"),
        BenchReport.Spread.of(shipped.rssWorked).row("resident memory after " + INTAKES + " intakes, documented way, MiB"),
        BenchReport.Spread.of(plain.rssWorked).row("resident memory after " + INTAKES + " intakes, `java -jar`, MiB"),
        BenchReport.Spread.of(shipped.intakes).row(INTAKES + " intakes one after the other right after the start, documented way, ms"),
        BenchReport.Spread.of(plain.intakes).row(INTAKES + " intakes one after the other right after the start, `java -jar`, ms"));
    BenchReport.write("startup", """
        ## Start-up and memory

        The documented way (`java -XX:SharedArchiveFile=target/permiso/permiso.jsa %s %s -jar
        target/permiso/permiso.jar`, docs/operations.md; the Docker image runs the same) and, for
        comparison, `java %s -jar target/permiso-*.jar`, on PostgreSQL (%s), %d rounds. Each round
        takes a new database: a first start that creates the schema (the documented way), then a
        restart each way on that database, one after the other (which goes first alternates), each
        followed by %d intakes. "Started" is the time Spring Boot logs from the JVM's start; ready is
        the first 200 from `/actuator/health`, asked every 50 ms; resident memory is the process's
        VmRSS (the machine line below describes the benchmark's own JVM). Goals (ADR 011): a restart
        ready within 5 s, at most 400 MiB resident when ready.

        %s

        %s
        """.formatted(String.join(" ", PackagedApp.SHIPPED_OPTIONS), HEAP, HEAP, TestPostgres.describeServer(),
        ROUNDS, INTAKES, table.strip(),
        BenchReport.machine("PostgreSQL (" + TestPostgres.describeServer() + ")")));
  }

  private void restart(boolean shipped, int round, Map<String, String> environment) throws Exception {
    Figures into = figures.get(shipped);
    long launched = System.nanoTime();
    try (PackagedApp app = start(shipped, (shipped ? "restart-" : "restart-java-jar-") + round, environment)) {
      app.awaitHealthy(Duration.ofMinutes(3), Duration.ofMillis(50));
      into.ready.add((System.nanoTime() - launched) / 1e6);
      into.started.add(processRunningFor(app) * 1000);
      into.rssReady.add(app.residentKib() / 1024.0);
      if (shipped) {
        assertThat(app.mappedClassDataArchive()).as("the class data archive was used").isTrue();
      }
      long first = System.nanoTime();
      for (int i = 0; i < INTAKES; i++) {
        HttpResponse<String> started = app.http().postJson("/api/intake", intake((round * 2 + (shipped ? 0 : 1)) * 1000 + i));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
      }
      into.intakes.add((System.nanoTime() - first) / 1e6);
      into.rssWorked.add(app.residentKib() / 1024.0);
    }
  }

  private PackagedApp start(boolean shipped, String name, Map<String, String> environment) {
    return shipped
        ? PackagedApp.start(work, name, environment, HEAP, "-Duser.timezone=UTC", "-Xlog:cds")
        : PackagedApp.startFatJar(work, name, environment, HEAP, "-Duser.timezone=UTC");
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

  /** What one way of starting measured, a figure per round. */
  private static final class Figures {
    final List<Double> started = new ArrayList<>();
    final List<Double> ready = new ArrayList<>();
    final List<Double> rssReady = new ArrayList<>();
    final List<Double> rssWorked = new ArrayList<>();
    final List<Double> intakes = new ArrayList<>();
  }
}
