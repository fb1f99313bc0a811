package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.USER_TASK_REVIEW_INTAKE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mx.permiso.deadlines.PeopleDates;
import mx.permiso.mail.MailDispatcher;
import mx.permiso.security.StaffGroups;
import mx.permiso.support.GreenMailApplicationTest;
import mx.permiso.support.Http;
import mx.permiso.support.LiveCase;
import mx.permiso.support.ReceivedMail;
import mx.permiso.support.TestUsers;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The emergency fast track on the running application: an emergency intake posted to the public
 * API goes ahead of a routine one in Tasklist, the firm's inbox hears of it at once, and legal
 * staff and managers find it in their "Emergencies" filter.
 */
@GreenMailApplicationTest
@TestPropertySource(properties = "permiso.mail.staff-address=inbox@firm.example")
class EmergencyFastTrackIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STAFF = "emergency-lucia";
  private static final String MANAGER = "emergency-mateo";

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

  @Autowired
  ProcessEngine engine;

  @Autowired
  MailDispatcher dispatcher;

  @LocalServerPort
  int port;

  @BeforeEach
  void realTime() {
    ClockUtil.reset();
  }

  private static ObjectNode intake(String scenario, String clientName) {
    LocalDate today = LocalDate.now(ZoneId.of("America/Mexico_City"));
    ObjectNode intake = JSON.createObjectNode();
    intake.put("clientName", clientName);
    intake.put("clientEmail", clientName.toLowerCase().replace(' ', '.') + "@example.com");
    intake.put("phone", "+52 442 123 4567");
    intake.put("language", "en");
    intake.put("scenario", scenario);
    intake.put("nut", "NUT-2026/123456");
    intake.put("numeroPieza", "PZ-987");
    intake.put("inmOffice", "Querétaro");
    intake.put("departureDate", today.plusDays(10).toString());
    intake.put("plannedReturnDate", today.plusDays(30).toString());
    intake.put("acceptTerms", true);
    intake.put("acceptPrivacy", true);
    return intake;
  }

  private String post(ObjectNode intake) throws Exception {
    HttpResponse<String> response = Http.at(port).postJson("/api/intake", intake.toString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).get("caseNumber").asText();
  }

  @Test
  void anEmergencyIntakeGoesFirstAlertsTheFirmAndIsInTheEmergenciesFilterOfStaffAndManagers() throws Exception {
    TestUsers.ensure(engine.getIdentityService(), STAFF, StaffGroups.LEGAL_STAFF);
    TestUsers.ensure(engine.getIdentityService(), MANAGER, StaffGroups.MANAGERS);
    ObjectNode emergencyIntake = intake("EMERGENCY", "Elena Urgente");
    emergencyIntake.put("emergencyReason", "My father is in intensive care in Lyon");
    String emergencyCase = post(emergencyIntake);
    String routineCase = post(intake("CANJE_PENDING", "Rita Rutina"));

    Task emergency = LiveCase.existing(engine, emergencyCase).awaitTask(USER_TASK_REVIEW_INTAKE);
    Task routine = LiveCase.existing(engine, routineCase).awaitTask(USER_TASK_REVIEW_INTAKE);
    assertThat(emergency.getPriority()).isEqualTo(80).isGreaterThan(routine.getPriority());
    assertThat(routine.getPriority()).isEqualTo(50);
    // Arrived first and due within an office hour; the routine one gets an office day.
    assertThat(emergency.getDueDate()).isBefore(routine.getDueDate());

    // The firm's inbox, as a mail client shows it.
    ReceivedMail.deliverAll(dispatcher);
    List<MimeMessage> alerts = ReceivedMail.ofCase(SMTP.getReceivedMessages(), emergencyCase, "inbox@firm.example");
    assertThat(alerts).hasSize(1);
    String flight = new PeopleDates("en").of(emergencyIntake.get("departureDate").asText());
    assertThat(alerts.get(0).getSubject()).isEqualTo("EMERGENCY intake " + emergencyCase + ": flight on " + flight);
    assertThat(ReceivedMail.text(alerts.get(0))).contains("Case: " + emergencyCase, "Elena Urgente",
        "Flight: " + flight, "Reason: My father is in intensive care in Lyon", "+52 442 123 4567")
        // The client's secret case link stays with the client.
        .doesNotContain("/c/");
    assertThat(ReceivedMail.ofCase(SMTP.getReceivedMessages(), routineCase, "inbox@firm.example"))
        .as("no alert for a routine intake").isEmpty();
    // The client's acknowledgement names what INM needs for an emergency.
    assertThat(ReceivedMail.ofCase(SMTP.getReceivedMessages(), emergencyCase, "elena.urgente@example.com"))
        .singleElement().satisfies(ack -> assertThat(ReceivedMail.text(ack))
            .contains("signed letter stating the force-majeure reason", "ask INM to process your permit at once"));

    for (String user : List.of(STAFF, MANAGER)) {
      JsonNode filters = Http.json(Http.at(port).get("/engine-rest/filter?resourceType=Task", user, TestUsers.PASSWORD));
      JsonNode first = null;
      for (JsonNode filter : filters) {
        if (first == null || filter.get("properties").get("priority").asInt() < first.get("properties").get("priority").asInt()) {
          first = filter;
        }
      }
      assertThat(first).as("filters of " + user).isNotNull();
      assertThat(first.get("name").asText()).as("first filter of " + user).isEqualTo("Emergencies");
      HttpResponse<String> listed = Http.at(port).get("/engine-rest/filter/" + first.get("id").asText() + "/list",
          user, TestUsers.PASSWORD);
      assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
      assertThat(Http.ids(listed)).as("Emergencies of " + user).contains(emergency.getId())
          .doesNotContain(routine.getId());

      // Task names are plain ("Review intake"): Tasklist shows the case and client from the filter's variables.
      HttpResponse<String> hal = Http.at(port).sendJson("POST", "/engine-rest/filter/" + first.get("id").asText()
          + "/list", "{}", user, TestUsers.PASSWORD, Map.of("Accept", "application/hal+json"));
      assertThat(hal.statusCode()).as(hal.body()).isEqualTo(200);
      Map<String, String> shown = new HashMap<>();
      for (JsonNode task : Http.json(hal).path("_embedded").path("task")) {
        if (task.path("id").asText().equals(emergency.getId())) {
          task.path("_embedded").path("variable").forEach(variable ->
              shown.put(variable.path("name").asText(), variable.path("value").asText()));
        }
      }
      assertThat(emergency.getName()).isEqualTo("Review intake");
      assertThat(shown).as("variables Tasklist lists with the task for " + user)
          .containsEntry("caseNumber", emergencyCase).containsEntry("clientName", "Elena Urgente");
    }
  }
}
