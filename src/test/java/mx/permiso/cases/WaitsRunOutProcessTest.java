package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static mx.permiso.cases.ExitReentryPermitProcess.Variables.*;
import static mx.permiso.cases.NoticeType.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import mx.permiso.security.StaffGroups;
import mx.permiso.support.ProcessHarness;
import mx.permiso.support.RecordingNotifier;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * No case waits forever: when the documents or the payment never come, or nobody confirms the
 * flight, staff are asked, and each of their answers takes the case somewhere; a trip longer than any
 * permit can cover is known before the client pays. The case comes in on
 * Tuesday 3 November 2026 at 09:00 in Mexico City for a flight on Friday 20 November (last day to
 * file: Tuesday 17 November; Monday 16 November is a holiday); the office is open 10:00 to 15:00.
 */
class WaitsRunOutProcessTest {

  private static ProcessHarness harness;
  private RecordingNotifier notices;

  @BeforeAll
  static void engine() {
    harness = new ProcessHarness();
  }

  @AfterAll
  static void closeEngine() {
    harness.close();
  }

  @BeforeEach
  void freshCase() {
    AbstractAssertions.init(harness.engine());
    notices = harness.notifier();
    notices.clear();
  }

  private CaseScenario accepted(String caseNumber) {
    return CaseScenario.of(harness, caseNumber).at(LocalDate.of(2026, 11, 3), LocalTime.of(9, 0)).start()
        .reviewIntake(true);
  }

  private static Instant local(String date, String time) {
    return LocalDate.parse(date).atTime(LocalTime.parse(time)).atZone(ProcessHarness.MEXICO_CITY).toInstant();
  }

  private static void assertTask(Task task, String group, int priority, Instant followUp, Instant due) {
    assertThat(task).as("task").isNotNull();
    List<IdentityLink> links = harness.engine().getTaskService().getIdentityLinksForTask(task.getId());
    assertThat(links).extracting(IdentityLink::getGroupId).containsExactly(group);
    assertThat(task.getPriority()).as("priority of " + task.getName()).isEqualTo(priority);
    assertThat(task.getFollowUpDate()).as("follow-up date of " + task.getName()).isEqualTo(Date.from(followUp));
    assertThat(task.getDueDate()).as("due date of " + task.getName()).isEqualTo(Date.from(due));
  }

  private static void assertTimer(CaseScenario scenario, String timerId, Instant due) {
    assertThat(scenario.timer(timerId)).as(timerId).isNotNull();
    assertThat(scenario.timer(timerId).getDuedate()).as(timerId).isEqualTo(Date.from(due));
  }

  @Nested
  class DocumentsNeverCame {

    /** The flight date passes with no documents: staff are asked the next morning (a Saturday: due Monday). */
    private CaseScenario asked(String caseNumber) {
      CaseScenario scenario = accepted(caseNumber);
      assertTimer(scenario, TIMER_DOCUMENTS_NEVER_CAME, local("2026-11-21", "10:00"));
      scenario.at(LocalDate.of(2026, 11, 21), LocalTime.of(10, 5));
      assertThat(scenario.instance()).isWaitingAt(USER_TASK_HANDLE_DOCUMENTS_NEVER_CAME)
          .hasPassed(TIMER_DOCUMENTS_NEVER_CAME);
      assertTask(scenario.task(USER_TASK_HANDLE_DOCUMENTS_NEVER_CAME), StaffGroups.LEGAL_STAFF, 50,
          local("2026-11-23", "10:00"), local("2026-11-23", "15:00"));
      assertThat(scenario.task(RECEIVE_TASK_AWAIT_DOCUMENTS)).isNull();
      return scenario;
    }

