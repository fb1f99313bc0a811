package mx.permiso.cases;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/** Reads a case by its number: its latest engagement, running or ended, and the variables asked for. */
@Component
public class CaseRecords {

  private final HistoryService history;

  public CaseRecords(HistoryService history) {
    this.history = history;
  }

  public Optional<CaseRecord> find(String caseNumber, List<String> variableNames) {
    return history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(caseNumber).processDefinitionKey(ExitReentryPermitProcess.KEY)
        .orderByProcessInstanceStartTime().desc().listPage(0, 1).stream().findFirst()
        .map(instance -> new CaseRecord(caseNumber, instance, variables(instance.getId(), variableNames)));
  }

  private Map<String, Object> variables(String instanceId, List<String> names) {
    Map<String, Object> values = new HashMap<>();
    for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
        .processInstanceId(instanceId).variableNameIn(names.toArray(String[]::new)).list()) {
      values.put(variable.getName(), variable.getValue());
    }
    return values;
  }

  /** A case as read: its process instance (from history, so ended cases too) and chosen variables. */
  public record CaseRecord(String caseNumber, HistoricProcessInstance instance, Map<String, Object> variables) {
  }
}
