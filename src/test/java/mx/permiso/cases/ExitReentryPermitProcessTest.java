package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static mx.permiso.cases.NoticeType.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import java.util.List;
import mx.permiso.cases.ExitReentryPermitProcess.InmNextStep;
import mx.permiso.mail.ComposedMail;
import mx.permiso.mail.MailComposer;
import mx.permiso.security.StaffGroups;
import mx.permiso.support.ProcessHarness;
import mx.permiso.support.RecordingNotifier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One test per path through the engagement. The case comes in on Tuesday 3 November 2026 at
 * 09:00 in Mexico City, for a flight on Friday 20 November (Monday 16 November is a holiday).
 */
class ExitReentryPermitProcessTest {

  private static final LocalDate INTAKE_DAY = LocalDate.of(2026, 11, 3);
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

  private CaseScenario newCase(String caseNumber) {
    return CaseScenario.of(harness, caseNumber).at(INTAKE_DAY, LocalTime.of(9, 0));
  }

  /** A canje case accepted, documents and payment done, up to the booked appointment. */
  private CaseScenario throughBooking(String caseNumber) {
    return newCase(caseNumber).start()
        .reviewIntake(true)
        .at(LocalDate.of(2026, 11, 4), LocalTime.of(10, 0))
        .clientSubmitsDocuments()
        .verifyDocuments(true)
        .confirmPayment(true)
        .preparePaperwork()
        .bookAppointment("2026-11-12");
  }

  /** ... and on through the permit issued on 12 November and the departure on 20 November. */
  private CaseScenario throughDeparture(String caseNumber) {
    return throughBooking(caseNumber)
        .at(LocalDate.of(2026, 11, 12), LocalTime.of(12, 0))
        .recordPermitIssued("2026-11-12")
        .at(LocalDate.of(2026, 11, 20), LocalTime.of(8, 0))
        .clientConfirmsDeparture();
  }

  /** ... and back in Mexico on 10 December: day 10 is Sunday 20 December, so the permit is due back at INM on Friday 18. */
  private CaseScenario throughReentry(String caseNumber) {
    return throughDeparture(caseNumber)
        .at(LocalDate.of(2026, 12, 10), LocalTime.of(20, 0))
        .clientConfirmsReentry("2026-12-10");
  }

  private static Instant local(String date, String time) {
    return LocalDate.parse(date).atTime(LocalTime.parse(time)).atZone(ProcessHarness.MEXICO_CITY).toInstant();
  }

  /** A task for {@code group}, followed up in Tasklist at {@code followUp} and due at {@code due}. */
  private static void assertTask(Task task, String group, Instant followUp, Instant due) {
    assertThat(task).as("task").isNotNull();
    List<IdentityLink> links = harness.engine().getTaskService().getIdentityLinksForTask(task.getId());
    assertThat(links).extracting(IdentityLink::getGroupId).containsExactly(group);
    assertThat(task.getFollowUpDate()).as("follow-up date of " + task.getName()).isEqualTo(Date.from(followUp));
    assertThat(task.getDueDate()).as("due date of " + task.getName()).isEqualTo(Date.from(due));
  }

  private static void assertTimer(CaseScenario scenario, String timerId, Instant due) {
    assertThat(scenario.timer(timerId)).as(timerId).isNotNull();
    assertThat(scenario.timer(timerId).getDuedate()).as(timerId).isEqualTo(Date.from(due));
  }

  @Test
  void canjeCaseRunsFromIntakeToClosed() {
    CaseScenario scenario = newCase("EXR-2026-0001").start();

    assertThat(scenario.variable("latestRequestDate")).isEqualTo("2026-11-17");
    assertThat(scenario.variable("requiredDocuments")).isEqualTo("FLIGHT_ITINERARY,APPLICATION_STATUS_NUT,PHOTO_CHILD_SIZE");
    assertThat(scenario.variable("inmFeeMxn")).isEqualTo(522);
    // 2026 has no INM figure of its own yet; application.yaml sets no firm fee, so none is recorded.
    assertThat(scenario.variable("inmFeeYear")).isEqualTo(2023);
    assertThat(scenario.variable("firmFeeMxn")).isNull();
    Task review = scenario.task(USER_TASK_REVIEW_INTAKE);
    assertThat(review.getName()).isEqualTo("Review intake");
    // Arrived at 09:00, before the office opens: one office day of work, all of Tuesday.
    assertTask(review, StaffGroups.LEGAL_STAFF, local("2026-11-03", "10:00"), local("2026-11-03", "15:00"));

    scenario.reviewIntake(true);
    assertThat(scenario.instance()).isWaitingAt(RECEIVE_TASK_AWAIT_DOCUMENTS);
    assertTimer(scenario, TIMER_DOCUMENTS_REMINDER, local("2026-11-05", "10:00"));
    assertTimer(scenario, TIMER_DOCUMENTS_LATE, local("2026-11-17", "10:00"));

    scenario.at(LocalDate.of(2026, 11, 4), LocalTime.of(10, 0)).clientSubmitsDocuments();
    assertTask(scenario.task(USER_TASK_VERIFY_DOCUMENTS), StaffGroups.LEGAL_STAFF, local("2026-11-04", "10:00"),
        local("2026-11-04", "15:00"));
    assertThat(scenario.timer(TIMER_DOCUMENTS_REMINDER)).as("no reminders while staff verify").isNull();

    scenario.verifyDocuments(true);
    // Work that can start at once is followed up when it arrives; due by the last day to file the request.
    assertTask(scenario.task(USER_TASK_CONFIRM_PAYMENT), StaffGroups.LEGAL_STAFF, local("2026-11-04", "10:00"),
        local("2026-11-17", "15:00"));
    assertTimer(scenario, TIMER_PAYMENT_REMINDER, local("2026-11-06", "10:00"));

    scenario.confirmPayment(true);
    assertTask(scenario.task(USER_TASK_PREPARE_INM_PAPERWORK), StaffGroups.LEGAL_STAFF, local("2026-11-04", "10:00"),
        local("2026-11-17", "15:00"));
    scenario.preparePaperwork();
    assertTask(scenario.task(USER_TASK_BOOK_APPOINTMENT), StaffGroups.LEGAL_STAFF, local("2026-11-04", "10:00"),
        local("2026-11-17", "15:00"));

    scenario.bookAppointment("2026-11-12");
    // Waiting for the appointment: followed up the morning of the day.
    assertTask(scenario.task(USER_TASK_RECORD_OUTCOME), StaffGroups.LEGAL_STAFF, local("2026-11-12", "10:00"),
        local("2026-11-12", "15:00"));
    assertTimer(scenario, TIMER_APPOINTMENT_REMINDER, local("2026-11-11", "10:00"));

    scenario.at(LocalDate.of(2026, 11, 12), LocalTime.of(12, 0)).recordPermitIssued("2026-11-12");
    assertThat(scenario.variable("returnByDate")).isEqualTo("2027-01-11");
    assertThat(scenario.variable("returnsAfterExpiry")).isEqualTo(false);
    // The day after the Friday flight is a Saturday: Monday.
    assertTask(scenario.task(USER_TASK_CONFIRM_DEPARTURE), StaffGroups.LEGAL_STAFF, local("2026-11-23", "10:00"),
        local("2026-11-23", "15:00"));
    assertTimer(scenario, TIMER_DEPARTURE_REMINDER, local("2026-11-19", "10:00"));

    scenario.at(LocalDate.of(2026, 11, 20), LocalTime.of(8, 0)).clientConfirmsDeparture();
    assertTask(scenario.task(USER_TASK_CONFIRM_REENTRY), StaffGroups.LEGAL_STAFF, local("2027-01-11", "10:00"),
        local("2027-01-11", "15:00"));
    assertTimer(scenario, TIMER_RETURN_BY_REMINDER, local("2027-01-04", "10:00"));
    assertTimer(scenario, TIMER_RETURN_BY_PASSED, local("2027-01-12", "10:00"));

    scenario.at(LocalDate.of(2026, 12, 10), LocalTime.of(20, 0)).clientConfirmsReentry("2026-12-10");
    // Day 10 is Sunday 20 December, when INM is closed: the last day is Friday 18.
    assertThat(scenario.variable("permitReturnDueDate")).isEqualTo("2026-12-18");
    assertTask(scenario.task(USER_TASK_RECORD_PERMIT_RETURNED), StaffGroups.LEGAL_STAFF, local("2026-12-18", "10:00"),
        local("2026-12-18", "15:00"));
    assertTimer(scenario, TIMER_HAND_BACK_REMINDER, local("2026-12-13", "10:00"));
    // Once Friday has passed, when INM and the office open again: Monday 21 at 10:00.
    assertTimer(scenario, TIMER_HAND_BACK_DEADLINE, local("2026-12-21", "10:00"));

    scenario.at(LocalDate.of(2026, 12, 14), LocalTime.of(11, 0)).clientHandedPermitBack();
    // The client's word alone does not close the case: staff check it with INM's receipt first.
    assertThat(scenario.instance()).isWaitingAt(USER_TASK_CONFIRM_PERMIT_RETURNED);
    scenario.staffChecksHandBack(true);

    assertThat(scenario.instance()).isEnded()
        .hasPassedInOrder(SERVICE_TASK_DETERMINE_REQUIREMENTS, SERVICE_TASK_SEND_ACKNOWLEDGEMENT, USER_TASK_REVIEW_INTAKE,
            RECEIVE_TASK_AWAIT_DOCUMENTS, USER_TASK_VERIFY_DOCUMENTS, USER_TASK_CONFIRM_PAYMENT,
            USER_TASK_PREPARE_INM_PAPERWORK, SERVICE_TASK_SEND_PAPERWORK, USER_TASK_BOOK_APPOINTMENT,
            SERVICE_TASK_SEND_APPOINTMENT_INSTRUCTIONS, SERVICE_TASK_COMPUTE_RETURN_BY, SERVICE_TASK_SEND_PERMIT_ISSUED,
            BOUNDARY_EVENT_DEPARTURE_CONFIRMED, BOUNDARY_EVENT_REENTRY_CONFIRMED, SERVICE_TASK_COMPUTE_PERMIT_RETURN_DUE,
            SERVICE_TASK_SEND_WELCOME_BACK, BOUNDARY_EVENT_PERMIT_RETURNED, USER_TASK_CONFIRM_PERMIT_RETURNED,
            GATEWAY_HAND_BACK_CONFIRMED, SERVICE_TASK_SEND_CASE_CLOSED,
            END_EVENT_CASE_CLOSED, END_EVENT_CASE_ENDED)
        .hasNotPassed(SERVICE_TASK_WARN_LATE_RETURN, USER_TASK_HANDLE_LATE_DOCUMENTS);
    assertThat(notices.types()).containsExactly(ACKNOWLEDGEMENT, PAPERWORK_READY, APPOINTMENT_INSTRUCTIONS,
        APPOINTMENT_REMINDER, PERMIT_ISSUED, DEPARTURE_REMINDER, WELCOME_BACK, HAND_BACK_REMINDER, CASE_CLOSED);
    assertThat(notices.of(APPOINTMENT_REMINDER).get(0).on()).isEqualTo(LocalDate.of(2026, 11, 11));
    assertThat(notices.of(DEPARTURE_REMINDER).get(0).on()).isEqualTo(LocalDate.of(2026, 11, 19));
    assertThat(notices.sent()).allSatisfy(notice -> assertThat(notice.caseNumber()).isEqualTo("EXR-2026-0001"));
  }

