package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static mx.permiso.support.LiveCase.clockAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import mx.permiso.documents.DocumentStore;
import mx.permiso.mail.Outbox;
import mx.permiso.security.StaffGroups;
import mx.permiso.support.Http;
import mx.permiso.support.LiveCase;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.SampleCase;
import mx.permiso.support.SampleFiles;
import mx.permiso.support.TestUsers;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A legal staff member records INM's real outcomes and the hand-back over the REST API with their
 * forms' fields: an issue date the client cannot use, a corrected round without corrected paperwork and a
 * hand-back without INM's receipt or its reference are refused with the field named and the task left
 * open; only the corrected paperwork goes to the client; a manager sees the receipt's reference.
 */
@PostgresApplicationTest
class InmOutcomesAndHandBackIT {

  private static final String STAFF = "leonor";
  private static final String MANAGER = "marcelo";

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  DocumentStore documents;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  Outbox outbox;

  private Http http;

  @BeforeEach
  void staff() {
    TestUsers.ensure(engine.getIdentityService(), STAFF, StaffGroups.LEGAL_STAFF);
    TestUsers.ensure(engine.getIdentityService(), MANAGER, StaffGroups.MANAGERS);
    http = Http.at(port);
  }

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  /** The sample case (flight on 20 November) up to "Record INM outcome" on the day of its appointment. */
  private LiveCase atTheAppointment(String caseNumber) {
    clockAt("2026-11-03", "09:00");
    LiveCase live = new LiveCase(engine, caseNumber).start(SampleCase.intake(caseNumber))
        .complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true))
        .correlate("DocumentsSubmitted", Map.of())
        .complete(USER_TASK_VERIFY_DOCUMENTS, SampleCase.documentsVerified())
        .paidToAppointment(() -> documents.store(caseNumber, "INM_PAPERWORK", "solicitud.pdf",
            SampleFiles.pdf("Solicitud"), STAFF));
    clockAt("2026-11-12", "12:00");
    return live;
  }

  @Test
  void inmIssuingLaterTakesOnlyAnIssueDateTheClientCanStillUse() {
    String caseNumber = "EXR-2026-0981";
    LiveCase live = atTheAppointment(caseNumber);
    Task outcome = live.awaitTask(USER_TASK_RECORD_OUTCOME);

    HttpResponse<String> noNextStep = claimAndSubmit(outcome, Map.of("permitIssued", false,
        "notIssuedReason", "INM holds the request"));
    assertThat(noNextStep.statusCode()).as(noNextStep.body()).isEqualTo(400);
    assertThat(noNextStep.body()).contains("inmNextStep");
    HttpResponse<String> noDate = claimAndSubmit(outcome, later(""));
    assertThat(noDate.statusCode()).as(noDate.body()).isEqualTo(400);
    assertThat(noDate.body()).contains("permitIssueDate", "is not a date");
    HttpResponse<String> past = claimAndSubmit(outcome, later("2026-11-11"));
    assertThat(past.statusCode()).as(past.body()).isEqualTo(400);
    assertThat(past.body()).contains("permitIssueDate", "2026-11-11 is in the past", "today is 2026-11-12");
    HttpResponse<String> afterDeparture = claimAndSubmit(outcome, later("2026-11-21"));
    assertThat(afterDeparture.statusCode()).as(afterDeparture.body()).isEqualTo(400);
    assertThat(afterDeparture.body()).contains("permitIssueDate", "2026-11-21 is after the client's departure on 2026-11-20");
    assertThat(engine.getTaskService().createTaskQuery().taskId(outcome.getId()).count()).as("still open").isEqualTo(1);
    assertThat(engine.getRuntimeService().getVariable(live.instanceId(), "permitIssueDate")).as("nothing written").isNull();

    HttpResponse<String> recorded = claimAndSubmit(outcome, later("2026-11-17"));
    assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(204);
    live.awaitAt(TIMER_PERMIT_ISSUE_DATE);
    assertThat(noticesOf(caseNumber)).endsWith("PERMIT_DELAYED");
  }

  @Test
  void aCorrectedRoundNeedsPaperworkAttachedAfterInmsAnswerAndSendsOnlyThat() {
    String caseNumber = "EXR-2026-0982";
    LiveCase live = atTheAppointment(caseNumber);
    HttpResponse<String> corrections = claimAndSubmit(live.awaitTask(USER_TASK_RECORD_OUTCOME), Map.of(
        "permitIssued", false, "inmNextStep", "NEW_PAPERWORK", "notIssuedReason", "The letter must name the NUT"));
    assertThat(corrections.statusCode()).as(corrections.body()).isEqualTo(204);

    Task paperwork = live.awaitTask(USER_TASK_PREPARE_INM_PAPERWORK);
    HttpResponse<String> oldForms = claimAndSubmit(paperwork, Map.of("paperworkReady", true));
    assertThat(oldForms.statusCode()).as(oldForms.body()).isEqualTo(400);
    assertThat(oldForms.body()).contains("corrected INM paperwork", "/cases/" + caseNumber);

    HttpResponse<String> upload = http.upload("/api/cases/" + caseNumber + "/documents?kind=INM_PAPERWORK",
        "carta-corregida.pdf", SampleFiles.pdf("Carta corregida"), STAFF, TestUsers.PASSWORD);
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
    HttpResponse<String> done = claimAndSubmit(paperwork, Map.of("paperworkReady", true));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    live.awaitTask(USER_TASK_BOOK_APPOINTMENT);

    assertThat(noticesOf(caseNumber)).containsSubsequence("PAPERWORK_READY", "PAPERWORK_CORRECTIONS", "PAPERWORK_READY");
    List<Long> paperworkEmails = jdbc.queryForList("select id from outbox_message where case_number = ? and "
        + "notice_type = 'PAPERWORK_READY' and dedupe_key like '%|client' order by id", Long.class, caseNumber);
    assertThat(paperworkEmails).hasSize(2);
    assertThat(outbox.attachments(paperworkEmails.get(1))).extracting(attachment -> attachment.fileName())
        .containsExactly("carta-corregida.pdf");
  }

  @Test
  void aHandBackCountsOnlyWithInmsReceiptOrItsReferenceWhichAManagerSees() {
    String caseNumber = "EXR-2026-0983";
    LiveCase live = backInMexico(caseNumber);
    live.correlate("PermitReturned", Map.of("permitReturnedDate", "2026-12-14"));

    Task check = live.awaitTask(USER_TASK_CONFIRM_PERMIT_RETURNED);
    HttpResponse<String> noProof = claimAndSubmit(check, Map.of("permitReturnConfirmed", "true",
        "permitReturnedDate", "2026-12-14"));
    assertThat(noProof.statusCode()).as(noProof.body()).isEqualTo(400);
    assertThat(noProof.body()).contains("inmReceiptReference");
    HttpResponse<String> notBack = claimAndSubmit(check, Map.of("permitReturnConfirmed", "false"));
    assertThat(notBack.statusCode()).as(notBack.body()).isEqualTo(204);

    // The case waits for the hand-back again; the client is told.
    Task record = live.awaitTask(USER_TASK_RECORD_PERMIT_RETURNED);
    assertThat(noticesOf(caseNumber)).endsWith("HAND_BACK_NOT_CONFIRMED");
    HttpResponse<String> noReference = claimAndSubmit(record, Map.of("permitReturnedDate", "2026-12-15"));
    assertThat(noReference.statusCode()).as(noReference.body()).isEqualTo(400);
    assertThat(noReference.body()).contains("inmReceiptReference");
    HttpResponse<String> recorded = claimAndSubmit(record, Map.of("permitReturnedDate", "2026-12-15",
        "inmReceiptReference", "INM-QRO-2026-5512"));
    assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(204);
    live.awaitEnded();

    HttpResponse<String> casePage = http.get("/cases/" + caseNumber, MANAGER, TestUsers.PASSWORD);
    assertThat(casePage.statusCode()).isEqualTo(200);
    assertThat(casePage.body()).contains("INM receipt", "INM-QRO-2026-5512");
  }

  @Test
  void inmsReceiptAttachedIsProofEnough() {
    String caseNumber = "EXR-2026-0984";
    LiveCase live = backInMexico(caseNumber);
    Task record = live.awaitTask(USER_TASK_RECORD_PERMIT_RETURNED);

    HttpResponse<String> upload = http.upload("/api/cases/" + caseNumber + "/documents?kind=INM_RECEIPT",
        "acuse.pdf", SampleFiles.pdf("Acuse"), STAFF, TestUsers.PASSWORD);
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
    HttpResponse<String> recorded = claimAndSubmit(record, Map.of("permitReturnedDate", "2026-12-14"));
    assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(204);
    live.awaitEnded();
  }

  /** The sample case with its permit issued, the client gone on 20 November and back on 10 December. */
  private LiveCase backInMexico(String caseNumber) {
    LiveCase live = atTheAppointment(caseNumber)
        .complete(USER_TASK_RECORD_OUTCOME, Map.of("permitIssued", true, "permitDate", "2026-11-12"));
    live.awaitTask(USER_TASK_CONFIRM_DEPARTURE);
    clockAt("2026-11-20", "08:00");
    live.correlate("DepartureConfirmed", Map.of()).awaitTask(USER_TASK_CONFIRM_REENTRY);
    clockAt("2026-12-10", "20:00");
    live.correlate("ReentryConfirmed", Map.of("reentryDate", "2026-12-10")).awaitTask(USER_TASK_RECORD_PERMIT_RETURNED);
    clockAt("2026-12-14", "12:00");
    return live;
  }

  private static Map<String, Object> later(String issueDate) {
    return Map.of("permitIssued", false, "inmNextStep", "ISSUE_LATER", "permitIssueDate", issueDate,
        "notIssuedReason", "INM holds the request until closer to the flight");
  }

  private List<String> noticesOf(String caseNumber) {
    return jdbc.queryForList("select notice_type from outbox_message where case_number = ? and dedupe_key like '%|client' "
        + "order by id", String.class, caseNumber);
  }

  private HttpResponse<String> claimAndSubmit(Task task, Map<String, Object> fields) {
    String assignee = engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult().getAssignee();
    return http.claimAndSubmitForm(task.getId(), assignee, fields, STAFF, TestUsers.PASSWORD);
  }

}
