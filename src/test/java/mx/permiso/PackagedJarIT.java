package mx.permiso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mx.permiso.support.Http;
import mx.permiso.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, started as operators start it, against an external PostgreSQL given only
 * SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD.
 */
class PackagedJarIT {

  private static final Pattern GENERATED = Pattern.compile("generated password:\\s+(\\S+)");

  @TempDir
  Path workingDirectory;

  private Process app;

  @AfterEach
  void stop() throws InterruptedException {
    if (app != null) {
      app.destroy();
      if (!app.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        app.destroyForcibly();
      }
    }
  }

  @Test
  void jarRunsOnExternalPostgresGivenOnlyTheThreeDatasourceVariables() throws Exception {
    TestPostgres.Database database = TestPostgres.newDatabase();
    int port = freePort();
    Path log = workingDirectory.resolve("app.log");
    ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-jar", packagedJar().toString())
        .directory(workingDirectory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("CAMUNDA_") || name.startsWith("PERMISO_"));
    env.put("SPRING_DATASOURCE_URL", database.url());
    env.put("SPRING_DATASOURCE_USERNAME", database.username());
    env.put("SPRING_DATASOURCE_PASSWORD", database.password());
    env.put("SERVER_PORT", String.valueOf(port));
    app = builder.start();

    Http http = Http.at(port);
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
        .until(() -> {
          assertThat(app.isAlive()).as("app still running; log:%n%s", Files.readString(log)).isTrue();
          return healthStatus(http) == 200;
        });

    Matcher matcher = GENERATED.matcher(Files.readString(log));
    assertThat(matcher.find()).as("generated admin password in the log").isTrue();
    HttpResponse<String> definitions = http.get("/engine-rest/process-definition", "admin", matcher.group(1));
    assertThat(definitions.statusCode()).isEqualTo(200);
    assertThat(definitions.body()).contains("exit-reentry-permit");

    try (Connection connection = database.connect();
         ResultSet rs = connection.createStatement().executeQuery(
             "select count(*) from act_re_procdef where key_ = 'exit-reentry-permit'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isOne();
    }
    assertThat(workingDirectory.resolve("data")).as("no H2 fallback").doesNotExist();
  }

  private static int healthStatus(Http http) {
    try {
      return http.get("/actuator/health").statusCode();
    } catch (RuntimeException notYetListening) {
      return -1;
    }
  }

  private static Path packagedJar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files.filter(path -> path.getFileName().toString().matches("permiso-.*\\.jar"))
          .map(Path::toAbsolutePath)
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("No packaged jar in target/: run 'mvn verify'"));
    }
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
