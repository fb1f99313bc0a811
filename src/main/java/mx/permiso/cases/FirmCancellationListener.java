package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Staff cancelled the case in a task's form (a wait that ran out): the case records that the firm
 * decided and why, in the client's language as staff wrote it, for the cancellation email; the audit
 * log names who cancelled, as for a cancellation on the case page ({@link CaseCancellation}).
 */
@Component("firmCancellationListener")
public class FirmCancellationListener implements ExecutionListener {

  private final AuditLog audit;

  public FirmCancellationListener(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Object note = execution.getVariable(WAIT_DECISION_NOTE);
    // The completion check requires a reason; a completion it did not see (no user signed in) still never says "null".
    String reason = note instanceof String text ? CaseCancellation.kept(text) : "";
    execution.getProcessInstance().setVariable(CANCEL_REASON, reason);
    execution.getProcessInstance().setVariable(CANCEL_REQUESTED_BY, CaseCancellation.RequestedBy.FIRM.name());
    audit.record((String) execution.getVariable(CASE_NUMBER), AuditLog.actorOf(execution.getProcessEngineServices()),
        CaseCancellation.AUDIT_ACTION, "requestedBy: " + CaseCancellation.RequestedBy.FIRM + "; reason: " + reason);
  }
}
