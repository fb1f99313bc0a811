package mx.permiso.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import mx.permiso.support.Http;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.SampleCase;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * An intake that loses the race for the case number counter (here: another transaction holds the
 * counter row longer than the lock may be waited for) is tried again as a new transaction; one that
 * loses every time is answered 503 with {@code Retry-After}, in the API's error format or on the
 * intake page, and leaves nothing behind: no case, no case number used up.
 */
@PostgresApplicationTest
@TestPropertySource(properties = {
    "permiso.abuse.intakes-per-address=100000",
    // PostgreSQL waits for a lock for ever by default; here a wait fails after a second, to lose races on purpose.
    "spring.datasource.hikari.connection-init-sql=set lock_timeout = '1s'"})
@ExtendWith(OutputCaptureExtension.class)
class IntakeLockConflictIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;

  @Autowired
  DataSource dataSource;

  @Autowired
  RuntimeService runtime;

  @Test
  void anIntakeThatKeepsLosingTheRaceForTheCounterIsAskedToComeBackAndLeavesNothingBehind() throws Exception {
    String first = caseNumber(submit(1));
    long cases = cases();

    HttpResponse<String> api;
    HttpResponse<String> page;
    try (Connection holder = holdCounterRow()) {
      api = submit(2);
      Http browser = Http.at(port);
      page = browser.postForm("/intake", pageIntake(Http.csrfToken(browser.page("/intake?lang=es", "es"))));
      holder.rollback();
    }

    assertThat(api.statusCode()).as(api.body()).isEqualTo(503);
    assertThat(api.headers().firstValue("Retry-After")).hasValue("5");
    JsonNode errors = JSON.readTree(api.body()).get("errors");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).get("field").asText()).isEqualTo("body");
    assertThat(errors.get(0).get("message").asText()).contains("Nothing was stored", "send it again");

    assertThat(page.statusCode()).isEqualTo(503);
    assertThat(page.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(page.body()).as("the form, in Spanish, with what the client wrote")
        .contains("No se guardó nada", "envíela de nuevo", "href=\"#intake-form\"", "value=\"María Busy\"");
    assertThat(cases()).as("no case started").isEqualTo(cases);

    String next = caseNumber(submit(3));
    assertThat(sequence(next)).as("no case number used up by the refused intakes").isEqualTo(sequence(first) + 1);
  }

  @Test
  void anIntakeThatLosesTheRaceOnceIsTriedAgainAndStartsItsCase(CapturedOutput output) throws Exception {
    String first = caseNumber(submit(11));
    CompletableFuture<HttpResponse<String>> answer;
    try (Connection holder = holdCounterRow()) {
      answer = CompletableFuture.supplyAsync(() -> submit(12));
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
          .until(() -> output.getOut().contains("An intake lost the race for a lock and is tried again (2 of 3)"));
      holder.rollback();
    }

    String started = caseNumber(answer.get(30, TimeUnit.SECONDS));
    assertThat(sequence(started)).isEqualTo(sequence(first) + 1);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(started).list())
        .as("started once").hasSize(1)
        .allSatisfy(instance -> assertThat(runtime.getVariable(instance.getId(), "clientName"))
            .isEqualTo(SampleCase.clientName(12)));
  }

  private HttpResponse<String> submit(int client) {
    return Http.at(port).postJson("/api/intake", SampleCase.intakeJson(client));
  }

  /** Another transaction taking the counter row of this year (the only one) and keeping it until rolled back. */
  private Connection holdCounterRow() throws Exception {
    Connection connection = dataSource.getConnection();
    connection.setAutoCommit(false);
    try (PreparedStatement lock = connection.prepareStatement("select last_value from case_number_counter for update");
         ResultSet row = lock.executeQuery()) {
      assertThat(row.next()).isTrue();
    }
    return connection;
  }

  private long cases() {
    return runtime.createProcessInstanceQuery().processDefinitionKey("exit-reentry-permit").count();
  }

  private static String caseNumber(HttpResponse<String> answer) throws Exception {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    return JSON.readTree(answer.body()).get("caseNumber").asText();
  }

  private static int sequence(String caseNumber) {
    return Integer.parseInt(caseNumber.substring(caseNumber.lastIndexOf('-') + 1));
  }

  private static Map<String, String> pageIntake(String csrf) {
    LocalDate today = LocalDate.now(ZoneId.of("America/Mexico_City"));
    Map<String, String> form = new HashMap<>(Map.of("_csrf", csrf, "lang", "es", "clientName", "María Busy",
        "clientEmail", "maria.busy@example.com", "phone", "+52 442 123 4567", "language", "es",
        "scenario", "CANJE_PENDING", "nut", "NUT-778899", "inmOffice", "Querétaro",
        "departureDate", today.plusDays(20).toString()));
    form.putAll(Map.of("plannedReturnDate", today.plusDays(50).toString(), "acceptTerms", "true",
        "acceptPrivacy", "true", "numeroPieza", "", "emergencyReason", ""));
    return form;
  }
}