    @Test
    void newTravelDatesStartTheRemindersAgainAndMoveTheWait() {
      CaseScenario scenario = asked("EXR-2026-0101");
      notices.clear();

      scenario.complete(USER_TASK_HANDLE_DOCUMENTS_NEVER_CAME, Map.of(WAIT_DECISION, "NEW_DATES",
          NEW_DEPARTURE_DATE, "2026-12-18", NEW_PLANNED_RETURN_DATE, "2027-01-10"));

      assertThat(scenario.instance()).hasPassed(SERVICE_TASK_NEW_DATES_FOR_DOCUMENTS)
          .isWaitingAt(RECEIVE_TASK_AWAIT_DOCUMENTS);
      assertThat(scenario.variable(DEPARTURE_DATE)).isEqualTo("2026-12-18");
      assertThat(scenario.variable(PLANNED_RETURN_DATE)).isEqualTo("2027-01-10");
      assertThat(scenario.variable(LATEST_REQUEST_DATE)).isEqualTo("2026-12-15");
      assertThat(notices.types()).containsExactly(TRAVEL_DATES_CHANGED);
      // Reminders every two days from today (Saturday 21 November), and the wait now ends after the new flight.
      assertTimer(scenario, TIMER_DOCUMENTS_REMINDER, local("2026-11-23", "10:00"));
      assertTimer(scenario, TIMER_DOCUMENTS_NEVER_CAME, local("2026-12-19", "10:00"));
      assertThat(harness.audit().of("EXR-2026-0101")).extracting(AuditLog.Entry::action)
          .containsExactly(TravelDates.AUDIT_ACTION);

      scenario.at(LocalDate.of(2026, 11, 23), LocalTime.of(10, 5));
      assertThat(notices.types()).containsExactly(TRAVEL_DATES_CHANGED, DOCUMENTS_REMINDER);
    }

    @Test
    void keepingWaitingAsksAgainOnTheAgreedMorningAndTheDocumentsCanStillCome() {
      CaseScenario scenario = asked("EXR-2026-0102");

      scenario.complete(USER_TASK_HANDLE_DOCUMENTS_NEVER_CAME, Map.of(WAIT_DECISION, "KEEP_WAITING",
          DOCUMENTS_WAIT_UNTIL, "2026-11-27"));

      assertThat(scenario.instance()).isWaitingAt(RECEIVE_TASK_AWAIT_DOCUMENTS);
      assertTimer(scenario, TIMER_DOCUMENTS_NEVER_CAME, local("2026-11-27", "10:00"));
      scenario.at(LocalDate.of(2026, 11, 27), LocalTime.of(10, 5));
      assertThat(scenario.instance()).isWaitingAt(USER_TASK_HANDLE_DOCUMENTS_NEVER_CAME);
      assertThat(scenario.variable(WAIT_DECISION)).as("asked again, the decision opens blank").isNull();
      assertTask(scenario.task(USER_TASK_HANDLE_DOCUMENTS_NEVER_CAME), StaffGroups.LEGAL_STAFF, 50,
          local("2026-11-27", "10:00"), local("2026-11-27", "15:00"));

      scenario.complete(USER_TASK_HANDLE_DOCUMENTS_NEVER_CAME, Map.of(WAIT_DECISION, "KEEP_WAITING",
          DOCUMENTS_WAIT_UNTIL, "2026-12-04"));
      scenario.clientSubmitsDocuments();
      assertThat(scenario.instance()).isWaitingAt(USER_TASK_VERIFY_DOCUMENTS);
      assertThat(scenario.timer(TIMER_DOCUMENTS_NEVER_CAME)).isNull();
    }

