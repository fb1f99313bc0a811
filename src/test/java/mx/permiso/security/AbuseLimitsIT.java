package mx.permiso.security;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.RECEIVE_TASK_AWAIT_DOCUMENTS;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.USER_TASK_REVIEW_INTAKE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import mx.permiso.support.Http;
import mx.permiso.support.LiveCase;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.SampleCase;
import mx.permiso.support.SampleFiles;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The public surface's limits on PostgreSQL: intakes and uploads per address, and bodies too
 * large or of unknown length refused before they are read.
 */
@PostgresApplicationTest
@TestPropertySource(properties = {
    "permiso.abuse.intakes-per-address=3",
    "permiso.abuse.uploads-per-address=2",
    "permiso.abuse.actions-per-address=2",
    "permiso.abuse.window=PT1H",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"
})
class AbuseLimitsIT {

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  JdbcTemplate jdbc;

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  private HttpResponse<String> postJson(String body) throws Exception {
    return postJson("/api/intake", body);
  }

  private HttpResponse<String> postJson(String path, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json").header("Accept-Language", "es")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anAddressMayStartOnlySoManyCasesAnHourByPageOrApi() throws Exception {
    ClockUtil.setCurrentTime(new Date());
    // The same intake however its path is spelled.
    for (String path : List.of("/api/intake", "/api/%69ntake", "/api/intake")) {
      assertThat(postJson(path, "{}").statusCode()).as("%s, refused for its content", path).isEqualTo(400);
    }

    HttpResponse<String> fourth = postJson("/api/%69ntake", "{}");
    assertThat(fourth.statusCode()).isEqualTo(429);
    assertThat(fourth.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(seconds ->
        assertThat(seconds).isBetween(3000L, 3600L));
    assertThat(fourth.body()).contains("\"field\":\"body\"", "Demasiadas peticiones");
    Http browser = Http.at(port);
    String csrf = Http.csrfToken(browser.page("/intake", "en"));
    HttpResponse<String> page = browser.postForm("/intake", Map.of("_csrf", csrf, "clientName", "Jane"));
    assertThat(page.statusCode()).isEqualTo(429);
    assertThat(page.body()).contains("Too many requests from your connection");

    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofMinutes(61).toMillis()));
    assertThat(postJson("{}").statusCode()).as("an hour later").isEqualTo(400);
  }

  @Test
  void bodiesTooLargeOrOfUnknownLengthAreRefusedBeforeTheyAreRead() throws Exception {
    ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + Duration.ofDays(1).toMillis()));
    long casesBefore = engine.getHistoryService().createHistoricProcessInstanceQuery().count();

    HttpResponse<String> hugeJson = postJson("{\"clientName\":\"" + "x".repeat(70_000) + "\"}");
    assertThat(hugeJson.statusCode()).isEqualTo(413);
    assertThat(hugeJson.body()).contains("\"field\":\"body\"", "demasiado grande");
    assertThat(postJson("/api/%69ntake", "{\"clientName\":\"" + "x".repeat(70_000) + "\"}").statusCode())
        .as("spelled otherwise").isEqualTo(413);

    HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/api/intake")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("{}".getBytes()))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).isEqualTo(411);

    Http browser = Http.at(port);
    String csrf = Http.csrfToken(browser.page("/intake", "en"));
    HttpResponse<String> hugeForm = browser.postForm("/intake", Map.of("_csrf", csrf, "clientName", "x".repeat(70_000)));
    assertThat(hugeForm.statusCode()).isEqualTo(413);
    assertThat(hugeForm.body()).contains("What you sent is too large.");
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isEqualTo(casesBefore);
  }

  @Test
  void anAddressMayUploadOnlySoManyFilesAnHour() {
    LiveCase.clockAt("2026-11-03", "09:00");
    String caseNumber = "EXR-2026-0601";
    String token = new LiveCase(engine, caseNumber).start(SampleCase.intake(caseNumber))
        .complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true)).awaitAt(RECEIVE_TASK_AWAIT_DOCUMENTS)
        .clientToken(jdbc);
    Http browser = Http.at(port);
    String csrf = Http.csrfToken(browser.page("/c/" + token, "en"));
    Map<String, String> fields = Map.of("_csrf", csrf, "kind", "FLIGHT_ITINERARY");

    assertThat(browser.postFile("/c/" + token + "/documents", fields, "a.pdf", SampleFiles.pdf("a")).statusCode())
        .isEqualTo(302);
    assertThat(browser.postFile("/c/" + token + "/documents", fields, "b.pdf", SampleFiles.pdf("b")).statusCode())
        .isEqualTo(302);
    HttpResponse<String> third = browser.postFile("/c/" + token + "/document%73", fields, "c.pdf", SampleFiles.pdf("c"));
    assertThat(third.statusCode()).as("the upload address spelled otherwise").isEqualTo(429);
    assertThat(third.headers().firstValue("Retry-After")).isPresent();
    assertThat(jdbc.queryForObject("select count(*) from case_document where case_number = ?", Long.class, caseNumber))
        .isEqualTo(2);
    assertThat(browser.page("/c/" + token, "en").statusCode()).as("reading the page is not limited").isEqualTo(200);

    // The page's other changes have a limit of their own.
    Map<String, String> token2 = Map.of("_csrf", csrf);
    assertThat(browser.postForm("/c/" + token + "/actions/DepartureConfirmed", token2).statusCode()).isEqualTo(409);
    assertThat(browser.postForm("/c/" + token + "/actions/DepartureConfirmed", token2).statusCode()).isEqualTo(409);
    assertThat(browser.postForm("/c/" + token + "/actions/DocumentsSubmitted", token2).statusCode()).isEqualTo(429);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
        .activityIdIn(RECEIVE_TASK_AWAIT_DOCUMENTS).count()).as("still waiting for the documents").isOne();
  }
}
