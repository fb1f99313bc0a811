package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.*;

import java.time.LocalDate;
import mx.permiso.deadlines.Deadlines;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The day by which the permit must be back at INM, from the re-entry date. */
@Component("computePermitReturnDueDelegate")
public class ComputePermitReturnDueDelegate implements JavaDelegate {

  private final Deadlines deadlines;

  public ComputePermitReturnDueDelegate(Deadlines deadlines) {
    this.deadlines = deadlines;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LocalDate reentry = CaseFacts.of(execution::getVariable, REENTRY_DATE).requiredDate(REENTRY_DATE);
    execution.setVariable(PERMIT_RETURN_DUE_DATE, deadlines.permitReturnDueDate(reentry).toString());
  }
}
