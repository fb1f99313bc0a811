package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.USER_TASK_BOOK_APPOINTMENT;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.USER_TASK_CONFIRM_PAYMENT;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.USER_TASK_PREPARE_INM_PAPERWORK;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.USER_TASK_RECORD_OUTCOME;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.USER_TASK_REVIEW_INTAKE;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.USER_TASK_VERIFY_DOCUMENTS;
import static mx.permiso.support.LiveCase.clockAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
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

/**
 * A legal staff member works "Confirm payment" and "Book appointment" over the REST API with their
 * forms' fields: the payment's amount and reference are kept on the case (a manager sees them on the
 * case page), the client's phone and language come back unchanged, and a booking date in the past or
 * after the departure is refused with the field named, the task left open.
 */
@PostgresApplicationTest
class BookingAndPaymentFormsIT {

  private static final String STAFF = "lorena";
  private static final String MANAGER = "mariano";

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

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

  @Test
  void confirmPaymentKeepsWhatWasPaidAndItsReferenceAndBookingRefusesADateTheClientCannotAttend() {
    String caseNumber = "EXR-2026-0971";
    // Departure on 20 November 2026 (the sample case); today is 3 November.
    clockAt("2026-11-03", "09:00");
    Map<String, Object> intake = SampleCase.intake(caseNumber);
    intake.put("phone", "+52 442 123 4567");
    LiveCase live = new LiveCase(engine, caseNumber).start(intake)
        .complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true))
        .correlate("DocumentsSubmitted", Map.of())
        .complete(USER_TASK_VERIFY_DOCUMENTS, SampleCase.documentsVerified());
    Map<String, Object> contact = engine.getRuntimeService().getVariables(live.instanceId(),
        java.util.List.of("phone", "language"));
    assertThat(contact).containsEntry("phone", "+52 442 123 4567").containsEntry("language", "en");

    Task payment = live.awaitTask(USER_TASK_CONFIRM_PAYMENT);
    Map<String, Object> paid = new LinkedHashMap<>(contact);
    paid.putAll(Map.of("paymentReceived", true, "amountPaidMxn", 4022.5, "paymentReference", "SPEI 0042-77"));
    HttpResponse<String> confirmed = claimAndSubmit(payment, paid);
    assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(204);
    live.awaitTask(USER_TASK_PREPARE_INM_PAPERWORK);
    assertThat(historic(live, "amountPaidMxn")).isEqualTo(4022.5);
    assertThat(historic(live, "paymentReference")).isEqualTo("SPEI 0042-77");
    HttpResponse<String> casePage = http.get("/cases/" + caseNumber, MANAGER, TestUsers.PASSWORD);
    assertThat(casePage.statusCode()).isEqualTo(200);
    assertThat(casePage.body()).contains("MXN 4022.5 · reference SPEI 0042-77");

    HttpResponse<String> upload = http.upload("/api/cases/" + caseNumber + "/documents?kind=INM_PAPERWORK",
        "solicitud.pdf", SampleFiles.pdf("Solicitud"), STAFF, TestUsers.PASSWORD);
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
    live.complete(USER_TASK_PREPARE_INM_PAPERWORK, Map.of("paperworkReady", true));

    Task booking = live.awaitTask(USER_TASK_BOOK_APPOINTMENT);
    HttpResponse<String> past = claimAndSubmit(booking, booking("2026-11-02"));
    assertThat(past.statusCode()).as(past.body()).isEqualTo(400);
    assertThat(past.body()).contains("appointmentDate", "2026-11-02 is in the past", "today is 2026-11-03");
    HttpResponse<String> afterDeparture = claimAndSubmit(booking, booking("2026-11-21"));
    assertThat(afterDeparture.statusCode()).as(afterDeparture.body()).isEqualTo(400);
    assertThat(afterDeparture.body()).contains("appointmentDate", "2026-11-21 is after the client's departure on 2026-11-20");
    HttpResponse<String> notADate = claimAndSubmit(booking, booking("12/11/2026"));
    assertThat(notADate.statusCode()).as(notADate.body()).isEqualTo(400);
    assertThat(notADate.body()).contains("appointmentDate", "yyyy-MM-dd");
    assertThat(engine.getTaskService().createTaskQuery().taskId(booking.getId()).count()).as("still open").isEqualTo(1);
    assertThat(engine.getRuntimeService().getVariable(live.instanceId(), "appointmentDate")).as("nothing written").isNull();

    // The departure day itself is still a day to attend INM.
    HttpResponse<String> booked = claimAndSubmit(booking, booking("2026-11-20"));
    assertThat(booked.statusCode()).as(booked.body()).isEqualTo(204);
    live.awaitTask(USER_TASK_RECORD_OUTCOME);
    assertThat(historic(live, "appointmentDate")).isEqualTo("2026-11-20");
  }

  private static Map<String, Object> booking(String date) {
    return Map.of("appointmentDate", date, "appointmentTime", "09:30", "inmOffice", "Querétaro",
        "processAtOnce", false);
  }

  private HttpResponse<String> claimAndSubmit(Task task, Map<String, Object> fields) {
    String assignee = engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult().getAssignee();
    return http.claimAndSubmitForm(task.getId(), assignee, fields, STAFF, TestUsers.PASSWORD);
  }


  private Object historic(LiveCase live, String name) {
    return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(live.instanceId())
        .variableName(name).singleResult().getValue();
  }
}
