package mx.permiso.cases;

import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
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
        .map(instance -> new CaseRecord(caseNumber, instance.getId(), instant(instance.getStartTime()),
            instant(instance.getEndTime()), instance.getState(), variables(instance.getId(), variableNames)));
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

  private static Instant instant(Date moment) {
    return moment == null ? null : moment.toInstant();
  }

  /**
   * A case as read from history, so ended cases too.
   *
   * @param caseNumber the case
   * @param instanceId its engagement's process instance
   * @param startedAt when the engagement started
   * @param endedAt when it ended; null while it runs
   * @param state the engagement's state as the engine names it: {@code ACTIVE}, {@code SUSPENDED},
   *     {@code COMPLETED}, {@code EXTERNALLY_TERMINATED} (cancelled through the API, deleted) or
   *     {@code INTERNALLY_TERMINATED} (ended by a terminate event)
   * @param variables the variables asked for, as stored (absent when the case never had them)
   */
  public record CaseRecord(String caseNumber, String instanceId, Instant startedAt, Instant endedAt, String state,
      Map<String, Object> variables) {

    public CaseRecord {
      variables = Collections.unmodifiableMap(new HashMap<>(variables));
    }

    /** Whether the engagement has ended. */
    public boolean ended() {
      return endedAt != null;
    }

    /** The variables read as Permiso's types. */
    public CaseFacts facts() {
      return CaseFacts.of(variables);
    }
  }
}
