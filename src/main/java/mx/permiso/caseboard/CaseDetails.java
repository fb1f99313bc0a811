package mx.permiso.caseboard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import mx.permiso.cases.CaseFacts;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.springframework.stereotype.Service;

/** What a case's page shows beyond its board row, read from the engine: open tasks and recorded values. */
@Service
public class CaseDetails {

  private final TaskService tasks;
  private final RuntimeService runtime;
  private final HistoryService history;

  public CaseDetails(TaskService tasks, RuntimeService runtime, HistoryService history) {
    this.tasks = tasks;
    this.runtime = runtime;
    this.history = history;
  }

  /** An open task as the case page lists it, linked to Tasklist by its id. */
  public record OpenTask(String id, String name, String assignee, Date dueDate) {
  }

  /** A value recorded on the case under a variable name. */
  public record RecordedValue(String name, Object value) {
  }

  /** The engagement's open tasks, soonest due first. */
  public List<OpenTask> openTasks(String processInstanceId) {
    return tasks.createTaskQuery().processInstanceId(processInstanceId).orderByDueDate().asc().list().stream()
        .map(task -> new OpenTask(task.getId(), task.getName(), task.getAssignee(), task.getDueDate())).toList();
  }

  /** The values last recorded under these names, from history, so a closed case still has them. */
  public List<RecordedValue> recorded(String processInstanceId, String... names) {
    List<RecordedValue> values = new ArrayList<>();
    history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).variableNameIn(names).list()
        .forEach(variable -> values.add(new RecordedValue(variable.getName(), variable.getValue())));
    return values;
  }

  /** The running engagement's values under these names; empty once it has ended. */
  public CaseFacts current(String processInstanceId, Collection<String> names) {
    try {
      return CaseFacts.of(runtime.getVariables(processInstanceId, names));
    } catch (NullValueException | NotFoundException e) {
      // Its last step (after a cancellation, say) ran in the background since the summary was read.
      return CaseFacts.of(Map.of());
    }
  }
}
