package mx.permiso.cases;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** Reads a case by its number: its latest engagement, running or ended, and the variables asked for. */
@Component
public class CaseRecords {

  private final HistoryService history;
  private final TaskService tasks;

  public CaseRecords(HistoryService history, TaskService tasks) {
    this.history = history;
    this.tasks = tasks;
  }

  public Optional<CaseRecord> find(String caseNumber, List<String> variableNames) {
    return history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(caseNumber).processDefinitionKey(ExitReentryPermitProcess.KEY)
        .orderByProcessInstanceStartTime().desc().listPage(0, 1).stream().findFirst()
        .map(instance -> new CaseRecord(caseNumber, instance, variables(instance.getId(), variableNames)));
  }

  /** The names of the engagement's open tasks. */
  public List<String> openTaskNames(String processInstanceId) {
    return tasks.createTaskQuery().processInstanceId(processInstanceId).list().stream().map(Task::getName).toList();
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

    public String instanceId() {
      return instance.getId();
    }

    /** The engine's state of the engagement: ACTIVE, COMPLETED, INTERNALLY_TERMINATED... */
    public String state() {
      return instance.getState();
    }
  }
}