  @Test
  void familyUnityCaseRunsToClosedWithStaffConfirmingEachStep() {
    CaseScenario scenario = newCase("EXR-2026-0002").with("scenario", "FAMILY_UNITY").start()
        .reviewIntake(true)
        .at(LocalDate.of(2026, 11, 4), LocalTime.of(10, 0))
        .clientSubmitsDocuments()
        .verifyDocuments(true)
        .confirmPayment(true)
        .preparePaperwork()
        .bookAppointment("2026-11-12")
        .at(LocalDate.of(2026, 11, 12), LocalTime.of(12, 0))
        .recordPermitIssued("2026-11-12")
        .at(LocalDate.of(2026, 11, 21), LocalTime.of(11, 0))
        .staffConfirmDeparture()
        .at(LocalDate.of(2026, 12, 11), LocalTime.of(11, 0))
        .staffConfirmReentry("2026-12-10")
        .at(LocalDate.of(2026, 12, 12), LocalTime.of(11, 0))
        .staffRecordPermitReturned("2026-12-12");

    assertThat(scenario.instance()).isEnded()
        .hasPassed(USER_TASK_CONFIRM_DEPARTURE, USER_TASK_CONFIRM_REENTRY, USER_TASK_RECORD_PERMIT_RETURNED, END_EVENT_CASE_CLOSED)
        .hasNotPassed(BOUNDARY_EVENT_DEPARTURE_CONFIRMED, BOUNDARY_EVENT_REENTRY_CONFIRMED, BOUNDARY_EVENT_PERMIT_RETURNED);
    assertThat(harness.engine().getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(scenario.id()).variableName("permitReturnDueDate").singleResult().getValue()).isEqualTo("2026-12-18");
    assertThat(notices.types()).containsExactly(ACKNOWLEDGEMENT, PAPERWORK_READY, APPOINTMENT_INSTRUCTIONS,
        APPOINTMENT_REMINDER, PERMIT_ISSUED, DEPARTURE_REMINDER, WELCOME_BACK, CASE_CLOSED);
  }

  @Test
  void emergencyCaseIsIssuedNextDay() {
    CaseScenario scenario = newCase("EXR-2026-0003")
        .with("scenario", "EMERGENCY")
        .with("emergencyReason", "Mother in surgery")
        .with("departureDate", "2026-11-05")
        .with("plannedReturnDate", "2026-11-19")
        .start();

    assertThat(scenario.variable("leadTimeDays")).isEqualTo(1);
    assertThat(scenario.variable("latestRequestDate")).isEqualTo("2026-11-04");
    assertThat(scenario.variable("leadTimeMet")).isEqualTo(true);
    assertThat((String) scenario.variable("requiredDocuments")).contains("EMERGENCY_PROOF", "FORCE_MAJEURE_LETTER");

    scenario.reviewIntake(true);
    assertTimer(scenario, TIMER_DOCUMENTS_LATE, local("2026-11-04", "10:00"));
    scenario.at(INTAKE_DAY, LocalTime.of(12, 0))
        .clientSubmitsDocuments()
        .verifyDocuments(true)
        .confirmPayment(true)
        .preparePaperwork()
        .bookAppointment("2026-11-04");
    // The appointment is tomorrow: the reminder goes out at once.
    assertThat(notices.of(APPOINTMENT_REMINDER)).hasSize(1);

    scenario.at(LocalDate.of(2026, 11, 4), LocalTime.of(13, 0)).recordPermitIssued("2026-11-04");
    assertThat(scenario.variable("returnByDate")).isEqualTo("2027-01-03");
    assertTask(scenario.task(USER_TASK_CONFIRM_DEPARTURE), StaffGroups.LEGAL_STAFF, local("2026-11-06", "10:00"),
        local("2026-11-06", "15:00"));

    scenario.at(LocalDate.of(2026, 11, 5), LocalTime.of(7, 0)).clientConfirmsDeparture();

    assertThat(scenario.instance()).isWaitingAt(USER_TASK_CONFIRM_REENTRY)
        .hasPassed(SERVICE_TASK_SEND_PERMIT_ISSUED).hasNotPassed(USER_TASK_HANDLE_LATE_DOCUMENTS);
    assertThat(notices.types()).containsExactly(EMERGENCY_INTAKE, ACKNOWLEDGEMENT, PAPERWORK_READY, APPOINTMENT_INSTRUCTIONS,
        APPOINTMENT_REMINDER, PERMIT_ISSUED, DEPARTURE_REMINDER);
    assertThat(notices.of(PERMIT_ISSUED).get(0).on()).isEqualTo(INTAKE_DAY.plusDays(1));
  }

