package mx.permiso.cases;

import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/** The running engagement a staff action changes, or why there is none (404 unknown, 409 ended). */
@Component
public class RunningCases {

  private final RuntimeService runtime;
  private final CaseRecords cases;

  public RunningCases(RuntimeService runtime, CaseRecords cases) {
    this.runtime = runtime;
    this.cases = cases;
  }

  /** The case's running process instance; refused with 404 when there is no such case, 409 when it has ended. */
  public ProcessInstance require(String caseNumber) {
    ProcessInstance instance = runtime.createProcessInstanceQuery()
        .processDefinitionKey(ExitReentryPermitProcess.KEY).processInstanceBusinessKey(caseNumber)
        .list().stream().findFirst().orElse(null);
    if (instance != null) {
      return instance;
    }
    if (cases.find(caseNumber, List.of(ExitReentryPermitProcess.Variables.CASE_NUMBER)).isPresent()) {
      throw StaffActionRefused.ended(caseNumber);
    }
    throw StaffActionRefused.noCase(caseNumber);
  }
}
