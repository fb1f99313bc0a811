package mx.permiso.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import mx.permiso.security.StaffGroups;
import mx.permiso.support.Http;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.TestUsers;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** {@code POST /api/intake} on PostgreSQL: cases start from good intakes, and nothing else does. */
@PostgresApplicationTest
// Hundreds of intakes from one address: the limit per address is proved in AbuseLimitsIT.
@TestPropertySource(properties = "permiso.abuse.intakes-per-address=100000")
class IntakeApiIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FIELDS = List.of("clientName", "clientEmail", "phone", "language", "scenario",
      "nut", "numeroPieza", "inmOffice", "departureDate", "plannedReturnDate", "emergencyReason", "acceptTerms",
      "acceptPrivacy");

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  JdbcTemplate jdbc;

  private static LocalDate today() {
    return LocalDate.now(ZoneId.of("America/Mexico_City"));
  }

  private static ObjectNode valid() {
    ObjectNode intake = JSON.createObjectNode();
    intake.put("clientName", "Jane O'Neil-Pérez");
    intake.put("clientEmail", "jane@example.com");
    intake.put("phone", "+52 442 123 4567");
    intake.put("language", "en");
    intake.put("scenario", "CANJE_PENDING");
    intake.put("nut", "NUT-2026/123456");
    intake.put("numeroPieza", "PZ-987");
    intake.put("inmOffice", "Querétaro");
    intake.put("departureDate", today().plusDays(14).toString());
    intake.put("plannedReturnDate", today().plusDays(40).toString());
    intake.put("acceptTerms", true);
    intake.put("acceptPrivacy", true);
    return intake;
  }

  private HttpResponse<String> post(String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/intake"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Cases, case numbers handed out, messages and links: what an intake would leave behind. */
  private List<Long> footprint() {
    // Let earlier cases' background steps (their acknowledgements) finish first.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
        engine.getManagementService().createJobQuery().executable().count() == 0);
    return List.of(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("exit-reentry-permit").count(),
        jdbc.queryForObject("select coalesce(sum(last_value), 0) from case_number_counter", Long.class),
        jdbc.queryForObject("select count(*) from outbox_message", Long.class),
        jdbc.queryForObject("select count(*) from client_link", Long.class));
  }

  @Test
  void aGoodIntakeStartsACaseAndAnswersWithItsNumber() throws Exception {
    HttpResponse<String> response = post(valid().toString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String caseNumber = JSON.readTree(response.body()).path("caseNumber").asText();
    assertThat(caseNumber).matches("EXR-" + today().getYear() + "-\\d{4}");
    assertThat(response.headers().firstValue("Location")).hasValue("/api/cases/" + caseNumber);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).count()).isOne();
    assertThat(engine.getRuntimeService().createVariableInstanceQuery().variableName("clientName").list())
        .anySatisfy(variable -> assertThat(variable.getValue()).isEqualTo("Jane O'Neil-Pérez"));

    TestUsers.ensure(engine.getIdentityService(), "lucia", StaffGroups.LEGAL_STAFF);
    HttpResponse<String> summary = Http.at(port).get("/api/cases/" + caseNumber, "lucia", TestUsers.PASSWORD);
    assertThat(summary.statusCode()).isEqualTo(200);
    assertThat(summary.body()).contains("\"state\":\"ACTIVE\"", "Jane O'Neil-Pérez");
    assertThat(Http.at(port).get("/api/cases/" + caseNumber).statusCode()).as("staff only").isEqualTo(401);

    String next = JSON.readTree(post(valid().toString()).body()).path("caseNumber").asText();
    assertThat(Integer.parseInt(next.substring(9))).isEqualTo(Integer.parseInt(caseNumber.substring(9)) + 1);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "clientName        | NULL",
      "clientName        | '<script>alert(1)</script>'",
      "clientEmail       | 'jane.example.com'",
      "phone             | 'call me'",
      "language          | 'fr'",
      "scenario          | 'TOURIST'",
      "nut               | 'NUT 123; DROP TABLE'",
      "numeroPieza       | '<b>1</b>'",
      "inmOffice         | ''",
      "departureDate     | '2026-02-30'",
      "departureDate     | 'PAST'",
      "plannedReturnDate | 'BEFORE_DEPARTURE'",
      "emergencyReason   | 'I am not in an emergency'",
      "acceptTerms       | 'FALSE'",
      "acceptPrivacy     | NULL"
  })
  void aBadValueIsRefusedNamingItsField(String field, String value) throws Exception {
    List<Long> before = footprint();
    ObjectNode intake = valid();
    switch (value == null ? "NULL" : value) {
      case "NULL" -> intake.remove(field);
      case "PAST" -> intake.put(field, today().minusDays(1).toString());
      case "BEFORE_DEPARTURE" -> intake.put(field, today().plusDays(10).toString());
      case "FALSE" -> intake.put(field, false);
      default -> intake.put(field, value);
    }

    HttpResponse<String> response = post(intake.toString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("errors").findValuesAsText("field")).contains(field);
    assertThat(footprint()).isEqualTo(before);
  }

  @Test
  void messagesComeInSpanishWhenTheCallerAsksForIt() throws Exception {
    ObjectNode intake = valid();
    intake.put("departureDate", today().minusDays(1).toString());
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/api/intake")).header("Content-Type", "application/json")
        .header("Accept-Language", "es-MX,es;q=0.9").POST(HttpRequest.BodyPublishers.ofString(intake.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("errors").get(0).path("message").asText())
        .isEqualTo("La fecha de salida ya pasó.");
    assertThat(JSON.readTree(post(intake.toString()).body()).path("errors").get(0).path("message").asText())
        .as("English otherwise").isEqualTo("The departure date has already passed.");
  }

  @Test
  void anEmergencyNeedsItsReasonAndACaseNeedsANutOrPieza() throws Exception {
    ObjectNode emergency = valid();
    emergency.put("scenario", "EMERGENCY");
    assertThat(JSON.readTree(post(emergency.toString()).body()).path("errors").findValuesAsText("field"))
        .containsExactly("emergencyReason");
    ObjectNode noReference = valid();
    noReference.remove("nut");
    noReference.remove("numeroPieza");
    assertThat(JSON.readTree(post(noReference.toString()).body()).path("errors").findValuesAsText("field"))
        .containsExactly("nut");
  }

  @Test
  void twoHundredMalformedOrMaliciousPayloadsGetOnly4xxAndLeaveNothingBehind() throws Exception {
    List<Long> before = footprint();
    Random random = new Random(20261124);
    Object[] poison = {"<script>alert(document.cookie)</script>", "' OR 1=1; DROP TABLE outbox_message; --",
        "x".repeat(100_000), "javascript:alert(1)", "\u0000\u0001\u0002", JSON.createArrayNode(),
        JSON.createObjectNode().put("$gt", ""), "../../../../etc/passwd", "${7*7}", "\uD83D\uDE00".repeat(50)};
    List<String> payloads = new ArrayList<>(List.of("", "{", "[]", "null", "\"intake\"", "{\"clientName\":",
        "{}".repeat(3), "{\"a\":".repeat(500) + "1" + "}".repeat(500)));
    while (payloads.size() < 200) {
      ObjectNode intake = valid();
      int changes = 1 + random.nextInt(3);
      for (int i = 0; i < changes; i++) {
        String field = FIELDS.get(random.nextInt(FIELDS.size()));
        Object bad = poison[random.nextInt(poison.length)];
        if (bad instanceof String text) {
          intake.put(field, text);
        } else {
          intake.set(field, (com.fasterxml.jackson.databind.JsonNode) bad);
        }
      }
      if (random.nextInt(10) == 0) {
        intake.put("isAdmin", true);
      }
      payloads.add(intake.toString());
    }

    for (String payload : payloads) {
      HttpResponse<String> response = post(payload);
      assertThat(response.statusCode()).as(payload.length() > 200 ? payload.substring(0, 200) : payload)
          .isBetween(400, 499);
      assertThat(response.body()).doesNotContain("Exception", "at mx.permiso", "<script>");
    }
    assertThat(footprint()).isEqualTo(before);
  }
}
