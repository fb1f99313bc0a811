package mx.permiso;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mx.permiso.support.Http;
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

    assertThat(app.log()).as("beans worked out at build time (ADR 016)").contains("Starting AOT-processed PermisoApplication");
    JsonNode health = Http.json(app.http().get("/actuator/health", "admin", matcher.group(1)));
    assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
    assertThat(health.at("/components/mail").isMissingNode()).as("no SMTP server, no mail check").isTrue();

    // The web apps' plugin scripts come from Camunda's web app jar in lib/, named by the jar's Class-Path:
    // without them Tasklist and Cockpit never finish loading.
    for (String plugin : List.of("tasklist/plugin/tasklistPlugins", "cockpit/plugin/cockpitPlugins",
        "admin/plugin/adminPlugins")) {
      HttpResponse<String> script = app.http().get("/camunda/api/" + plugin + "/static/app/plugin.js");
      assertThat(script.statusCode()).as(plugin).isEqualTo(200);
      assertThat(script.headers().firstValue("Content-Type")).as(plugin).hasValueSatisfying(type ->
          assertThat(type).startsWith("text/javascript"));
    }
  }

  /**
   * The packaged application's beans are worked out when it is built, with no profile and no SMTP server
   * (ADR 016); what settings given at start switch on still comes on: the demo profile's staff members,
   * the SMTP server and its health check.
   */
  @Test
  void settingsGivenAtStartSwitchOnWhatTheBuildDidNotHave() throws Exception {
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try {
      Map<String, String> environment = new HashMap<>(TestPostgres.newDatabase().environment());
      environment.put("SPRING_PROFILES_ACTIVE", "demo");
      environment.put("SPRING_MAIL_HOST", "127.0.0.1");
      environment.put("SPRING_MAIL_PORT", String.valueOf(smtp.getSmtp().getPort()));
      app = PackagedApp.start(workingDirectory, "app", environment).awaitHealthy(Duration.ofMinutes(3));

      assertThat(app.log()).contains("Starting AOT-processed PermisoApplication");
      assertThat(app.http().get("/cases.csv", "lucia", "demo").statusCode()).as("legal-staff member of the demo").isEqualTo(200);
      JsonNode health = Http.json(app.http().get("/actuator/health", "mateo", "demo"));
      assertThat(health.at("/components/mail/status").asText()).as("manager of the demo sees the SMTP check").isEqualTo("UP");
    } finally {
      smtp.stop();
    }
  }
}
