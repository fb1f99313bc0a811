package mx.permiso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mx.permiso.support.PackagedApp;
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

  private PackagedApp app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void jarRunsOnExternalPostgresGivenOnlyTheThreeDatasourceVariables() throws Exception {
    TestPostgres.Database database = TestPostgres.newDatabase();
    app = PackagedApp.start(workingDirectory, "app", database.environment()).awaitHealthy(Duration.ofMinutes(3));

    Matcher matcher = GENERATED.matcher(app.log());
    assertThat(matcher.find()).as("generated admin password in the log").isTrue();
    HttpResponse<String> definitions = app.http().get("/engine-rest/process-definition", "admin", matcher.group(1));
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
}