    @Test
    void cancellingEndsTheCaseAndTellsTheClientTheFirmsReason() {
      CaseScenario scenario = asked("EXR-2026-0103");
      notices.clear();

      scenario.complete(USER_TASK_HANDLE_DOCUMENTS_NEVER_CAME, Map.of(WAIT_DECISION, "CANCEL",
          WAIT_DECISION_NOTE, "We could not reach you for two weeks"));

      assertThat(scenario.instance()).hasPassed(END_EVENT_DOCUMENTS_NEVER_CAME_CANCELLED,
          BOUNDARY_EVENT_CANCELLED_BY_FIRM, SERVICE_TASK_SEND_CASE_CANCELLED, END_EVENT_CASE_CANCELLED).isEnded();
      assertThat(notices.types()).containsExactly(CASE_CANCELLED);
      assertThat(notices.of(CASE_CANCELLED).get(0).facts()).containsEntry(CANCEL_REQUESTED_BY, "FIRM")
          .containsEntry(CANCEL_REASON, "We could not reach you for two weeks");
      assertThat(harness.audit().of("EXR-2026-0103")).extracting(AuditLog.Entry::action, AuditLog.Entry::actor)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(CaseCancellation.AUDIT_ACTION, AuditLog.ENGINE));
      assertThat(harness.engine().getTaskService().createTaskQuery().processInstanceId(scenario.id()).count())
          .as("no task is left behind, the managers' late-documents escalation included").isZero();
    }
  }

  @Nested
  class PaymentNeverCame {

    /** Documents in on 4 November; no payment by the last day to file: managers are asked the next morning. */
    private CaseScenario asked(String caseNumber) {
      CaseScenario scenario = accepted(caseNumber).at(LocalDate.of(2026, 11, 4), LocalTime.of(10, 0))
          .clientSubmitsDocuments().verifyDocuments(true);
      assertTimer(scenario, TIMER_PAYMENT_NEVER_CAME, local("2026-11-18", "10:00"));
      scenario.at(LocalDate.of(2026, 11, 18), LocalTime.of(10, 5));
      assertThat(scenario.instance()).isWaitingAt(USER_TASK_HANDLE_PAYMENT_NEVER_CAME);
      assertThat(scenario.task(USER_TASK_CONFIRM_PAYMENT)).isNull();
      assertTask(scenario.task(USER_TASK_HANDLE_PAYMENT_NEVER_CAME), StaffGroups.MANAGERS, 50,
          local("2026-11-18", "10:00"), local("2026-11-18", "15:00"));
      return scenario;
    }

    @Test
    void newTravelDatesAskForThePaymentAgainWithReminders() {
      CaseScenario scenario = asked("EXR-2026-0111");
      notices.clear();

      scenario.complete(USER_TASK_HANDLE_PAYMENT_NEVER_CAME, Map.of(WAIT_DECISION, "NEW_DATES",
          NEW_DEPARTURE_DATE, "2026-12-18", NEW_PLANNED_RETURN_DATE, "2027-01-10"));

      assertThat(scenario.instance()).hasPassed(SERVICE_TASK_NEW_DATES_FOR_PAYMENT).isWaitingAt(USER_TASK_CONFIRM_PAYMENT);
      assertThat(notices.types()).containsExactly(TRAVEL_DATES_CHANGED);
      assertTimer(scenario, TIMER_PAYMENT_REMINDER, local("2026-11-20", "10:00"));
      assertTimer(scenario, TIMER_PAYMENT_NEVER_CAME, local("2026-12-16", "10:00"));
      scenario.confirmPayment(true);
      assertThat(scenario.instance()).isWaitingAt(USER_TASK_PREPARE_INM_PAPERWORK);
    }

    @Test
    void keepingWaitingLeavesThePaymentOpenUntilTheAgreedMorning() {
      CaseScenario scenario = asked("EXR-2026-0112");

      scenario.complete(USER_TASK_HANDLE_PAYMENT_NEVER_CAME, Map.of(WAIT_DECISION, "KEEP_WAITING",
          PAYMENT_WAIT_UNTIL, "2026-11-19"));

      assertThat(scenario.instance()).isWaitingAt(USER_TASK_CONFIRM_PAYMENT);
      assertTimer(scenario, TIMER_PAYMENT_NEVER_CAME, local("2026-11-19", "10:00"));
      scenario.at(LocalDate.of(2026, 11, 19), LocalTime.of(10, 5));
      assertThat(scenario.instance()).isWaitingAt(USER_TASK_HANDLE_PAYMENT_NEVER_CAME);
    }

    @Test
    void cancellingEndsTheCase() {
      CaseScenario scenario = asked("EXR-2026-0113");
      notices.clear();

      scenario.complete(USER_TASK_HANDLE_PAYMENT_NEVER_CAME, Map.of(WAIT_DECISION, "CANCEL",
          WAIT_DECISION_NOTE, "The fees were not paid"));

      assertThat(scenario.instance()).hasPassed(END_EVENT_PAYMENT_NEVER_CAME_CANCELLED, END_EVENT_CASE_CANCELLED)
          .isEnded();
      assertThat(notices.types()).containsExactly(CASE_CANCELLED);
      assertThat(notices.of(CASE_CANCELLED).get(0).facts()).containsEntry(CANCEL_REASON, "The fees were not paid");
    }

    @Test
    void aCaseWhoseLastDayToFileHadPassedWaitsADayForThePayment() {
      CaseScenario scenario = CaseScenario.of(harness, "EXR-2026-0114").with(DEPARTURE_DATE, "2026-11-05")
          .with(PLANNED_RETURN_DATE, "2026-11-20").at(LocalDate.of(2026, 11, 3), LocalTime.of(9, 0)).start()
          .reviewIntake(true).at(LocalDate.of(2026, 11, 3), LocalTime.of(11, 0)).clientSubmitsDocuments()
          .verifyDocuments(true);

      assertThat(scenario.variable(LATEST_REQUEST_DATE)).isEqualTo("2026-11-02");
      assertTimer(scenario, TIMER_PAYMENT_NEVER_CAME, local("2026-11-04", "10:00"));
    }
  }

  @Nested
  class Departure {

    /** Permit issued on 12 November; the flight on 20 November. */
    private CaseScenario beforeTheFlight(String caseNumber) {
      return accepted(caseNumber).at(LocalDate.of(2026, 11, 4), LocalTime.of(10, 0))
          .clientSubmitsDocuments().verifyDocuments(true).confirmPayment(true).preparePaperwork()
          .bookAppointment("2026-11-12").at(LocalDate.of(2026, 11, 12), LocalTime.of(12, 0))
          .recordPermitIssued("2026-11-12");
    }

    @Test
    void noConfirmationTwoDaysAfterTheFlightEscalatesToManagers() {
      CaseScenario scenario = beforeTheFlight("EXR-2026-0121");
      assertTimer(scenario, TIMER_DEPARTURE_UNCONFIRMED, local("2026-11-22", "10:00"));

      scenario.at(LocalDate.of(2026, 11, 22), LocalTime.of(10, 5));

      assertThat(scenario.instance()).isWaitingAt(USER_TASK_CONFIRM_DEPARTURE, USER_TASK_HANDLE_DEPARTURE_UNCONFIRMED);
      // Sunday: the managers take it up when the office opens on Monday.
      assertTask(scenario.task(USER_TASK_HANDLE_DEPARTURE_UNCONFIRMED), StaffGroups.MANAGERS, 50,
          local("2026-11-23", "10:00"), local("2026-11-23", "15:00"));
    }

    @Test
    void aConfirmationInTimeLeavesNoEscalation() {
      CaseScenario scenario = beforeTheFlight("EXR-2026-0122").at(LocalDate.of(2026, 11, 21), LocalTime.of(9, 0))
          .staffConfirmDeparture();

      assertThat(scenario.instance()).isWaitingAt(USER_TASK_CONFIRM_REENTRY).hasPassed(GATEWAY_DEPARTURE_OUTCOME);
      assertThat(scenario.timer(TIMER_DEPARTURE_UNCONFIRMED)).isNull();
    }

    @Test
    void aPostponedFlightTakesTheNewDatesAndWaitsForIt() {
      CaseScenario scenario = beforeTheFlight("EXR-2026-0123").at(LocalDate.of(2026, 11, 20), LocalTime.of(12, 0));
      notices.clear();

      scenario.complete(USER_TASK_CONFIRM_DEPARTURE, Map.of(DEPARTURE_OUTCOME, "POSTPONED",
          NEW_DEPARTURE_DATE, "2026-12-01", NEW_PLANNED_RETURN_DATE, "2026-12-20"));

      assertThat(scenario.instance()).hasPassed(SERVICE_TASK_NEW_DATES_FOR_DEPARTURE)
          .isWaitingAt(USER_TASK_CONFIRM_DEPARTURE);
      assertThat(notices.types()).containsExactly(TRAVEL_DATES_CHANGED);
      assertThat(scenario.variable(DEPARTURE_DATE)).isEqualTo("2026-12-01");
      assertThat(scenario.variable(DEPARTURE_OUTCOME)).as("the new task opens blank").isNull();
      assertThat(scenario.variable(NEW_DEPARTURE_DATE)).isNull();
      // Due the day after the new flight; the reminder and the escalation follow it.
      assertTask(scenario.task(USER_TASK_CONFIRM_DEPARTURE), StaffGroups.LEGAL_STAFF, 50,
          local("2026-12-02", "10:00"), local("2026-12-02", "15:00"));
      assertTimer(scenario, TIMER_DEPARTURE_REMINDER, local("2026-11-30", "10:00"));
      assertTimer(scenario, TIMER_DEPARTURE_UNCONFIRMED, local("2026-12-03", "10:00"));
    }

    @Test
    void aPostponedReturnAfterThePermitExpiresWarnsAgain() {
      CaseScenario scenario = beforeTheFlight("EXR-2026-0124").at(LocalDate.of(2026, 11, 20), LocalTime.of(12, 0));
      notices.clear();

      scenario.complete(USER_TASK_CONFIRM_DEPARTURE, Map.of(DEPARTURE_OUTCOME, "POSTPONED",
          NEW_DEPARTURE_DATE, "2026-12-01", NEW_PLANNED_RETURN_DATE, "2027-01-30"));

      assertThat(notices.types()).containsExactly(TRAVEL_DATES_CHANGED, RETURN_AFTER_EXPIRY);
      assertThat(scenario.variable(RETURNS_AFTER_EXPIRY)).isEqualTo(true);
    }

    @Test
    void aClientWhoDidNotTravelEndsTheCaseAndIsToldWhatToDoWithThePermit() {
      CaseScenario scenario = beforeTheFlight("EXR-2026-0125").at(LocalDate.of(2026, 11, 21), LocalTime.of(11, 0));
      notices.clear();

      scenario.complete(USER_TASK_CONFIRM_DEPARTURE, Map.of(DEPARTURE_OUTCOME, "DID_NOT_TRAVEL"));

      assertThat(scenario.instance()).hasPassed(SERVICE_TASK_SEND_DID_NOT_TRAVEL, END_EVENT_DID_NOT_TRAVEL)
          .hasNotPassed(USER_TASK_CONFIRM_REENTRY).isEnded();
      assertThat(notices.types()).containsExactly(DID_NOT_TRAVEL);
      assertThat(notices.of(DID_NOT_TRAVEL).get(0).facts()).containsEntry(RETURN_BY_DATE, "2027-01-11")
          .containsEntry(INM_OFFICE, "Querétaro");
    }
  }

  @Nested
  class TooLongATrip {

    @Test
    void aReturnAfterAnyPermitCouldLastIsKnownAtIntakeAndToldInTheAcknowledgement() {
      // Departure 20 November + 60 days of validity: no permit for this flight lasts past 19 January.
      CaseScenario scenario = CaseScenario.of(harness, "EXR-2026-0131").with(PLANNED_RETURN_DATE, "2027-02-15")
          .at(LocalDate.of(2026, 11, 3), LocalTime.of(9, 0)).start();

      assertThat(scenario.variable(RETURN_BY_AT_LATEST)).isEqualTo("2027-01-19");
      assertThat(scenario.variable(TRIP_TOO_LONG)).isEqualTo(true);
      assertThat(notices.of(ACKNOWLEDGEMENT).get(0).facts()).containsEntry(TRIP_TOO_LONG, true)
          .containsEntry(RETURN_BY_AT_LATEST, "2027-01-19");

      scenario.travelDatesChanged("2026-11-20", "2027-01-15");
      assertThat(scenario.variable(TRIP_TOO_LONG)).as("a shorter trip fits").isEqualTo(false);
    }

    @Test
    void aTripThatFitsIsNotFlagged() {
      CaseScenario scenario = accepted("EXR-2026-0132");
      assertThat(scenario.variable(TRIP_TOO_LONG)).isEqualTo(false);
    }
  }
}