  /** An emergency leaving Thursday 5 November, in at 11:20 on Tuesday 3 November. */
  private CaseScenario emergency(String caseNumber) {
    return newCase(caseNumber)
        .with("scenario", "EMERGENCY")
        .with("emergencyReason", "Mother in surgery")
        .with("departureDate", "2026-11-05")
        .with("plannedReturnDate", "2026-11-19")
        .at(INTAKE_DAY, LocalTime.of(11, 20));
  }

  @Test
  void everyTaskOfAnEmergencyCaseGoesFirstAndWhatStaffCanDoAtOnceIsDueWithinAnOfficeHour() {
    CaseScenario scenario = emergency("EXR-2026-0031").start();

    assertThat(scenario.instance()).hasPassedInOrder(GATEWAY_EMERGENCY, SERVICE_TASK_ALERT_FIRM,
        SERVICE_TASK_SEND_ACKNOWLEDGEMENT);
    // The firm hears first, with what it needs to call the client.
    assertThat(notices.types()).containsExactly(EMERGENCY_INTAKE, ACKNOWLEDGEMENT);
    assertThat(notices.of(EMERGENCY_INTAKE).get(0).caseNumber()).isEqualTo("EXR-2026-0031");
    assertThat(notices.of(EMERGENCY_INTAKE).get(0).facts()).containsEntry("departureDate", "2026-11-05")
        .containsEntry("emergencyReason", "Mother in surgery");

    Task review = scenario.task(USER_TASK_REVIEW_INTAKE);
    assertThat(review.getPriority()).isEqualTo(80);
    assertTask(review, StaffGroups.LEGAL_STAFF, local("2026-11-03", "11:20"), local("2026-11-03", "12:20"));

    scenario.reviewIntake(true).at(INTAKE_DAY, LocalTime.of(14, 30)).clientSubmitsDocuments();
    // Half an hour before the close: the other half hour is the first of the next office day.
    Task verify = scenario.task(USER_TASK_VERIFY_DOCUMENTS);
    assertThat(verify.getPriority()).isEqualTo(80);
    assertTask(verify, StaffGroups.LEGAL_STAFF, local("2026-11-03", "14:30"), local("2026-11-04", "10:30"));

    scenario.verifyDocuments(true);
    // Due by the last day to file (the close of 4 November), and within the office hour, which is earlier.
    Task payment = scenario.task(USER_TASK_CONFIRM_PAYMENT);
    assertThat(payment.getPriority()).isEqualTo(80);
    assertTask(payment, StaffGroups.LEGAL_STAFF, local("2026-11-03", "14:30"), local("2026-11-04", "10:30"));
    scenario.confirmPayment(true);
    assertThat(scenario.task(USER_TASK_PREPARE_INM_PAPERWORK).getPriority()).isEqualTo(80);
    assertTask(scenario.task(USER_TASK_PREPARE_INM_PAPERWORK), StaffGroups.LEGAL_STAFF, local("2026-11-03", "14:30"),
        local("2026-11-04", "10:30"));
    scenario.preparePaperwork();
    assertThat(scenario.task(USER_TASK_BOOK_APPOINTMENT).getPriority()).isEqualTo(80);
    assertTask(scenario.task(USER_TASK_BOOK_APPOINTMENT), StaffGroups.LEGAL_STAFF, local("2026-11-03", "14:30"),
        local("2026-11-04", "10:30"));

    scenario.bookAppointment("2026-11-04");
    // A task that waits for the appointment keeps the appointment's day, still ahead of routine work.
    Task outcome = scenario.task(USER_TASK_RECORD_OUTCOME);
    assertThat(outcome.getPriority()).isEqualTo(80);
    assertTask(outcome, StaffGroups.LEGAL_STAFF, local("2026-11-04", "10:00"), local("2026-11-04", "15:00"));
  }

  @Test
  void anEmergencysEscalationToManagersIsDueWithinAnOfficeHourToo() {
    CaseScenario scenario = emergency("EXR-2026-0032").start().reviewIntake(true);

    // No documents by the morning of the last day to file.
    scenario.at(LocalDate.of(2026, 11, 4), LocalTime.of(10, 5));

    Task escalation = scenario.task(USER_TASK_HANDLE_LATE_DOCUMENTS);
    assertThat(escalation.getPriority()).isEqualTo(80);
    assertTask(escalation, StaffGroups.MANAGERS, local("2026-11-04", "10:00"), local("2026-11-04", "11:00"));
  }

  @Test
  void aRoutineCaseKeepsTheRoutinePriorityAndOfficeDayAndAlertsNobody() {
    CaseScenario scenario = newCase("EXR-2026-0033").at(INTAKE_DAY, LocalTime.of(11, 20)).start();

    assertThat(scenario.instance()).hasPassed(GATEWAY_EMERGENCY).hasNotPassed(SERVICE_TASK_ALERT_FIRM);
    assertThat(notices.types()).containsExactly(ACKNOWLEDGEMENT);
    Task review = scenario.task(USER_TASK_REVIEW_INTAKE);
    assertThat(review.getPriority()).isEqualTo(50);
    // Five office hours: 3 h 40 min on Tuesday, the rest on Wednesday morning.
    assertTask(review, StaffGroups.LEGAL_STAFF, local("2026-11-03", "11:20"), local("2026-11-04", "11:20"));

    scenario.reviewIntake(true).at(INTAKE_DAY, LocalTime.of(14, 30)).clientSubmitsDocuments().verifyDocuments(true);
    Task payment = scenario.task(USER_TASK_CONFIRM_PAYMENT);
    assertThat(payment.getPriority()).isEqualTo(50);
    assertTask(payment, StaffGroups.LEGAL_STAFF, local("2026-11-03", "14:30"), local("2026-11-17", "15:00"));
  }

  /** The emails the client would read, in the firm's words (the templates MailComposer fills). */
  private static final MailComposer COMPOSER = new MailComposer(new mx.permiso.firm.FirmSettings("+52 442 555 0100",
      "permisos@example.com", java.util.Map.of("en", "Monday to Friday", "es", "de lunes a viernes"),
      java.util.Map.of("en", "CLABE 012 180 00000000000 0")), harnessDeadlines(), ProcessHarness.MEXICO_CITY);

