package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.USER_TASK_REVIEW_INTAKE;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.USER_TASK_VERIFY_DOCUMENTS;
import static mx.permiso.support.LiveCase.clockAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mx.permiso.cases.ExitReentryPermitProcess.Messages;
import mx.permiso.mail.DeliveryFailures;
import mx.permiso.mail.MailDispatcher;
import mx.permiso.security.StaffGroups;
import mx.permiso.support.GreenMailApplicationTest;
import mx.permiso.support.Http;
import mx.permiso.support.LiveCase;
import mx.permiso.support.ReceivedMail;
import mx.permiso.support.SampleCase;
import mx.permiso.support.SampleFiles;
import mx.permiso.support.TestUsers;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Staff actions on a case over the JSON API, by a real legal staff member and a real manager:
 * notes (in the case's summary and in its task forms), documents attached for the client (counted
 * as the client's on the case page and in the verification task), and a failed email sent again
 * (received once through a real SMTP server, its incident resolved, both attempts in the log).
 * Each is audited; strangers, unknown and ended cases change nothing.
 */
@GreenMailApplicationTest
class StaffCaseActionsIT {

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

  private static final String STAFF = "lucia";
  private static final String MANAGER = "mateo";
  private static final String OUTSIDER = "otto";
  private static final ObjectMapper JSON = new ObjectMapper();

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
    TestUsers.ensure(engine.getIdentityService(), OUTSIDER);
    clockAt("2026-11-03", "09:00");
  }

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  @Test
  void notesOfStaffAndManagersShowInTheCaseAndReadOnlyInItsTaskForms() throws Exception {
    String caseNumber = "EXR-2026-0901";
    LiveCase live = new LiveCase(engine, caseNumber).start(SampleCase.intake(caseNumber));
    Task review = live.awaitTask(USER_TASK_REVIEW_INTAKE);
    Http http = Http.at(port);
    String notes = "/api/cases/" + caseNumber + "/notes";

    HttpResponse<String> first = http.postJson(notes, "{\"text\": \"  Client called: flight moved to the 18th.  \"}",
        STAFF, TestUsers.PASSWORD);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(body(first).path("author").asText()).isEqualTo(STAFF);
    assertThat(body(first).path("text").asText()).isEqualTo("Client called: flight moved to the 18th.");
    clockAt("2026-11-03", "10:15");
    assertThat(http.postJson(notes, "{\"text\": \"Approved the rush fee.\"}", MANAGER, TestUsers.PASSWORD)
        .statusCode()).isEqualTo(201);

    JsonNode summary = Http.json(http.get("/api/cases/" + caseNumber, MANAGER, TestUsers.PASSWORD));
    assertThat(summary.path("notes")).extracting(note -> note.path("author").asText()).containsExactly(MANAGER, STAFF);
    assertThat(summary.path("notes").get(0).path("text").asText()).isEqualTo("Approved the rush fee.");
    assertThat(summary.path("notes").get(1).path("writtenAt").asText()).isNotBlank();
    assertThat(jdbc.queryForList("select actor from audit_event where case_number = ? and action = 'NoteAdded' "
        + "order by id", String.class, caseNumber)).containsExactly(STAFF, MANAGER);

    // The open task's form gets the latest notes, newest first, as a read-only field.
    JsonNode form = Http.json(http.get("/engine-rest/task/" + review.getId() + "/form-variables", STAFF,
        TestUsers.PASSWORD));
    String shown = form.path("caseNotes").path("value").asText();
    assertThat(shown).contains("2026-11-03 10:15 mateo: Approved the rush fee.")
        .contains("lucia: Client called: flight moved to the 18th.");
    assertThat(shown.indexOf("mateo")).isLessThan(shown.indexOf("lucia"));

    // The form sends the shown notes back unchanged, and that is accepted; changing them is not.
    String taskPath = "/engine-rest/task/" + review.getId();
    assertThat(http.postJson(taskPath + "/claim", "{\"userId\": \"" + STAFF + "\"}", STAFF, TestUsers.PASSWORD)
        .statusCode()).isEqualTo(204);
    HttpResponse<String> edited = http.postJson(taskPath + "/complete", completion(Map.of("intakeAccepted", true,
        "caseNotes", "nothing happened")), STAFF, TestUsers.PASSWORD);
    assertThat(edited.statusCode()).as(edited.body()).isEqualTo(403);
    HttpResponse<String> done = http.postJson(taskPath + "/complete", completion(Map.of("intakeAccepted", true,
        "caseNotes", shown)), STAFF, TestUsers.PASSWORD);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);

    // The next task's form shows them too.
    live.correlate(Messages.DOCUMENTS_SUBMITTED, Map.of());
    Task verify = live.awaitTask(USER_TASK_VERIFY_DOCUMENTS);
    assertThat(Http.json(http.get("/engine-rest/task/" + verify.getId() + "/form-variables", MANAGER,
        TestUsers.PASSWORD)).path("caseNotes").path("value").asText()).isEqualTo(shown);

    // The firm's record outlives the case: a note on an ended case is kept, and no longer reaches a form.
    live.correlate(Messages.CASE_CANCELLED, Map.of()).awaitEnded();
    assertThat(http.postJson(notes, "{\"text\": \"Refund sent.\"}", STAFF, TestUsers.PASSWORD).statusCode())
        .isEqualTo(201);
    assertThat(Http.json(http.get("/api/cases/" + caseNumber, STAFF, TestUsers.PASSWORD)).path("notes").get(0)
        .path("text").asText()).isEqualTo("Refund sent.");
  }

  @Test
  void aWrongNoteStrangersAndUnknownCasesWriteNothing() {
    String caseNumber = "EXR-2026-0902";
    LiveCase live = new LiveCase(engine, caseNumber).start(SampleCase.intake(caseNumber));
    String token = live.clientToken(jdbc);
    live.awaitTask(USER_TASK_REVIEW_INTAKE);
    Http http = Http.at(port);
    String notes = "/api/cases/" + caseNumber + "/notes";

    HttpResponse<String> blank = http.postJson(notes, "{\"text\": \"   \"}", STAFF, TestUsers.PASSWORD);
    assertThat(blank.statusCode()).isEqualTo(400);
    assertThat(blank.body()).contains("\"field\":\"text\"", "Write the note");
    HttpResponse<String> missing = http.postJson(notes, "{}", MANAGER, TestUsers.PASSWORD);
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("\"field\":\"text\"");
    HttpResponse<String> tooLong = http.postJson(notes, "{\"text\": \"" + "a".repeat(2001) + "\"}", STAFF,
        TestUsers.PASSWORD);
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.body()).contains("\"field\":\"text\"", "2,000 characters");
    HttpResponse<String> notText = http.postJson(notes, "{\"text\": 42}", STAFF, TestUsers.PASSWORD);
    assertThat(notText.statusCode()).isEqualTo(400);
    assertThat(notText.body()).contains("\"field\":\"text\"");
    HttpResponse<String> notJson = http.postJson(notes, "{\"text\": ", STAFF, TestUsers.PASSWORD);
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).contains("\"field\":\"body\"");

    String note = "{\"text\": \"hello\"}";
    assertThat(http.postJson(notes, note).statusCode()).as("anonymous").isEqualTo(401);
    assertThat(http.postJson(notes, note, OUTSIDER, TestUsers.PASSWORD).statusCode()).as("in no staff group")
        .isEqualTo(403);
    // A client's link is no identity here: the client's browser, having opened its case page, is anonymous to the API.
    Http client = Http.at(port);
    assertThat(client.page("/c/" + token, "en").statusCode()).isEqualTo(200);
    assertThat(client.postJson(notes, note).statusCode()).as("a client link").isEqualTo(401);
    HttpResponse<String> unknown = http.postJson("/api/cases/EXR-2026-9901/notes", note, STAFF, TestUsers.PASSWORD);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("There is no case EXR-2026-9901");

    assertThat(jdbc.queryForObject("select count(*) from case_note where case_number in (?, ?)", Integer.class,
        caseNumber, "EXR-2026-9901")).isZero();
    assertThat(jdbc.queryForObject("select count(*) from audit_event where case_number = ?", Integer.class,
        caseNumber)).isZero();
    assertThat(engine.getRuntimeService().getVariable(live.instanceId(), "caseNotes")).isNull();
  }

  @Test
  void documentsStaffAttachForTheClientCountAsTheClientsOnTheCasePageAndInTheVerificationTask() throws Exception {
    String caseNumber = "EXR-2026-0903";
    LiveCase live = new LiveCase(engine, caseNumber).start(SampleCase.intake(caseNumber));
    String token = live.clientToken(jdbc);
    live.complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true));
    Http http = Http.at(port);
    String documents = "/api/cases/" + caseNumber + "/documents?kind=";

    // The client brought the itinerary to the office; a staff member scans it in.
    HttpResponse<String> attached = http.upload(documents + "FLIGHT_ITINERARY", "Itinerary.pdf",
        SampleFiles.pdf("Flight AM 123"), STAFF, TestUsers.PASSWORD);
    assertThat(attached.statusCode()).as(attached.body()).isEqualTo(201);
    assertThat(body(attached).path("uploadedBy").asText()).isEqualTo(STAFF);
    assertThat(Http.at(port).page("/c/" + token, "en").body()).as("the client's checklist")
        .contains("Received: itinerary.pdf");

    // With it, the client may say the documents are all there, and the verification task lists it.
    Http client = Http.at(port);
    String csrf = Http.csrfToken(client.page("/c/" + token, "en"));
    assertThat(client.postForm("/c/" + token + "/actions/DocumentsSubmitted", Map.of("_csrf", csrf)).statusCode())
        .isEqualTo(302);
    Task verify = live.awaitTask(USER_TASK_VERIFY_DOCUMENTS);
    String list = (String) engine.getTaskService().getVariableLocal(verify.getId(), "uploadedDocuments");
    assertThat(list).contains("itinerary.pdf", "attached by lucia").doesNotContain("no documents");

    // The photo, emailed by the client, attached by a manager while the task is open: the task's list has it.
    assertThat(http.upload(documents + "PHOTO_CHILD_SIZE", "photo.png", SampleFiles.png(), MANAGER,
        TestUsers.PASSWORD).statusCode()).isEqualTo(201);
    assertThat((String) engine.getTaskService().getVariableLocal(verify.getId(), "uploadedDocuments"))
        .contains("itinerary.pdf", "photo.png", "attached by mateo");
    assertThat(http.upload(documents + "INM_PAPERWORK", "solicitud.pdf", SampleFiles.pdf("Solicitud"), STAFF,
        TestUsers.PASSWORD).statusCode()).isEqualTo(201);
    assertThat((String) engine.getTaskService().getVariableLocal(verify.getId(), "uploadedDocuments"))
        .as("staff's own paperwork is not the client's").doesNotContain("solicitud");

    assertThat(jdbc.queryForList("select actor || ' ' || detail from audit_event where case_number = ? "
        + "and action = 'DocumentAttached' order by id", String.class, caseNumber)).containsExactly(
        "lucia FLIGHT_ITINERARY itinerary.pdf", "mateo PHOTO_CHILD_SIZE photo.png", "lucia INM_PAPERWORK solicitud.pdf");
    assertThat(jdbc.queryForList("select uploaded_by from case_document where case_number = ? order by id",
        String.class, caseNumber)).containsExactly(STAFF, MANAGER, STAFF);
  }

  @Test
  void aKindTheCaseDoesNotTakeStrangersUnknownAndEndedCasesStoreNothing() {
    String caseNumber = "EXR-2026-0904";
    LiveCase live = new LiveCase(engine, caseNumber).start(SampleCase.intake(caseNumber));
    live.awaitTask(USER_TASK_REVIEW_INTAKE);
    Http http = Http.at(port);
    String documents = "/api/cases/" + caseNumber + "/documents?kind=";
    byte[] pdf = SampleFiles.pdf("Passport");

    HttpResponse<String> notRequired = http.upload(documents + "PASSPORT", "passport.pdf", pdf, STAFF,
        TestUsers.PASSWORD);
    assertThat(notRequired.statusCode()).isEqualTo(400);
    assertThat(notRequired.body()).contains("\"field\":\"kind\"",
        "FLIGHT_ITINERARY, APPLICATION_STATUS_NUT, PHOTO_CHILD_SIZE, INM_PAPERWORK, INM_RECEIPT");
    HttpResponse<String> noKind = http.upload("/api/cases/" + caseNumber + "/documents", "passport.pdf", pdf, STAFF,
        TestUsers.PASSWORD);
    assertThat(noKind.statusCode()).isEqualTo(400);
    assertThat(noKind.body()).contains("\"field\":\"kind\"");
    HttpResponse<String> notAFile = http.upload(documents + "FLIGHT_ITINERARY", "itinerary.exe",
        new byte[] {'M', 'Z', 0, 0}, MANAGER, TestUsers.PASSWORD);
    assertThat(notAFile.statusCode()).isEqualTo(400);
    assertThat(notAFile.body()).contains("\"field\":\"file\"");
    assertThat(http.upload(documents + "FLIGHT_ITINERARY", "i.pdf", pdf, "nobody", "guess").statusCode())
        .isEqualTo(401);
    assertThat(http.upload(documents + "FLIGHT_ITINERARY", "i.pdf", pdf, OUTSIDER, TestUsers.PASSWORD).statusCode())
        .isEqualTo(403);
    assertThat(http.upload("/api/cases/EXR-2026-9904/documents?kind=FLIGHT_ITINERARY", "i.pdf", pdf, STAFF,
        TestUsers.PASSWORD).statusCode()).isEqualTo(404);
    live.correlate(Messages.CASE_CANCELLED, Map.of()).awaitEnded();
    HttpResponse<String> ended = http.upload(documents + "FLIGHT_ITINERARY", "i.pdf", pdf, STAFF, TestUsers.PASSWORD);
    assertThat(ended.statusCode()).isEqualTo(409);
    assertThat(ended.body()).contains("has ended");

    assertThat(jdbc.queryForObject("select count(*) from case_document where case_number = ?", Integer.class,
        caseNumber)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from audit_event where case_number = ?", Integer.class,
        caseNumber)).isZero();
  }

  @Test
  void aFailedEmailIsSentAgainOnceToTheCorrectedAddressAndItsIncidentIsResolved() throws Exception {
    String caseNumber = "EXR-2026-0905";
    Map<String, Object> intake = new HashMap<>(SampleCase.intake(caseNumber));
    intake.put("clientEmail", "jane.example.com");
    LiveCase live = new LiveCase(engine, caseNumber).start(intake);
    live.awaitTask(USER_TASK_REVIEW_INTAKE);
    deliverAll();
    long acknowledgement = emailId(caseNumber, "ACKNOWLEDGEMENT");
    assertThat(status(acknowledgement)).isEqualTo("FAILED");
    String failedKey = jdbc.queryForObject("select dedupe_key from outbox_message where id = ?", String.class,
        acknowledgement);
    assertThat(incidents(live, failedKey)).isOne();

    Http http = Http.at(port);
    assertThat(http.putJson("/api/cases/" + caseNumber + "/client", "{\"clientEmail\": \"jane@example.com\"}", STAFF,
        TestUsers.PASSWORD).statusCode()).isEqualTo(200);
    deliverAll();
    int before = to("jane@example.com", caseNumber).size();

    String resend = "/api/cases/" + caseNumber + "/emails/" + acknowledgement + "/resend";
    HttpResponse<String> accepted = http.postJson(resend, "", MANAGER, TestUsers.PASSWORD);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    JsonNode copy = body(accepted);
    assertThat(copy.path("status").asText()).isEqualTo("PENDING");
    assertThat(copy.path("recipient").asText()).isEqualTo("jane@example.com");
    assertThat(copy.path("resendOf").asLong()).isEqualTo(acknowledgement);
    assertThat(incidents(live, failedKey)).as("the failed email's incident").isZero();
    HttpResponse<String> twice = http.postJson(resend, "", STAFF, TestUsers.PASSWORD);
    assertThat(twice.statusCode()).as("a copy still waits").isEqualTo(409);
    assertThat(twice.body()).contains("still waiting");

    deliverAll();
    List<MimeMessage> received = to("jane@example.com", caseNumber);
    assertThat(received).hasSize(before + 1);
    MimeMessage resent = received.get(received.size() - 1);
    assertThat(resent.getSubject()).isEqualTo("Your exit and re-entry permit request " + caseNumber);
    // The address change renewed the case link: the copy carries the link that works.
    String link = jdbc.queryForObject("select token from client_link where case_number = ?", String.class, caseNumber);
    assertThat(ReceivedMail.text(resent)).contains("/c/" + link);
    deliverAll();
    assertThat(to("jane@example.com", caseNumber)).as("once").hasSize(before + 1);

    JsonNode log = Http.json(http.get("/api/cases/" + caseNumber + "/communications", STAFF, TestUsers.PASSWORD));
    List<JsonNode> acknowledgements = new ArrayList<>();
    log.forEach(entry -> {
      if (entry.path("type").asText().equals("ACKNOWLEDGEMENT")) {
        acknowledgements.add(entry);
      }
    });
    assertThat(acknowledgements).extracting(entry -> entry.path("status").asText() + " "
        + entry.path("recipient").asText()).containsExactly("FAILED jane.example.com", "SENT jane@example.com");
    assertThat(acknowledgements.get(1).path("resendOf").asLong()).isEqualTo(acknowledgement);
    assertThat(jdbc.queryForList("select actor || ' ' || detail from audit_event where case_number = ? "
        + "and action = 'EmailResent'", String.class, caseNumber))
        .containsExactly(MANAGER + " ACKNOWLEDGEMENT: email " + acknowledgement + " (FAILED) sent again");

    // The client says it never arrived: a sent email may go again, once more.
    assertThat(http.postJson(resend, "", STAFF, TestUsers.PASSWORD).statusCode()).isEqualTo(202);
    deliverAll();
    assertThat(to("jane@example.com", caseNumber)).hasSize(before + 2);
  }

  @Test
  void resendingAnEmailOfAnotherCaseNoneOrAnEndedCaseIsRefused() {
    String caseNumber = "EXR-2026-0906";
    String other = "EXR-2026-0907";
    LiveCase live = new LiveCase(engine, caseNumber).start(SampleCase.intake(caseNumber));
    LiveCase otherCase = new LiveCase(engine, other).start(SampleCase.intake(other));
    live.awaitTask(USER_TASK_REVIEW_INTAKE);
    otherCase.awaitTask(USER_TASK_REVIEW_INTAKE);
    long pending = emailId(caseNumber, "ACKNOWLEDGEMENT");
    long ofOther = emailId(other, "ACKNOWLEDGEMENT");
    Http http = Http.at(port);
    String base = "/api/cases/" + caseNumber + "/emails/";

    HttpResponse<String> stillPending = http.postJson(base + pending + "/resend", "", STAFF, TestUsers.PASSWORD);
    assertThat(stillPending.statusCode()).isEqualTo(409);
    deliverAll();
    assertThat(http.postJson(base + ofOther + "/resend", "", STAFF, TestUsers.PASSWORD).statusCode())
        .as("another case's email").isEqualTo(404);
    assertThat(http.postJson(base + "999999/resend", "", MANAGER, TestUsers.PASSWORD).statusCode()).isEqualTo(404);
    assertThat(http.postJson("/api/cases/EXR-2026-9906/emails/" + pending + "/resend", "", STAFF,
        TestUsers.PASSWORD).statusCode()).isEqualTo(404);
    assertThat(http.postJson(base + pending + "/resend", "").statusCode()).isEqualTo(401);
    assertThat(http.postJson(base + pending + "/resend", "", OUTSIDER, TestUsers.PASSWORD).statusCode())
        .isEqualTo(403);
    live.correlate(Messages.CASE_CANCELLED, Map.of()).awaitEnded();
    assertThat(http.postJson(base + pending + "/resend", "", STAFF, TestUsers.PASSWORD).statusCode()).isEqualTo(409);

    assertThat(jdbc.queryForObject("select count(*) from outbox_message where resend_of is not null "
        + "and case_number in (?, ?)", Integer.class, caseNumber, other)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'EmailResent' "
        + "and case_number in (?, ?)", Integer.class, caseNumber, other)).isZero();
  }

  /** The JSON body of an answer other than 200 (its status is checked by the test). */
  private static JsonNode body(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  private static String completion(Map<String, Object> values) throws Exception {
    Map<String, Object> variables = new HashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    return JSON.writeValueAsString(Map.of("variables", variables));
  }

  private long emailId(String caseNumber, String type) {
    return jdbc.queryForObject("select min(id) from outbox_message where case_number = ? and notice_type = ?",
        Long.class, caseNumber, type);
  }

  private String status(long id) {
    return jdbc.queryForObject("select status from outbox_message where id = ?", String.class, id);
  }

  private long incidents(LiveCase live, String configuration) {
    return engine.getRuntimeService().createIncidentQuery().processInstanceId(live.instanceId())
        .incidentType(DeliveryFailures.INCIDENT_TYPE).configuration(configuration).count();
  }

  private void deliverAll() {
    ReceivedMail.deliverAll(dispatcher);
  }

  /** The emails of the case that reached this address, in the order they arrived. */
  private static List<MimeMessage> to(String address, String caseNumber) {
    return ReceivedMail.ofCase(SMTP.getReceivedMessages(), caseNumber, address);
  }
}
