package mx.permiso.cases;

import java.util.List;
import java.util.Optional;
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
    Optional<ProcessInstance> instance = find(caseNumber);
    if (instance.isPresent()) {
      return instance.get();
    }
    if (cases.find(caseNumber, List.of(ExitReentryPermitProcess.Variables.CASE_NUMBER)).isPresent()) {
      throw StaffActionRefused.ended(caseNumber);
    }
    throw StaffActionRefused.noCase(caseNumber);
  }

  /** The case's running process instance, if it is running (a page may show a case that has just ended). */
  public Optional<ProcessInstance> find(String caseNumber) {
    return runtime.createProcessInstanceQuery()
        .processDefinitionKey(ExitReentryPermitProcess.KEY).processInstanceBusinessKey(caseNumber)
        .list().stream().findFirst();
  }
}