  private static mx.permiso.deadlines.Deadlines harnessDeadlines() {
    return new mx.permiso.deadlines.Deadlines(mx.permiso.support.SampleSettings.deadlines(),
        java.time.Clock.fixed(Instant.parse("2026-11-04T16:00:00Z"), java.time.ZoneOffset.UTC), ProcessHarness.MEXICO_CITY);
  }

  @Test
  void aDocumentLeftUntickedIsAskedOfTheClientByNameAndTheCaseWaitsForDocumentsAgain() {
    CaseScenario scenario = newCase("EXR-2026-0040").start().reviewIntake(true)
        .at(LocalDate.of(2026, 11, 4), LocalTime.of(10, 0)).clientSubmitsDocuments();
    TaskService tasks = harness.engine().getTaskService();
    Task verify = scenario.task(USER_TASK_VERIFY_DOCUMENTS);
    // The checklist offers the case's documents by their staff names, as JSON Tasklist reads.
    ObjectValue checklist = tasks.getVariableLocalTyped(verify.getId(), "documentChecklist", false);
    assertThat(checklist.getSerializationDataFormat()).isEqualTo("application/json");
    assertThat(checklist.getValueSerialized()).isEqualTo("[{\"label\":\"Flight itinerary\",\"value\":\"FLIGHT_ITINERARY\"},"
        + "{\"label\":\"Residency application status (NUT)\",\"value\":\"APPLICATION_STATUS_NUT\"},"
        + "{\"label\":\"Photo, child size\",\"value\":\"PHOTO_CHILD_SIZE\"}]");
    assertThat(scenario.variable("requiredDocumentNames"))
        .isEqualTo("- Flight itinerary\n- Residency application status \\(NUT\\)\n- Photo, child size");

    // Ticked as Tasklist sends a checklist: JSON text.
    scenario.complete(USER_TASK_VERIFY_DOCUMENTS, java.util.Map.of("receivedDocuments",
        org.camunda.bpm.engine.variable.Variables.serializedObjectValue("[\"FLIGHT_ITINERARY\",\"APPLICATION_STATUS_NUT\"]")
            .serializationDataFormat("application/json").objectTypeName("java.util.ArrayList").create()));

    assertThat(scenario.instance()).isWaitingAt(RECEIVE_TASK_AWAIT_DOCUMENTS)
        .hasPassed(SERVICE_TASK_REQUEST_MISSING_DOCUMENTS);
    assertThat(scenario.variable("documentsComplete")).isEqualTo(false);
    assertThat(scenario.variable("missingDocuments")).isEqualTo("PHOTO_CHILD_SIZE");
    assertThat(scenario.variable("missingDocumentNames")).isEqualTo("- Photo, child size");
    assertThat(notices.of(MISSING_DOCUMENTS)).hasSize(1);
    ComposedMail mail = COMPOSER.compose(notices.of(MISSING_DOCUMENTS).get(0), "en");
    assertThat(mail.text()).contains("- One colour photo, child size 2.5 x 3 cm, front view, white background")
        .doesNotContain("PHOTO_CHILD_SIZE", "Flight itinerary", "flight itinerary");

    // The next verification opens with what was received already ticked; ticking the photo goes on.
    scenario.clientSubmitsDocuments();
    ObjectValue ticked = harness.engine().getRuntimeService().getVariableTyped(scenario.id(), "receivedDocuments", false);
    assertThat(ticked.getSerializationDataFormat()).isEqualTo("application/json");
    assertThat(ticked.getValueSerialized()).isEqualTo("[\"FLIGHT_ITINERARY\",\"APPLICATION_STATUS_NUT\"]");
    scenario.verifyDocuments(List.of("FLIGHT_ITINERARY", "APPLICATION_STATUS_NUT", "PHOTO_CHILD_SIZE"), "");

    assertThat(scenario.task(USER_TASK_CONFIRM_PAYMENT)).isNotNull();
    assertThat(scenario.variable("documentsComplete")).isEqualTo(true);
    assertThat(scenario.variable("missingDocuments")).isEqualTo("");
    assertThat(notices.of(MISSING_DOCUMENTS)).hasSize(1);
  }

  @Test
  void everyDocumentTickedButSomethingToRedoStillAsksTheClientInTheWordsStaffWrote() {
    CaseScenario scenario = newCase("EXR-2026-0041").with("language", "es").start().reviewIntake(true)
        .at(LocalDate.of(2026, 11, 4), LocalTime.of(10, 0)).clientSubmitsDocuments()
        .verifyDocuments(List.of("FLIGHT_ITINERARY", "APPLICATION_STATUS_NUT", "PHOTO_CHILD_SIZE"),
            " La foto otra vez: el fondo debe ser blanco ");

    assertThat(scenario.instance()).isWaitingAt(RECEIVE_TASK_AWAIT_DOCUMENTS);
    assertThat(scenario.variable("documentsComplete")).isEqualTo(false);
    assertThat(scenario.variable("missingDocuments")).isEqualTo("La foto otra vez: el fondo debe ser blanco");
    assertThat(scenario.variable("otherMissingDocuments")).as("the next verification starts with nothing to redo").isNull();
    ComposedMail mail = COMPOSER.compose(notices.of(MISSING_DOCUMENTS).get(0), "es");
    assertThat(mail.text()).contains("- La foto otra vez: el fondo debe ser blanco");
  }

  @Test
  void anEmergencyWithEveryDocumentTickedGoesOnToPayment() {
    CaseScenario scenario = newCase("EXR-2026-0042").with("scenario", "EMERGENCY")
        .with("emergencyReason", "Mother in surgery").with("departureDate", "2026-11-05")
        .with("plannedReturnDate", "2026-11-19").start().reviewIntake(true)
        .at(INTAKE_DAY, LocalTime.of(12, 0)).clientSubmitsDocuments();
    Task verify = scenario.task(USER_TASK_VERIFY_DOCUMENTS);
    @SuppressWarnings("unchecked")
    List<java.util.Map<String, String>> options = (List<java.util.Map<String, String>>) harness.engine().getTaskService()
        .getVariableLocal(verify.getId(), "documentChecklist");
    assertThat(options).extracting(option -> option.get("label")).containsExactly("Flight itinerary", "Residency application status (NUT)", "Photo, child size",
            "Proof of the emergency", "Force-majeure letter");

    scenario.verifyDocuments(true);

    assertThat(scenario.task(USER_TASK_CONFIRM_PAYMENT)).isNotNull();
    assertThat(scenario.variable("documentsComplete")).isEqualTo(true);
    assertThat(scenario.variable("missingDocuments")).isEqualTo("");
    assertThat(notices.of(MISSING_DOCUMENTS)).isEmpty();
  }

  @Test
  void intakeDeclinedAtReviewEndsTheCaseWithTheReason() {
    CaseScenario scenario = newCase("EXR-2026-0004").start().reviewIntake(false);

    assertThat(scenario.instance()).isEnded()
        .hasPassed(SERVICE_TASK_SEND_DECLINED, END_EVENT_INTAKE_DECLINED)
        .hasNotPassed(RECEIVE_TASK_AWAIT_DOCUMENTS);
    assertThat(notices.types()).containsExactly(ACKNOWLEDGEMENT, INTAKE_DECLINED);
    assertThat(notices.of(INTAKE_DECLINED).get(0).facts()).containsEntry("declineReason", "We cannot take cases for this office");
  }

