package mx.permiso.cases;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/cases/{caseNumber}} for staff: where a case stands and its dates. */
@RestController
public class CaseSummaryController {

  private static final List<String> SHOWN = List.of("clientName", "scenario", "language", "departureDate",
      "plannedReturnDate", "latestRequestDate", "appointmentDate", "permitDate", "returnByDate", "reentryDate",
      "permitReturnDueDate");

  private final HistoryService history;
  private final TaskService tasks;

  public CaseSummaryController(HistoryService history, TaskService tasks) {
    this.history = history;
    this.tasks = tasks;
  }

  @GetMapping("/api/cases/{caseNumber}")
  public Map<String, Object> summary(@PathVariable String caseNumber) {
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(caseNumber).processDefinitionKey(ExitReentryPermitProcess.KEY)
        .orderByProcessInstanceStartTime().desc().listPage(0, 1).stream().findFirst()
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseNumber));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("caseNumber", caseNumber);
    summary.put("state", instance.getState());
    summary.put("openTasks", tasks.createTaskQuery().processInstanceId(instance.getId()).list().stream()
        .map(Task::getName).toList());
    for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableNameIn(SHOWN.toArray(String[]::new)).list()) {
      summary.put(variable.getName(), variable.getValue());
    }
    return summary;
  }
}
