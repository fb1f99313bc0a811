package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.*;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The case takes the travel dates staff gave in a task's form (a wait that ran out, a postponed
 * flight), exactly as when they change them on the case page: the audit log names who changed what,
 * the deadlines, timers and open tasks move, and the client is emailed the new dates
 * ({@link RescheduleDeadlinesDelegate}). Any agreed wait ends with the old dates.
 */
@Component("newTravelDatesDelegate")
public class NewTravelDatesDelegate implements JavaDelegate {

  private final RescheduleDeadlinesDelegate reschedule;
  private final AuditLog audit;

  public NewTravelDatesDelegate(RescheduleDeadlinesDelegate reschedule, AuditLog audit) {
    this.reschedule = reschedule;
    this.audit = audit;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CaseFacts facts = CaseFacts.of(execution::getVariable, CASE_NUMBER, DEPARTURE_DATE, PLANNED_RETURN_DATE,
        NEW_DEPARTURE_DATE, NEW_PLANNED_RETURN_DATE);
    LocalDate oldDeparture = facts.requiredDate(DEPARTURE_DATE);
    LocalDate oldReturn = facts.requiredDate(PLANNED_RETURN_DATE);
    LocalDate departure = facts.requiredDate(NEW_DEPARTURE_DATE);
    LocalDate plannedReturn = facts.requiredDate(NEW_PLANNED_RETURN_DATE);
    // Stored as the model and the forms read them: ISO dates.
    execution.setVariable(DEPARTURE_DATE, departure.toString());
    execution.setVariable(PLANNED_RETURN_DATE, plannedReturn.toString());
    execution.removeVariable(DOCUMENTS_WAIT_UNTIL);
    execution.removeVariable(PAYMENT_WAIT_UNTIL);
    audit.record(facts.caseNumber(), AuditLog.actorOf(execution.getProcessEngineServices()),
        TravelDates.AUDIT_ACTION, DEPARTURE_DATE + ": " + oldDeparture + " -> " + departure + "; "
            + PLANNED_RETURN_DATE + ": " + oldReturn + " -> " + plannedReturn);
    reschedule.execute(execution);
  }
}