  @Test
  void documentsLateAreRemindedEveryTwoDaysThenEscalatedToManagers() {
    CaseScenario scenario = newCase("EXR-2026-0005").start().reviewIntake(true);

    scenario.at(LocalDate.of(2026, 11, 17), LocalTime.of(10, 5));

    assertThat(notices.of(DOCUMENTS_REMINDER)).extracting(Notice::on).containsExactly(
        LocalDate.of(2026, 11, 5), LocalDate.of(2026, 11, 7), LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 11),
        LocalDate.of(2026, 11, 13), LocalDate.of(2026, 11, 15), LocalDate.of(2026, 11, 17));
    Task escalation = scenario.task(USER_TASK_HANDLE_LATE_DOCUMENTS);
    assertThat(escalation.getName()).isEqualTo("Documents late for the flight");
    // Raised at 10:00: one office day of work, until the close.
    assertTask(escalation, StaffGroups.MANAGERS, local("2026-11-17", "10:00"), local("2026-11-17", "15:00"));
    assertThat(scenario.instance()).isWaitingAt(RECEIVE_TASK_AWAIT_DOCUMENTS, USER_TASK_HANDLE_LATE_DOCUMENTS);

    // The last reminder is the day before the flight; none after it.
    scenario.at(LocalDate.of(2026, 11, 22), LocalTime.of(12, 0));
    assertThat(notices.of(DOCUMENTS_REMINDER)).hasSize(8).last().extracting(Notice::on).isEqualTo(LocalDate.of(2026, 11, 19));
    assertThat(scenario.timer(TIMER_DOCUMENTS_REMINDER)).isNull();
  }

  @Test
  void aReminderThatCannotBeWrittenFailsItsTimerWhichStaffRetryFromTheIncident() {
    CaseScenario scenario = newCase("EXR-2026-0030").start().reviewIntake(true);
    Job timer = scenario.timer(TIMER_DOCUMENTS_REMINDER);
    assertThat(timer.getDuedate()).isEqualTo(Date.from(local("2026-11-05", "10:00")));
    ManagementService management = harness.engine().getManagementService();
    notices.failing(DOCUMENTS_REMINDER);
    harness.setClock(timer.getDuedate().toInstant().plusSeconds(1));

    // The reminder is written in the timer's job: the timer is what fails, is retried and raises the incident.
    for (int attempt = 1; retries(timer) > 0; attempt++) {
      assertThat(attempt).as("attempts").isLessThanOrEqualTo(10);
      assertThatThrownBy(() -> management.executeJob(timer.getId()))
          .hasMessageContaining("Cannot write the DOCUMENTS_REMINDER email of EXR-2026-0030");
    }
    Incident incident = harness.engine().getRuntimeService().createIncidentQuery()
        .processInstanceId(scenario.instance().getId()).singleResult();
    assertThat(incident.getActivityId()).isEqualTo(TIMER_DOCUMENTS_REMINDER);
    assertThat(incident.getFailedActivityId()).as("the step Cockpit names as failing")
        .isEqualTo(SERVICE_TASK_SEND_DOCUMENTS_REMINDER);
    assertThat(incident.getIncidentMessage()).contains("Cannot write the DOCUMENTS_REMINDER email of EXR-2026-0030");
    assertThat(notices.of(DOCUMENTS_REMINDER)).isEmpty();
    assertThat(scenario.instance()).isWaitingAt(RECEIVE_TASK_AWAIT_DOCUMENTS)
        .hasNotPassed(SERVICE_TASK_SEND_DOCUMENTS_REMINDER);
    // The series goes on (the engine schedules the next reminder of a failed repeating timer).
    assertThat(reminderTimers(scenario)).extracting(Job::getDuedate).containsExactlyInAnyOrder(
        Date.from(local("2026-11-05", "10:00")), Date.from(local("2026-11-07", "10:00")));

    // Staff mend the cause and retry the job from Cockpit's incident.
    notices.clear();
    management.setJobRetries(timer.getId(), 1);
    management.executeJob(timer.getId());

    assertThat(notices.of(DOCUMENTS_REMINDER)).extracting(Notice::on).containsExactly(LocalDate.of(2026, 11, 5));
    assertThat(harness.engine().getRuntimeService().createIncidentQuery()
        .processInstanceId(scenario.instance().getId()).count()).isZero();
    // The retried reminder schedules no second series.
    assertThat(reminderTimers(scenario)).extracting(Job::getDuedate)
        .containsExactly(Date.from(local("2026-11-07", "10:00")));
    assertThat(scenario.instance()).hasPassed(SERVICE_TASK_SEND_DOCUMENTS_REMINDER);
  }

  private static List<Job> reminderTimers(CaseScenario scenario) {
    return harness.engine().getManagementService().createJobQuery().processInstanceId(scenario.instance().getId())
        .timers().activityId(TIMER_DOCUMENTS_REMINDER).list();
  }

  private static int retries(Job job) {
    return harness.engine().getManagementService().createJobQuery().jobId(job.getId()).singleResult().getRetries();
  }

  @Test
  void unpaidFeesAreRemindedUntilStaffConfirmPayment() {
    CaseScenario scenario = newCase("EXR-2026-0006").start().reviewIntake(true)
        .at(LocalDate.of(2026, 11, 4), LocalTime.of(10, 0))
        .clientSubmitsDocuments()
        .verifyDocuments(true)
        .at(LocalDate.of(2026, 11, 10), LocalTime.of(12, 0));

    assertThat(notices.of(PAYMENT_REMINDER)).extracting(Notice::on).containsExactly(
        LocalDate.of(2026, 11, 6), LocalDate.of(2026, 11, 8), LocalDate.of(2026, 11, 10));
    assertThat(notices.of(PAYMENT_REMINDER).get(0).facts()).containsEntry("inmFeeMxn", 522);

    scenario.confirmPayment(true).at(LocalDate.of(2026, 11, 16), LocalTime.of(12, 0));
    assertThat(notices.of(PAYMENT_REMINDER)).hasSize(3);
    assertThat(scenario.instance()).isWaitingAt(USER_TASK_PREPARE_INM_PAPERWORK).hasPassed(SERVICE_TASK_SEND_PAYMENT_REMINDER);
  }

  @Test
  void permitNotIssuedIsRebooked() {
    CaseScenario scenario = throughBooking("EXR-2026-0007")
        .at(LocalDate.of(2026, 11, 12), LocalTime.of(12, 0))
        .recordPermitNotIssued(InmNextStep.REBOOK);

    assertThat(scenario.instance()).isWaitingAt(USER_TASK_BOOK_APPOINTMENT);
    scenario.bookAppointment("2026-11-13");
    assertThat(scenario.instance()).isWaitingAt(USER_TASK_RECORD_OUTCOME).hasPassed(GATEWAY_REBOOK);
    // The new appointment is tomorrow, so its reminder goes out at once.
    assertThat(notices.of(APPOINTMENT_REMINDER)).extracting(Notice::on)
        .containsExactly(LocalDate.of(2026, 11, 11), LocalDate.of(2026, 11, 12));
    assertThat(notices.of(APPOINTMENT_INSTRUCTIONS)).hasSize(2);
    assertThat(notices.of(APPOINTMENT_INSTRUCTIONS).get(1).facts()).containsEntry("appointmentDate", "2026-11-13");
  }

  @Test
  void permitNotIssuedEndsTheCaseWhenNotRebooked() {
    CaseScenario scenario = throughBooking("EXR-2026-0008")
        .at(LocalDate.of(2026, 11, 12), LocalTime.of(12, 0))
        .recordPermitNotIssued(InmNextStep.END);

    assertThat(scenario.instance()).isEnded().hasPassed(SERVICE_TASK_SEND_PERMIT_NOT_ISSUED, END_EVENT_PERMIT_NOT_ISSUED)
        .hasNotPassed(SERVICE_TASK_COMPUTE_RETURN_BY);
    assertThat(notices.types()).endsWith(PERMIT_NOT_ISSUED);
    assertThat(notices.of(PERMIT_NOT_ISSUED).get(0).facts())
        .containsEntry("notIssuedReason", "The office paused permits while the card is printed");
  }

  @Test
  void inmIssuingLaterWaitsForTheDateThenAsksStaffAgain() {
    CaseScenario scenario = throughBooking("EXR-2026-0050")
        .at(LocalDate.of(2026, 11, 12), LocalTime.of(12, 0))
        .recordPermitIssuedLater("2026-11-17");

    assertThat(scenario.instance()).isWaitingAt(TIMER_PERMIT_ISSUE_DATE)
        .hasPassedInOrder(USER_TASK_RECORD_OUTCOME, GATEWAY_PERMIT_ISSUED, GATEWAY_REBOOK, SERVICE_TASK_SEND_PERMIT_DELAYED)
        .hasNotPassed(SERVICE_TASK_SEND_PERMIT_NOT_ISSUED);
    assertThat(scenario.task(USER_TASK_RECORD_OUTCOME)).as("no task while the case waits for INM's date").isNull();
    // On the morning of the date INM gave.
    assertTimer(scenario, TIMER_PERMIT_ISSUE_DATE, local("2026-11-17", "10:00"));
    assertThat(notices.types()).endsWith(APPOINTMENT_REMINDER, PERMIT_DELAYED);
    assertThat(notices.of(PERMIT_DELAYED)).singleElement().satisfies(told -> assertThat(told.facts())
        .containsEntry("permitIssueDate", "2026-11-17").containsEntry("departureDate", "2026-11-20"));

    scenario.at(LocalDate.of(2026, 11, 17), LocalTime.of(10, 5));

    Task again = scenario.task(USER_TASK_RECORD_OUTCOME);
    assertThat(again.getPriority()).isEqualTo(50);
    // Asked at 10:00 on the day, due when the office closes that day (the appointment's date has passed).
    assertTask(again, StaffGroups.LEGAL_STAFF, local("2026-11-17", "10:00"), local("2026-11-17", "15:00"));
    assertThat(scenario.instance()).hasPassed(TIMER_PERMIT_ISSUE_DATE);
    // The appointment reminder's timer comes back with the task and fires at once, but the appointment has passed.
    assertThat(notices.of(APPOINTMENT_REMINDER)).hasSize(1);
    assertThat(scenario.timer(TIMER_APPOINTMENT_REMINDER)).isNull();

    scenario.at(LocalDate.of(2026, 11, 17), LocalTime.of(12, 0)).recordPermitIssued("2026-11-17");
    assertThat(scenario.variable("returnByDate")).isEqualTo("2027-01-16");
    assertThat(scenario.instance()).isWaitingAt(USER_TASK_CONFIRM_DEPARTURE);
    assertThat(notices.types()).containsExactly(ACKNOWLEDGEMENT, PAPERWORK_READY, APPOINTMENT_INSTRUCTIONS,
        APPOINTMENT_REMINDER, PERMIT_DELAYED, PERMIT_ISSUED);
  }

  @Test
  void inmWantingCorrectedFormsGoesBackToThePaperworkThenToBooking() {
    CaseScenario scenario = throughBooking("EXR-2026-0051")
        .at(LocalDate.of(2026, 11, 12), LocalTime.of(12, 0))
        .recordPermitNotIssued(InmNextStep.NEW_PAPERWORK);

    assertThat(scenario.instance()).isWaitingAt(USER_TASK_PREPARE_INM_PAPERWORK)
        .hasPassedInOrder(GATEWAY_REBOOK, GATEWAY_NEW_PAPERWORK, SERVICE_TASK_SEND_PAPERWORK_CORRECTIONS)
        .hasNotPassed(SERVICE_TASK_SEND_PERMIT_NOT_ISSUED);
    // The moment INM asked for corrections: only paperwork attached from then on counts and is sent.
    assertThat(scenario.variable("paperworkCorrectionsAskedAt")).isEqualTo("2026-11-12T18:00:00Z");
    // Work staff can do at once, due by the last day to file the request.
    Task paperwork = scenario.task(USER_TASK_PREPARE_INM_PAPERWORK);
    assertThat(paperwork.getPriority()).isEqualTo(50);
    assertTask(paperwork, StaffGroups.LEGAL_STAFF, local("2026-11-12", "12:00"), local("2026-11-17", "15:00"));
    assertThat(notices.of(PAPERWORK_CORRECTIONS)).singleElement().satisfies(told -> assertThat(told.facts())
        .containsEntry("notIssuedReason", "The office paused permits while the card is printed"));

    scenario.preparePaperwork();
    assertThat(notices.of(PAPERWORK_READY)).hasSize(2).last().satisfies(told -> assertThat(told.facts())
        .containsEntry("paperworkCorrectionsAskedAt", "2026-11-12T18:00:00Z"));
    assertTask(scenario.task(USER_TASK_BOOK_APPOINTMENT), StaffGroups.LEGAL_STAFF, local("2026-11-12", "12:00"),
        local("2026-11-17", "15:00"));

    scenario.bookAppointment("2026-11-16");
    assertThat(scenario.instance()).isWaitingAt(USER_TASK_RECORD_OUTCOME);
    assertThat(notices.types()).containsExactly(ACKNOWLEDGEMENT, PAPERWORK_READY, APPOINTMENT_INSTRUCTIONS,
        APPOINTMENT_REMINDER, PAPERWORK_CORRECTIONS, PAPERWORK_READY, APPOINTMENT_INSTRUCTIONS);
  }

  @Test
  void aHandBackStaffCannotConfirmTellsTheClientAndWaitsAgainWithTheRemindersStillAhead() {
    CaseScenario scenario = throughReentry("EXR-2026-0052")
        .at(LocalDate.of(2026, 12, 14), LocalTime.of(11, 0))
        .clientHandedPermitBack();

    Task check = scenario.task(USER_TASK_CONFIRM_PERMIT_RETURNED);
    assertThat(check.getName()).isEqualTo("Check permit handed back to INM");
    assertThat(check.getPriority()).isEqualTo(50);
    // Work staff can do at once: five office hours, the rest on Tuesday morning.
    assertTask(check, StaffGroups.LEGAL_STAFF, local("2026-12-14", "11:00"), local("2026-12-15", "11:00"));
    assertThat(scenario.timer(TIMER_HAND_BACK_REMINDER)).as("no reminders while staff check").isNull();
    assertThat(scenario.timer(TIMER_HAND_BACK_DEADLINE)).isNull();

    scenario.at(LocalDate.of(2026, 12, 15), LocalTime.of(10, 30)).staffChecksHandBack(false);

    assertThat(scenario.instance()).isWaitingAt(USER_TASK_RECORD_PERMIT_RETURNED)
        .hasPassedInOrder(BOUNDARY_EVENT_PERMIT_RETURNED, USER_TASK_CONFIRM_PERMIT_RETURNED, GATEWAY_HAND_BACK_CONFIRMED,
            SERVICE_TASK_SEND_HAND_BACK_NOT_CONFIRMED)
        .hasNotPassed(SERVICE_TASK_SEND_CASE_CLOSED);
    assertThat(notices.of(HAND_BACK_NOT_CONFIRMED)).singleElement().satisfies(told -> assertThat(told.facts())
        .containsEntry("permitReturnDueDate", "2026-12-18"));
    // The reminders keep their rhythm from re-entry (13 and 16 December, before the last day, Friday 18):
    // the past one is not sent again.
    assertThat(notices.of(HAND_BACK_REMINDER)).extracting(Notice::on).containsExactly(LocalDate.of(2026, 12, 13));
    assertTimer(scenario, TIMER_HAND_BACK_REMINDER, local("2026-12-16", "10:00"));
    assertTimer(scenario, TIMER_HAND_BACK_DEADLINE, local("2026-12-21", "10:00"));
    assertTask(scenario.task(USER_TASK_RECORD_PERMIT_RETURNED), StaffGroups.LEGAL_STAFF, local("2026-12-18", "10:00"),
        local("2026-12-18", "15:00"));

    // The client still has all of Friday 18 and INM is closed at the weekend: nobody escalates before Monday.
    scenario.at(LocalDate.of(2026, 12, 20), LocalTime.of(10, 5));
    assertThat(notices.of(HAND_BACK_REMINDER)).extracting(Notice::on).containsExactly(
        LocalDate.of(2026, 12, 13), LocalDate.of(2026, 12, 16));
    assertThat(scenario.instance()).isWaitingAt(USER_TASK_RECORD_PERMIT_RETURNED);
    assertThat(harness.engine().getTaskService().createTaskQuery().processInstanceId(scenario.id())
        .taskDefinitionKey(USER_TASK_HANDLE_HAND_BACK_OVERDUE).count()).isZero();

    scenario.at(LocalDate.of(2026, 12, 21), LocalTime.of(10, 5));
    assertTask(scenario.task(USER_TASK_HANDLE_HAND_BACK_OVERDUE), StaffGroups.MANAGERS, local("2026-12-21", "10:00"),
        local("2026-12-21", "15:00"));

    scenario.at(LocalDate.of(2026, 12, 21), LocalTime.of(11, 0)).clientHandedPermitBack().staffChecksHandBack(true);
    assertThat(scenario.instance()).isEnded().hasPassed(END_EVENT_CASE_CLOSED);
    assertThat(notices.types()).endsWith(HAND_BACK_NOT_CONFIRMED, HAND_BACK_REMINDER, CASE_CLOSED);
  }

  @Test
  void aHandBackFoundMissingAfterTheDueDateEscalatesAtOnceWithoutStaleRemindersOrIncidents() {
    CaseScenario scenario = throughReentry("EXR-2026-0043")
        .at(LocalDate.of(2026, 12, 12), LocalTime.of(11, 0))
        .clientHandedPermitBack()
        // Staff get to it only after the last day (Friday 18 December; day 10 is Sunday 20).
        .at(LocalDate.of(2026, 12, 21), LocalTime.of(11, 0))
        .staffChecksHandBack(false);

    assertThat(harness.engine().getRuntimeService().createIncidentQuery().processInstanceId(scenario.id()).count())
        .isZero();
    assertThat(scenario.instance()).isWaitingAt(USER_TASK_RECORD_PERMIT_RETURNED, USER_TASK_HANDLE_HAND_BACK_OVERDUE);
    // No reminder was due before the client's word; none of the passed ones is sent late.
    assertThat(notices.of(HAND_BACK_REMINDER)).isEmpty();
    assertTask(scenario.task(USER_TASK_HANDLE_HAND_BACK_OVERDUE), StaffGroups.MANAGERS, local("2026-12-21", "11:00"),
        local("2026-12-22", "11:00"));

    // The reminder series has nothing left: it fires once after the last day and is found pointless.
    scenario.at(LocalDate.of(2026, 12, 28), LocalTime.of(12, 0));
    assertThat(notices.of(HAND_BACK_REMINDER)).isEmpty();
    assertThat(scenario.timer(TIMER_HAND_BACK_REMINDER)).isNull();
    assertThat(harness.engine().getRuntimeService().createIncidentQuery().processInstanceId(scenario.id()).count())
        .isZero();
  }

  @Test
  void plannedReturnAfterTheReturnByDateWarnsClientAndStaff() {
    CaseScenario scenario = newCase("EXR-2026-0009").with("plannedReturnDate", "2027-01-20").start()
        .reviewIntake(true)
        .at(LocalDate.of(2026, 11, 4), LocalTime.of(10, 0))
        .clientSubmitsDocuments().verifyDocuments(true).confirmPayment(true).preparePaperwork()
        .bookAppointment("2026-11-12")
        .at(LocalDate.of(2026, 11, 12), LocalTime.of(12, 0))
        .recordPermitIssued("2026-11-12");

    assertThat(scenario.variable("returnByDate")).isEqualTo("2027-01-11");
    assertThat(scenario.variable("returnsAfterExpiry")).isEqualTo(true);
    assertThat(scenario.instance()).hasPassed(SERVICE_TASK_WARN_LATE_RETURN).isWaitingAt(USER_TASK_CONFIRM_DEPARTURE);
    assertThat(notices.types()).endsWith(PERMIT_ISSUED, RETURN_AFTER_EXPIRY);
  }

  @Test
  void returnByDatePassingWhileAbroadEscalatesToManagers() {
    CaseScenario scenario = throughDeparture("EXR-2026-0010")
        .at(LocalDate.of(2027, 1, 12), LocalTime.of(10, 5));

    assertThat(notices.of(RETURN_BY_REMINDER)).extracting(Notice::on).containsExactly(LocalDate.of(2027, 1, 4));
    Task escalation = scenario.task(USER_TASK_HANDLE_RETURN_BY_PASSED);
    assertTask(escalation, StaffGroups.MANAGERS, local("2027-01-12", "10:00"), local("2027-01-12", "15:00"));
    assertThat(scenario.instance()).isWaitingAt(USER_TASK_CONFIRM_REENTRY, USER_TASK_HANDLE_RETURN_BY_PASSED);

    // A late re-entry still continues the case.
    scenario.at(LocalDate.of(2027, 1, 14), LocalTime.of(9, 0)).clientConfirmsReentry("2027-01-14");
    assertThat(scenario.instance()).isWaitingAt(USER_TASK_RECORD_PERMIT_RETURNED, USER_TASK_HANDLE_RETURN_BY_PASSED);
  }

  @Test
  void reentryRemindsToHandBackDuringTheTenDaysThenCloses() {
    CaseScenario scenario = throughReentry("EXR-2026-0011")
        .at(LocalDate.of(2026, 12, 18), LocalTime.of(12, 0));

    // Re-entry 10 December: day 10 is Sunday 20, so the last day is Friday 18 and no reminder falls on or after it.
    assertThat(notices.of(HAND_BACK_REMINDER)).extracting(Notice::on).containsExactly(
        LocalDate.of(2026, 12, 13), LocalDate.of(2026, 12, 16));
    assertThat(notices.of(WELCOME_BACK).get(0).facts()).containsEntry("permitReturnDueDate", "2026-12-18");

    scenario.staffRecordPermitReturned("2026-12-18");
    assertThat(scenario.instance()).isEnded().hasPassed(END_EVENT_CASE_CLOSED).hasNotPassed(USER_TASK_HANDLE_HAND_BACK_OVERDUE);
    assertThat(notices.types()).endsWith(HAND_BACK_REMINDER, CASE_CLOSED);
  }

  @Test
  void dayTenPassingWithoutHandBackEscalatesToManagers() {
    // The last day is Friday 18 December (day 10 a Sunday): nothing escalates on the day the client still has,
    // nor at the weekend.
    CaseScenario scenario = throughReentry("EXR-2026-0012")
        .at(LocalDate.of(2026, 12, 20), LocalTime.of(18, 0));
    assertThat(harness.engine().getTaskService().createTaskQuery().processInstanceId(scenario.id())
        .taskDefinitionKey(USER_TASK_HANDLE_HAND_BACK_OVERDUE).count()).isZero();

    scenario.at(LocalDate.of(2026, 12, 21), LocalTime.of(10, 5));
    Task escalation = scenario.task(USER_TASK_HANDLE_HAND_BACK_OVERDUE);
    assertThat(escalation.getName()).isEqualTo("Permit not handed back by day 10");
    assertTask(escalation, StaffGroups.MANAGERS, local("2026-12-21", "10:00"), local("2026-12-21", "15:00"));
    assertThat(notices.of(HAND_BACK_REMINDER)).hasSize(2);

    // Handing it back later closes the case and ends the escalation with it.
    scenario.at(LocalDate.of(2026, 12, 22), LocalTime.of(11, 0)).clientHandedPermitBack().staffChecksHandBack(true);
    assertThat(scenario.instance()).isEnded().hasPassed(END_EVENT_CASE_CLOSED);
    assertThat(harness.engine().getTaskService().createTaskQuery().processInstanceId(scenario.id()).count()).isZero();
  }

  @Nested
  class CaseCancelled {

    private void assertCancelled(CaseScenario scenario) {
      assertThat(scenario.instance()).isEnded()
          .hasPassed(BOUNDARY_EVENT_CASE_CANCELLED, SERVICE_TASK_SEND_CASE_CANCELLED, END_EVENT_CASE_CANCELLED)
          .hasNotPassed(END_EVENT_CASE_CLOSED);
      assertThat(notices.types()).endsWith(CASE_CANCELLED);
      assertThat(harness.engine().getManagementService().createJobQuery().processInstanceId(scenario.id()).count()).isZero();
      assertThat(harness.engine().getTaskService().createTaskQuery().processInstanceId(scenario.id()).count()).isZero();
    }

    @Test
    void duringReview() {
      CaseScenario scenario = newCase("EXR-2026-0013").start().cancel();
      assertCancelled(scenario);
      assertThat(notices.types()).containsExactly(ACKNOWLEDGEMENT, CASE_CANCELLED);
    }

    @Test
    void whileDocumentsAreCollected() {
      CaseScenario scenario = newCase("EXR-2026-0014").start().reviewIntake(true)
          .at(LocalDate.of(2026, 11, 6), LocalTime.of(9, 0))
          .cancel();
      assertCancelled(scenario);
      assertThat(notices.types()).containsExactly(ACKNOWLEDGEMENT, DOCUMENTS_REMINDER, CASE_CANCELLED);
    }

    @Test
    void whileTheClientIsAbroad() {
      CaseScenario scenario = throughDeparture("EXR-2026-0015")
          .at(LocalDate.of(2026, 12, 1), LocalTime.of(9, 0))
          .cancel();
      assertCancelled(scenario);
    }
  }

  @Test
  void travelDatesChangedMoveThePendingTimersAndDueDates() {
    CaseScenario scenario = newCase("EXR-2026-0016").start().reviewIntake(true)
        .at(LocalDate.of(2026, 11, 4), LocalTime.of(10, 0));
    assertTimer(scenario, TIMER_DOCUMENTS_LATE, local("2026-11-17", "10:00"));

    scenario.travelDatesChanged("2026-11-27", "2026-12-15");

    assertThat(scenario.variable("latestRequestDate")).isEqualTo("2026-11-24");
    assertTimer(scenario, TIMER_DOCUMENTS_LATE, local("2026-11-24", "10:00"));
    assertTimer(scenario, TIMER_DOCUMENTS_REMINDER, local("2026-11-06", "10:00"));
    // The client is told the new dates with the deadline computed from them.
    assertThat(notices.of(NoticeType.TRAVEL_DATES_CHANGED)).singleElement().satisfies(told -> assertThat(told.facts())
        .containsEntry("departureDate", "2026-11-27").containsEntry("plannedReturnDate", "2026-12-15")
        .containsEntry("latestRequestDate", "2026-11-24"));

    scenario.clientSubmitsDocuments().verifyDocuments(true).confirmPayment(true).preparePaperwork()
        .bookAppointment("2026-11-12")
        .at(LocalDate.of(2026, 11, 12), LocalTime.of(12, 0))
        .recordPermitIssued("2026-11-12");
    assertTimer(scenario, TIMER_DEPARTURE_REMINDER, local("2026-11-26", "10:00"));
    assertTask(scenario.task(USER_TASK_CONFIRM_DEPARTURE), StaffGroups.LEGAL_STAFF, local("2026-11-30", "10:00"),
        local("2026-11-30", "15:00"));

    // The flight moves earlier, and the return later than the permit allows.
    scenario.travelDatesChanged("2026-11-23", "2027-01-15");

    assertTimer(scenario, TIMER_DEPARTURE_REMINDER, local("2026-11-22", "10:00"));
    assertTask(scenario.task(USER_TASK_CONFIRM_DEPARTURE), StaffGroups.LEGAL_STAFF, local("2026-11-24", "10:00"),
        local("2026-11-24", "15:00"));
    assertThat(scenario.variable("returnsAfterExpiry")).isEqualTo(true);
    assertThat(notices.types()).endsWith(NoticeType.TRAVEL_DATES_CHANGED, RETURN_AFTER_EXPIRY);
    assertThat(notices.of(NoticeType.TRAVEL_DATES_CHANGED)).hasSize(2).last().satisfies(told -> assertThat(told.facts())
        .containsEntry("departureDate", "2026-11-23").containsEntry("plannedReturnDate", "2027-01-15")
        .containsKey("returnByDate"));
    assertThat(scenario.instance()).hasPassed(SERVICE_TASK_RESCHEDULE_DEADLINES).isWaitingAt(USER_TASK_CONFIRM_DEPARTURE);
  }

  @Test
  void travelDatesChangedLeaveARoutineTaskAsItArrived() {
    CaseScenario scenario = newCase("EXR-2026-0017").start().reviewIntake(true)
        .at(LocalDate.of(2026, 11, 4), LocalTime.of(12, 30))
        .clientSubmitsDocuments();
    assertTask(scenario.task(USER_TASK_VERIFY_DOCUMENTS), StaffGroups.LEGAL_STAFF, local("2026-11-04", "12:30"),
        local("2026-11-05", "12:30"));

    scenario.at(LocalDate.of(2026, 11, 5), LocalTime.of(14, 0)).travelDatesChanged("2026-11-27", "2026-12-15");

    assertThat(scenario.variable("latestRequestDate")).isEqualTo("2026-11-24");
    assertTask(scenario.task(USER_TASK_VERIFY_DOCUMENTS), StaffGroups.LEGAL_STAFF, local("2026-11-04", "12:30"),
        local("2026-11-05", "12:30"));
  }

  @Test
  void anIntakeOnAFridayEveningIsReviewedAfterTheHolidayWeekend() {
    // Friday 13 November 2026 after hours; Monday 16 is Revolution Day.
    CaseScenario scenario = CaseScenario.of(harness, "EXR-2026-0018").with("departureDate", "2026-12-18")
        .at(LocalDate.of(2026, 11, 13), LocalTime.of(19, 45)).start();

    assertTask(scenario.task(USER_TASK_REVIEW_INTAKE), StaffGroups.LEGAL_STAFF, local("2026-11-17", "10:00"),
        local("2026-11-17", "15:00"));
  }
}
