package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
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
    String oldDeparture = (String) execution.getVariable(DEPARTURE_DATE);
    String oldReturn = (String) execution.getVariable(PLANNED_RETURN_DATE);
    String departure = (String) execution.getVariable(NEW_DEPARTURE_DATE);
    String plannedReturn = (String) execution.getVariable(NEW_PLANNED_RETURN_DATE);
    execution.setVariable(DEPARTURE_DATE, departure);
    execution.setVariable(PLANNED_RETURN_DATE, plannedReturn);
    execution.removeVariable(DOCUMENTS_WAIT_UNTIL);
    execution.removeVariable(PAYMENT_WAIT_UNTIL);
    audit.record((String) execution.getVariable(CASE_NUMBER), AuditLog.actorOf(execution.getProcessEngineServices()),
        TravelDates.AUDIT_ACTION, DEPARTURE_DATE + ": " + oldDeparture + " -> " + departure + "; "
            + PLANNED_RETURN_DATE + ": " + oldReturn + " -> " + plannedReturn);
    reschedule.execute(execution);
  }
}
