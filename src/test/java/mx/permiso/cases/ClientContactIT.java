package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.USER_TASK_REVIEW_INTAKE;
import static mx.permiso.support.LiveCase.clockAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mx.permiso.cases.ExitReentryPermitProcess.Variables;
import mx.permiso.mail.MailDispatcher;
import mx.permiso.security.StaffGroups;
import mx.permiso.support.GreenMailApplicationTest;
import mx.permiso.support.Http;
import mx.permiso.support.LiveCase;
import mx.permiso.support.ReceivedMail;
import mx.permiso.support.SampleCase;
import mx.permiso.support.TestUsers;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Staff change a client's contact details with {@code PUT /api/cases/{caseNumber}/client}: the case's
 * variables change, the audit log names who changed what, the replaced address is told (without the
 * case link) and the new one gets the case with a new link, in the client's language; through a real
 * SMTP server (GreenMail), with a real legal staff member and a real manager.
 */
@GreenMailApplicationTest
class ClientContactIT {

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

  private static final String STAFF = "lucia";
  private static final String MANAGER = "mateo";
  private static final Pattern LINK = Pattern.compile("http://localhost:8080/c/([A-Za-z0-9_-]{43})");

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  MailDispatcher dispatcher;

  @Autowired
  JdbcTemplate jdbc;

