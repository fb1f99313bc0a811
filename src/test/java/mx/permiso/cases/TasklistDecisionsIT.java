package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static mx.permiso.support.LiveCase.clockAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import mx.permiso.documents.DocumentStore;
import mx.permiso.security.StaffGroups;
import mx.permiso.support.Browser;
import mx.permiso.support.LiveCase;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.SampleCase;
import mx.permiso.support.SampleFiles;
import mx.permiso.support.Tasklist;
import mx.permiso.support.TestUsers;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Staff answer the questions a case asks when a wait runs out, and record INM's and the client's
 * real outcomes, in the real Tasklist in headless Chromium: a manager takes new dates for a payment
 * that never came; a legal staff member keeps waiting for documents (a wrong date is refused in the
 * form's words), records a postponed flight and one the client did not take, INM issuing later,
 * and checks the client's hand-back against INM's receipt.
 */
@PostgresApplicationTest
class TasklistDecisionsIT {

  private static final String STAFF = "lucia";
  private static final String MANAGER = "mateo";
  private static final ZoneId MEXICO_CITY = ZoneId.of("America/Mexico_City");

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  DocumentStore documents;

  private Browser browser;
  private Tasklist tasklist;

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  private static Map<String, Object> intake(String caseNumber) {
    Map<String, Object> intake = SampleCase.intake(caseNumber);
    intake.put("phone", "+52 442 123 4567");
    return intake;
  }

  @Test
  void staffAnswerWaitsThatRanOutAndRecordWhatBecameOfTheFlight() {
    TestUsers.ensure(engine.getIdentityService(), STAFF, StaffGroups.LEGAL_STAFF);
    TestUsers.ensure(engine.getIdentityService(), MANAGER, StaffGroups.MANAGERS);
    // Three cases of 3 November 2026, all for a flight on 20 November (last day to file: 17 November).
    clockAt("2026-11-03", "09:00");
    LiveCase documentsCase = new LiveCase(engine, "EXR-2026-0221").start(intake("EXR-2026-0221"))
        .complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true)).awaitAt(RECEIVE_TASK_AWAIT_DOCUMENTS);
    LiveCase paymentCase = new LiveCase(engine, "EXR-2026-0222").start(intake("EXR-2026-0222"))
        .complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true))
        .correlate(ExitReentryPermitProcess.Messages.DOCUMENTS_SUBMITTED, Map.of())
        .complete(USER_TASK_VERIFY_DOCUMENTS, SampleCase.documentsVerified());
    paymentCase.awaitTask(USER_TASK_CONFIRM_PAYMENT);
    LiveCase flightCase = new LiveCase(engine, "EXR-2026-0223").start(intake("EXR-2026-0223"))
        .complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true))
        .correlate(ExitReentryPermitProcess.Messages.DOCUMENTS_SUBMITTED, Map.of())
        .complete(USER_TASK_VERIFY_DOCUMENTS, SampleCase.documentsVerified())
        .paidToAppointment(() -> documents.store("EXR-2026-0223", "INM_PAPERWORK", "solicitud.pdf",
            SampleFiles.pdf("Solicitud"), STAFF));
    clockAt("2026-11-12", "12:00");
    flightCase.complete(USER_TASK_RECORD_OUTCOME, Map.of("permitIssued", true, "permitDate", "2026-11-12"))
        .awaitTask(USER_TASK_CONFIRM_DEPARTURE);

    // The morning after the last day to file: the unpaid case goes to the managers.
    clockAt("2026-11-18", "10:05");
    paymentCase.awaitTask(USER_TASK_HANDLE_PAYMENT_NEVER_CAME);
    inTasklistAs(MANAGER, () -> work(paymentCase, USER_TASK_HANDLE_PAYMENT_NEVER_CAME, form -> {
      assertClientContact(form);
      tasklist.choose("waitDecision", 0, "The client travels on new dates");
      tasklist.date("newDepartureDate", "2026-12-18");
      tasklist.date("newPlannedReturnDate", "2027-01-10");
    }));
    paymentCase.awaitTask(USER_TASK_CONFIRM_PAYMENT);
    assertThat(variable(paymentCase, "departureDate")).isEqualTo("2026-12-18");
    assertThat(variable(paymentCase, "latestRequestDate")).isEqualTo("2026-12-15");

    // The morning after the flight date: the documents never came; the flight case is not confirmed.
    clockAt("2026-11-21", "10:05");
    documentsCase.awaitTask(USER_TASK_HANDLE_DOCUMENTS_NEVER_CAME);
    inTasklistAs(STAFF, () -> {
      Task decision = documentsCase.awaitTask(USER_TASK_HANDLE_DOCUMENTS_NEVER_CAME);
      openAndClaim(decision);
      assertClientContact(form());
      tasklist.choose("waitDecision", 1, "Keep waiting until a date");
      tasklist.date("documentsWaitUntil", "2026-11-21");
      browser.clickText("Complete");
      // Refused with the reason, in Tasklist's own notification; the task stays.
      browser.await(By.xpath("//*[contains(normalize-space(), 'Wait until (documentsWaitUntil) 2026-11-21 is not after today')]"));
      browser.screenshot("tasklist-wait-refused");
      assertThat(engine.getTaskService().createTaskQuery().taskId(decision.getId()).count()).isOne();
      tasklist.date("documentsWaitUntil", "2026-11-27");
      browser.clickText("Complete");
      complete(decision);

      documentsCase.awaitAt(RECEIVE_TASK_AWAIT_DOCUMENTS);
      Job wait = engine.getManagementService().createJobQuery().processInstanceId(documentsCase.instanceId())
          .timers().activityId(TIMER_DOCUMENTS_NEVER_CAME).singleResult();
      assertThat(wait.getDuedate()).isEqualTo(local("2026-11-27", "10:00"));

      // The flight: postponed to 1 December, then not taken at all.
      work(flightCase, USER_TASK_CONFIRM_DEPARTURE, form -> {
        assertClientContact(form);
        tasklist.choose("departureOutcome", 1, "Postponed");
        tasklist.date("newDepartureDate", "2026-12-01");
        tasklist.date("newPlannedReturnDate", "2026-12-20");
      });
      Task again = flightCase.awaitTask(USER_TASK_CONFIRM_DEPARTURE);
      assertThat(variable(flightCase, "departureDate")).isEqualTo("2026-12-01");
      assertThat(again.getDueDate()).isEqualTo(local("2026-12-02", "15:00"));
      work(flightCase, USER_TASK_CONFIRM_DEPARTURE, form -> tasklist.choose("departureOutcome", 2, "Did not travel"));
    });
    flightCase.awaitEnded();
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(flightCase.instanceId()).activityId(END_EVENT_DID_NOT_TRAVEL).count()).isOne();
  }

  @Test
  void staffRecordThatInmIssuesLaterAndCheckTheClientsHandBackInTasklist() {
    TestUsers.ensure(engine.getIdentityService(), STAFF, StaffGroups.LEGAL_STAFF);
    clockAt("2026-11-03", "09:00");
    LiveCase live = new LiveCase(engine, "EXR-2026-0224").start(intake("EXR-2026-0224"))
        .complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true))
        .correlate(ExitReentryPermitProcess.Messages.DOCUMENTS_SUBMITTED, Map.of())
        .complete(USER_TASK_VERIFY_DOCUMENTS, SampleCase.documentsVerified())
        .paidToAppointment(() -> documents.store("EXR-2026-0224", "INM_PAPERWORK", "solicitud.pdf",
            SampleFiles.pdf("Solicitud"), STAFF));

    // At the appointment on 12 November INM holds the request: it will issue the permit on Monday 16.
    clockAt("2026-11-12", "12:00");
    inTasklistAs(STAFF, () -> work(live, USER_TASK_RECORD_OUTCOME, form -> {
      assertClientContact(form);
      browser.type(tasklist.field("notIssuedReason"), "INM issues permits closer to the flight");
      tasklist.choose("inmNextStep", 0, "INM will issue the permit on a date");
      tasklist.date("permitIssueDate", "2026-11-16");
    }));
    live.awaitPassed(SERVICE_TASK_SEND_PERMIT_DELAYED).awaitAt(TIMER_PERMIT_ISSUE_DATE);
    Job issueDate = engine.getManagementService().createJobQuery().processInstanceId(live.instanceId())
        .timers().activityId(TIMER_PERMIT_ISSUE_DATE).singleResult();
    assertThat(issueDate.getDuedate()).isEqualTo(local("2026-11-16", "10:00"));

    // That morning staff are asked again; then the trip, and the client says the permit is back at INM.
    clockAt("2026-11-16", "10:05");
    live.complete(USER_TASK_RECORD_OUTCOME, Map.of("permitIssued", true, "permitDate", "2026-11-16"))
        .awaitTask(USER_TASK_CONFIRM_DEPARTURE);
    live.correlate(ExitReentryPermitProcess.Messages.DEPARTURE_CONFIRMED, Map.of())
        .awaitTask(USER_TASK_CONFIRM_REENTRY);
    clockAt("2026-12-10", "20:00");
    live.correlate(ExitReentryPermitProcess.Messages.REENTRY_CONFIRMED, Map.of("reentryDate", "2026-12-10"))
        .awaitTask(USER_TASK_RECORD_PERMIT_RETURNED);
    clockAt("2026-12-14", "11:00");
    live.correlate(ExitReentryPermitProcess.Messages.PERMIT_RETURNED, Map.of("permitReturnedDate", "2026-12-14"));
    inTasklistAs(STAFF, () -> work(live, USER_TASK_CONFIRM_PERMIT_RETURNED, form -> {
      assertClientContact(form);
      tasklist.choose("permitReturnConfirmed", 0, "Yes");
      browser.type(tasklist.field("inmReceiptReference"), "INM-QRO-2026-5521");
    }));
    live.awaitEnded();
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(live.instanceId())
        .variableName("inmReceiptReference").singleResult().getValue()).isEqualTo("INM-QRO-2026-5521");
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(live.instanceId()).activityId(END_EVENT_CASE_CLOSED).count()).isOne();
  }

  /** Logs the user in to Tasklist in a fresh browser and works there. */
  private void inTasklistAs(String user, Runnable work) {
    try (Browser opened = new Browser()) {
      browser = opened;
      tasklist = new Tasklist(opened, port);
      tasklist.logIn(user, TestUsers.PASSWORD);
      work.run();
    }
  }

  /** Opens the task in Tasklist, claims it, fills its form and completes it. */
  private void work(LiveCase live, String taskKey, Consumer<WebElement> fill) {
    Task task = live.awaitTask(taskKey);
    openAndClaim(task);
    try {
      fill.accept(form());
    } catch (RuntimeException e) {
      browser.screenshot("tasklist-" + taskKey + "-failed");
      throw e;
    }
    browser.screenshot("tasklist-" + taskKey);
    browser.clickText("Complete");
    complete(task);
  }

  private void openAndClaim(Task task) {
    tasklist.open(task);
    browser.clickText("Claim");
    form();
  }

  private WebElement form() {
    return browser.await(By.cssSelector("form.fjs-form, .fjs-container"));
  }

  /** Waits for the completed task to be gone. */
  private void complete(Task task) {
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> engine.getTaskService().createTaskQuery()
          .taskId(task.getId()).count() == 0);
    } catch (RuntimeException e) {
      browser.screenshot("tasklist-" + task.getTaskDefinitionKey() + "-not-completed");
      throw e;
    }
  }

  /** The client's phone and language (in words), shown and read-only. */
  private void assertClientContact(WebElement form) {
    WebElement phone = tasklist.field("phone");
    assertThat(phone.getDomProperty("value")).isEqualTo("+52 442 123 4567");
    assertThat(phone.getAttribute("readonly") != null || !phone.isEnabled()).as("phone read-only").isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> form.getText().contains("English"));
  }

  private Object variable(LiveCase live, String name) {
    return engine.getRuntimeService().getVariable(live.instanceId(), name);
  }

  private static Date local(String date, String time) {
    return Date.from(LocalDate.parse(date).atTime(LocalTime.parse(time)).atZone(MEXICO_CITY).toInstant());
  }
}
