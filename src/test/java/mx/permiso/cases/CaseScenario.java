package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static mx.permiso.cases.ExitReentryPermitProcess.Variables.*;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mx.permiso.support.ProcessHarness;
import mx.permiso.support.SampleCase;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * One client's case, driven step by step the way the client and the staff would: default
 * answers for every wait state, each overridable per test. Every step runs the jobs that fall
 * due, so the case always rests at its next wait state.
 */
final class CaseScenario {

  private final ProcessHarness harness;
  private final ProcessEngine engine;
  private final Map<String, Object> intake = new HashMap<>();
  private ProcessInstance instance;

  private CaseScenario(ProcessHarness harness, String caseNumber) {
    this.harness = harness;
    this.engine = harness.engine();
    intake.putAll(SampleCase.intake(caseNumber));
  }

  static CaseScenario of(ProcessHarness harness, String caseNumber) {
    return new CaseScenario(harness, caseNumber);
  }

  CaseScenario with(String variable, Object value) {
    intake.put(variable, value);
    return this;
  }

  /** Moves the clock to a local date and time in Mexico City, running what falls due on the way. */
  CaseScenario at(LocalDate day, LocalTime time) {
    Instant moment = day.atTime(time).atZone(ProcessHarness.MEXICO_CITY).toInstant();
    if (instance == null) {
      harness.setClock(moment);
    } else {
      harness.runJobsUntil(instance.getId(), moment);
    }
    return this;
  }

  CaseScenario start() {
    instance = engine.getRuntimeService().startProcessInstanceByKey(ExitReentryPermitProcess.KEY,
        (String) intake.get(CASE_NUMBER), intake);
    settle();
    return this;
  }

  ProcessInstance instance() {
    return instance;
  }

  String id() {
    return instance.getId();
  }

  // --- staff in Tasklist ---

  CaseScenario reviewIntake(boolean accepted) {
    return complete(USER_TASK_REVIEW_INTAKE, accepted
        ? Map.of(INTAKE_ACCEPTED, true)
        : Map.of(INTAKE_ACCEPTED, false, DECLINE_REASON, "We cannot take cases for this office"));
  }

  /** Every required document ticked as received, or all but the photo. */
  CaseScenario verifyDocuments(boolean complete) {
    List<String> required = CaseFacts.documentCodes((String) variable(REQUIRED_DOCUMENTS));
    return verifyDocuments(complete ? required
        : required.stream().filter(code -> !code.equals("PHOTO_CHILD_SIZE")).toList(), "");
  }

  /** The verification form: the documents ticked as received, and what else the client must send or redo. */
  CaseScenario verifyDocuments(List<String> received, String otherMissing) {
    return complete(USER_TASK_VERIFY_DOCUMENTS, Map.of(RECEIVED_DOCUMENTS, received, OTHER_MISSING_DOCUMENTS, otherMissing));
  }

  CaseScenario confirmPayment(boolean received) {
    return complete(USER_TASK_CONFIRM_PAYMENT, Map.of(PAYMENT_RECEIVED, received));
  }

  CaseScenario preparePaperwork() {
    return complete(USER_TASK_PREPARE_INM_PAPERWORK, Map.of("paperworkReady", true));
  }

  CaseScenario bookAppointment(String date) {
    return complete(USER_TASK_BOOK_APPOINTMENT, Map.of(APPOINTMENT_DATE, date, APPOINTMENT_TIME, "09:30",
        INM_OFFICE, "Querétaro", PROCESS_AT_ONCE, false));
  }

  CaseScenario recordPermitIssued(String permitDate) {
    return complete(USER_TASK_RECORD_OUTCOME, Map.of(PERMIT_ISSUED, true, PERMIT_DATE, permitDate));
  }

  CaseScenario recordPermitNotIssued(ExitReentryPermitProcess.InmNextStep next) {
    return complete(USER_TASK_RECORD_OUTCOME, Map.of(PERMIT_ISSUED, false, INM_NEXT_STEP, next.name(),
        NOT_ISSUED_REASON, "The office paused permits while the card is printed"));
  }

