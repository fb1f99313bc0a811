package mx.permiso.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mx.permiso.PermisoApplication;
import mx.permiso.support.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The zero-setup run: the default H2 file database, no admin password configured. The app
 * creates {@code admin} with a random password, logs it once, and Tasklist serves its login page.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminAccountOnDefaultDatabaseTest {

  private static final Pattern GENERATED = Pattern.compile("generated password:\\s+(\\S+)");

  private final Path dataDir = Path.of("target", "h2-" + UUID.randomUUID());

  @Test
  void firstStartLogsARandomAdminPasswordOnceAndItOpensTasklist(CapturedOutput output) {
    String password;
    try (ConfigurableApplicationContext app = start()) {
      Matcher matcher = GENERATED.matcher(output.getOut());
      assertThat(matcher.find()).as("generated password in the log").isTrue();
      password = matcher.group(1);
      assertThat(password).hasSizeGreaterThanOrEqualTo(20).isNotEqualTo("admin");
      assertThat(matcher.find()).as("printed once").isFalse();

      Http http = Http.at(port(app));
      HttpResponse<String> loginPage = http.get("/camunda/app/tasklist/default/");
      assertThat(loginPage.statusCode()).isEqualTo(200);
      assertThat(loginPage.body()).contains("<html").containsIgnoringCase("tasklist");
    }

    int printedBefore = output.getOut().split("generated password", -1).length;
    try (ConfigurableApplicationContext again = start()) {
      assertThat(output.getOut().split("generated password", -1).length)
          .as("no new password on restart").isEqualTo(printedBefore);
      Http http = Http.at(port(again));
      HttpResponse<String> login = http.webappLogin("tasklist", "admin", password);
      assertThat(login.statusCode()).isEqualTo(200);
      assertThat(login.body()).contains("\"userId\":\"admin\"").contains("\"admin\"").contains("\"cockpit\"");
      // There is no known default password.
      assertThat(Http.at(port(again)).webappLogin("tasklist", "admin", "admin").statusCode()).isEqualTo(401);
    }
  }

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(PermisoApplication.class).run(
        "--server.port=0",
        "--spring.datasource.url=jdbc:h2:file:./" + dataDir.resolve("permiso").toString().replace('\\', '/')
            + ";DB_CLOSE_ON_EXIT=FALSE",
        "--camunda.bpm.job-execution.enabled=false");
  }

  private static int port(ConfigurableApplicationContext app) {
    return ((WebServerApplicationContext) app).getWebServer().getPort();
  }
}
