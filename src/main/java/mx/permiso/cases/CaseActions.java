package mx.permiso.cases;

import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/** Finding the running engagement a staff action changes. */
final class CaseActions {

  private CaseActions() {
  }

  /** The case's running process instance; refused with 404 when no such case, 409 when it has ended. */
  static ProcessInstance running(RuntimeService runtime, CaseRecords cases, String caseNumber) {
    ProcessInstance instance = runtime.createProcessInstanceQuery()
        .processDefinitionKey(ExitReentryPermitProcess.KEY).processInstanceBusinessKey(caseNumber)
        .list().stream().findFirst().orElse(null);
    if (instance != null) {
      return instance;
    }
    if (cases.find(caseNumber, List.of(ExitReentryPermitProcess.Variables.CASE_NUMBER)).isPresent()) {
      throw CaseActionRefusedException.conflict(null, "caseAction.error.ended", caseNumber);
    }
    throw CaseActionRefusedException.notFound(caseNumber);
  }
}
