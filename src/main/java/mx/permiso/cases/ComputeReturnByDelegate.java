package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.*;

import java.time.LocalDate;
import mx.permiso.deadlines.Deadlines;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The return-by date from the date printed on the permit, and whether the planned return is later. */
@Component("computeReturnByDelegate")
public class ComputeReturnByDelegate implements JavaDelegate {

  private final Deadlines deadlines;

  public ComputeReturnByDelegate(Deadlines deadlines) {
    this.deadlines = deadlines;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CaseFacts facts = CaseFacts.of(execution::getVariable, PERMIT_DATE, PLANNED_RETURN_DATE);
    LocalDate returnBy = deadlines.returnByDate(facts.requiredDate(PERMIT_DATE));
    execution.setVariable(RETURN_BY_DATE, returnBy.toString());
    execution.setVariable(RETURNS_AFTER_EXPIRY, deadlines.returnsAfterExpiry(
        facts.requiredDate(PLANNED_RETURN_DATE), returnBy));
  }
}