  CaseScenario recordPermitIssuedLater(String issueDate) {
    return complete(USER_TASK_RECORD_OUTCOME, Map.of(PERMIT_ISSUED, false,
        INM_NEXT_STEP, ExitReentryPermitProcess.InmNextStep.ISSUE_LATER.name(), PERMIT_ISSUE_DATE, issueDate,
        NOT_ISSUED_REASON, "INM holds the request until closer to the flight"));
  }

  CaseScenario staffConfirmDeparture() {
    return complete(USER_TASK_CONFIRM_DEPARTURE, Map.of(DEPARTURE_OUTCOME, "TRAVELLED", EXIT_STAMP_CONFIRMED, true));
  }

  CaseScenario staffConfirmReentry(String reentryDate) {
    return complete(USER_TASK_CONFIRM_REENTRY, Map.of(REENTRY_DATE, reentryDate, "entryStampConfirmed", true));
  }

  CaseScenario staffRecordPermitReturned(String date) {
    return complete(USER_TASK_RECORD_PERMIT_RETURNED, Map.of(PERMIT_RETURNED_DATE, date,
        INM_RECEIPT_REFERENCE, "INM-QRO-2026-5512"));
  }

  /** Staff check the client's "I handed the permit back": INM has it (with its receipt's reference), or not. */
  CaseScenario staffChecksHandBack(boolean handedBack) {
    return complete(USER_TASK_CONFIRM_PERMIT_RETURNED, handedBack
        ? Map.of(PERMIT_RETURN_CONFIRMED, "true", INM_RECEIPT_REFERENCE, "INM-QRO-2026-5512")
        : Map.of(PERMIT_RETURN_CONFIRMED, "false"));
  }

  CaseScenario complete(String taskKey, Map<String, Object> variables) {
    engine.getTaskService().complete(task(taskKey).getId(), variables);
    return settle();
  }

  // --- the client, from the case page ---

  CaseScenario clientSubmitsDocuments() {
    return correlate(ExitReentryPermitProcess.Messages.DOCUMENTS_SUBMITTED, Map.of());
  }

  CaseScenario clientConfirmsDeparture() {
    return correlate(ExitReentryPermitProcess.Messages.DEPARTURE_CONFIRMED, Map.of());
  }

  CaseScenario clientConfirmsReentry(String reentryDate) {
    return correlate(ExitReentryPermitProcess.Messages.REENTRY_CONFIRMED, Map.of(REENTRY_DATE, reentryDate));
  }

  CaseScenario clientHandedPermitBack() {
    return correlate(ExitReentryPermitProcess.Messages.PERMIT_RETURNED, Map.of(PERMIT_RETURNED_DATE, harness.deadlines().today().toString()));
  }

  CaseScenario travelDatesChanged(String departureDate, String plannedReturnDate) {
    return correlate(ExitReentryPermitProcess.Messages.TRAVEL_DATES_CHANGED,
        Map.of(DEPARTURE_DATE, departureDate, PLANNED_RETURN_DATE, plannedReturnDate));
  }

  CaseScenario cancel() {
    return correlate(ExitReentryPermitProcess.Messages.CASE_CANCELLED, Map.of());
  }

  CaseScenario correlate(String message, Map<String, Object> variables) {
    engine.getRuntimeService().createMessageCorrelation(message)
        .processInstanceBusinessKey(instance.getBusinessKey())
        .setVariables(variables)
        .correlate();
    return settle();
  }

  // --- reading the case ---

  Task task(String taskKey) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(taskKey).singleResult();
  }

  Job timer(String activityId) {
    return engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .timers().activityId(activityId).singleResult();
  }

  Object variable(String name) {
    return engine.getRuntimeService().getVariable(instance.getId(), name);
  }

  private CaseScenario settle() {
    harness.runDueJobs(instance.getId());
    return this;
  }
}
