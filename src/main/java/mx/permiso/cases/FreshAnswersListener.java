package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static mx.permiso.cases.ExitReentryPermitProcess.Variables.*;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * A decision asked again opens blank: the answers of its previous round (kept on the case, where the
 * gateways read them) are removed when the task arrives, so a form never offers last time's choice or
 * dates already gone, and submitting it unchanged cannot repeat what they did.
 */
@Component("freshAnswersListener")
public class FreshAnswersListener implements TaskListener {

  private static final List<String> WAIT_ANSWERS = List.of(WAIT_DECISION, WAIT_DECISION_NOTE, NEW_DEPARTURE_DATE,
      NEW_PLANNED_RETURN_DATE);

  /** The answers each decision task asks for. */
  static final Map<String, List<String>> ANSWERS = Map.of(
      USER_TASK_HANDLE_DOCUMENTS_NEVER_CAME, WAIT_ANSWERS,
      USER_TASK_HANDLE_PAYMENT_NEVER_CAME, WAIT_ANSWERS,
      USER_TASK_CONFIRM_DEPARTURE, List.of(DEPARTURE_OUTCOME, EXIT_STAMP_CONFIRMED, NEW_DEPARTURE_DATE,
          NEW_PLANNED_RETURN_DATE),
      USER_TASK_RECORD_OUTCOME, List.of(INM_NEXT_STEP, PERMIT_ISSUE_DATE),
      USER_TASK_CONFIRM_PERMIT_RETURNED, List.of(PERMIT_RETURN_CONFIRMED));

  @Override
  public void notify(DelegateTask task) {
    for (String answer : ANSWERS.getOrDefault(task.getTaskDefinitionKey(), List.of())) {
      task.getExecution().removeVariable(answer);
    }
  }
}