  @BeforeEach
  void staff() {
    TestUsers.ensure(engine.getIdentityService(), STAFF, StaffGroups.LEGAL_STAFF);
    TestUsers.ensure(engine.getIdentityService(), MANAGER, StaffGroups.MANAGERS);
    clockAt("2026-11-03", "09:00");
  }

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  @Test
  void legalStaffChangeTheClientsEmailAndBothAddressesAreTold() throws Exception {
    String caseNumber = "EXR-2026-0801";
    LiveCase live = new LiveCase(engine, caseNumber).start(SampleCase.intake(caseNumber));
    String oldToken = live.clientToken(jdbc);
    live.awaitTask(USER_TASK_REVIEW_INTAKE);

    HttpResponse<String> changed = Http.at(port).putJson("/api/cases/" + caseNumber + "/client",
        "{\"clientEmail\": \"jane.doe@newmail.example\", \"phone\": \"+52 55 1234 5678\"}", STAFF, TestUsers.PASSWORD);
    JsonNode answer = Http.json(changed);
    assertThat(answer.path("clientEmail").asText()).isEqualTo("jane.doe@newmail.example");
    assertThat(answer.path("changed")).extracting(JsonNode::asText).containsExactly("clientEmail", "phone");
    assertThat(variable(live, Variables.CLIENT_EMAIL)).isEqualTo("jane.doe@newmail.example");
    assertThat(variable(live, Variables.PHONE)).isEqualTo("+52 55 1234 5678");
    assertThat(jdbc.queryForObject("select client_email from case_summary where case_number = ?", String.class,
        caseNumber)).as("the case board").isEqualTo("jane.doe@newmail.example");

    List<Map<String, Object>> audit = jdbc.queryForList(
        "select actor, action, detail from audit_event where case_number = ?", caseNumber);
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0)).containsEntry("actor", STAFF).containsEntry("action", "ClientContactChanged");
    assertThat((String) audit.get(0).get("detail"))
        .contains("clientEmail: jane@example.com -> jane.doe@newmail.example").contains("+52 55 1234 5678");

    deliverAll();
    List<MimeMessage> toOld = to("jane@example.com", caseNumber);
    List<MimeMessage> toNew = to("jane.doe@newmail.example", caseNumber);
    assertThat(toOld).extracting(MimeMessage::getSubject).containsExactly(
        "Your exit and re-entry permit request " + caseNumber,
        "This address no longer receives emails about case " + caseNumber);
    String replaced = ReceivedMail.text(toOld.get(1));
    assertThat(replaced).contains("replaced this email address", "call us").doesNotContain("/c/")
        .doesNotContain("newmail");
    assertThat(toNew).extracting(MimeMessage::getSubject)
        .containsExactly("Your contact details for case " + caseNumber + " were updated");
    String welcome = ReceivedMail.text(toNew.get(0));
    assertThat(welcome).contains("jane.doe@newmail.example", "+52 55 1234 5678", "English");
    Matcher link = LINK.matcher(welcome);
    assertThat(link.find()).as("the case link, for the new address").isTrue();
    assertThat(link.group(1)).isNotEqualTo(oldToken);

    // The old mailbox's link is dead; the new one opens the case.
    Http client = Http.at(port);
    assertThat(client.get("/c/" + oldToken).statusCode()).isEqualTo(404);
    assertThat(client.get("/c/" + link.group(1)).statusCode()).isEqualTo(200);
  }

  @Test
  void aManagerChangesASpanishClientsEmailAndBothAreWrittenInSpanish() throws Exception {
    String caseNumber = "EXR-2026-0802";
    Map<String, Object> intake = SampleCase.intake(caseNumber);
    intake.putAll(Map.of("language", "es", "clientName", "Ana Pérez", "clientEmail", "ana@example.mx"));
    LiveCase live = new LiveCase(engine, caseNumber).start(intake);
    live.clientToken(jdbc);
    live.awaitTask(USER_TASK_REVIEW_INTAKE);

    HttpResponse<String> changed = Http.at(port).putJson("/api/cases/" + caseNumber + "/client",
        "{\"clientEmail\": \"ana.perez@correo.example\", \"clientName\": \"Ana Pérez López\"}", MANAGER,
        TestUsers.PASSWORD);
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(jdbc.queryForObject("select actor from audit_event where case_number = ?", String.class, caseNumber))
        .isEqualTo(MANAGER);

    deliverAll();
    assertThat(to("ana@example.mx", caseNumber)).extracting(MimeMessage::getSubject)
        .endsWith("Esta dirección ya no recibe correos del caso " + caseNumber);
    List<MimeMessage> toNew = to("ana.perez@correo.example", caseNumber);
    assertThat(toNew).extracting(MimeMessage::getSubject)
        .containsExactly("Actualizamos sus datos de contacto del caso " + caseNumber);
    assertThat(ReceivedMail.text(toNew.get(0))).contains("Buen día, Ana Pérez López:", "Su caso en línea: ");
  }

  @Test
  void wrongFieldsUnknownOrEndedCasesAndStrangersChangeNothing() {
    String caseNumber = "EXR-2026-0803";
    LiveCase live = new LiveCase(engine, caseNumber).start(SampleCase.intake(caseNumber));
    live.awaitTask(USER_TASK_REVIEW_INTAKE);
    Http http = Http.at(port);
    String path = "/api/cases/" + caseNumber + "/client";

    HttpResponse<String> badEmail = http.putJson(path, "{\"clientEmail\": \"jane at example\"}", STAFF,
        TestUsers.PASSWORD);
    assertThat(badEmail.statusCode()).isEqualTo(400);
    assertThat(badEmail.body()).contains("\"field\":\"clientEmail\"").contains("not a valid email address");
    HttpResponse<String> notContact = http.putJson(path, "{\"returnByDate\": \"2027-12-31\", \"language\": \"fr\"}",
        STAFF, TestUsers.PASSWORD);
    assertThat(notContact.statusCode()).isEqualTo(400);
    assertThat(notContact.body()).contains("\"field\":\"returnByDate\"").contains("\"field\":\"language\"");
    assertThat(http.putJson(path, "{\"clientEmail\": \"x@example.com\"}", "nobody", "guess").statusCode())
        .isEqualTo(401);
    assertThat(http.putJson("/api/cases/EXR-2026-9999/client", "{\"clientEmail\": \"x@example.com\"}", STAFF,
        TestUsers.PASSWORD).statusCode()).isEqualTo(404);
    assertThat(variable(live, Variables.CLIENT_EMAIL)).isEqualTo("jane@example.com");
    assertThat(variable(live, Variables.RETURN_BY_DATE)).isNull();
    assertThat(jdbc.queryForObject("select count(*) from audit_event where case_number = ?", Integer.class,
        caseNumber)).isZero();

    live.correlate(ExitReentryPermitProcess.Messages.CASE_CANCELLED, Map.of()).awaitEnded();
    HttpResponse<String> ended = http.putJson(path, "{\"clientEmail\": \"x@example.com\"}", STAFF, TestUsers.PASSWORD);
    assertThat(ended.statusCode()).as(ended.body()).isEqualTo(409);
    assertThat(ended.body()).contains("has ended");
  }

  private void deliverAll() {
    ReceivedMail.deliverAll(dispatcher);
  }

  /** The emails of the case that reached this address, in the order they arrived. */
  private static List<MimeMessage> to(String address, String caseNumber) {
    return ReceivedMail.ofCase(SMTP.getReceivedMessages(), caseNumber, address);
  }

  private Object variable(LiveCase live, String name) {
    return engine.getRuntimeService().getVariable(live.instanceId(), name);
  }
}
