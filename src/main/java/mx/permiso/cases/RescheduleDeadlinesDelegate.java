package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import mx.permiso.deadlines.CaseTimers;
import mx.permiso.deadlines.Deadlines;
import mx.permiso.engine.ModelExpressions;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

/**
 * After the client's travel dates change: recomputes the dates that follow from them, tells the
 * client the new dates and deadlines ({@link NoticeType#TRAVEL_DATES_CHANGED}), then moves
 * every pending timer and open task of the case by re-evaluating the model's own expressions
 * with the new dates, so the BPMN stays the one description of when each thing is due. A task's
 * due and follow-up dates are re-evaluated as of its creation: only a changed date moves them.
 */
@Component("rescheduleDeadlinesDelegate")
public class RescheduleDeadlinesDelegate implements JavaDelegate {

  private final Deadlines deadlines;
  private final CaseNotices notices;
  private final CaseTimers caseTimers;

  public RescheduleDeadlinesDelegate(Deadlines deadlines, CaseNotices notices, CaseTimers caseTimers) {
    this.deadlines = deadlines;
    this.notices = notices;
    this.caseTimers = caseTimers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CaseFacts current = CaseFacts.of(execution::getVariable, CASE_NUMBER, DEPARTURE_DATE, PLANNED_RETURN_DATE,
        LEAD_TIME_DAYS, RETURN_BY_DATE);
    LocalDate departure = current.requiredDate(DEPARTURE_DATE);
    int leadTime = current.leadTimeDays().orElseThrow(() -> CaseFacts.noValue(LEAD_TIME_DAYS));
    execution.setVariable(LATEST_REQUEST_DATE, deadlines.latestRequestDate(departure, leadTime).toString());
    execution.setVariable(LEAD_TIME_MET, deadlines.leadTimeMet(departure, leadTime));
    execution.setVariables(TripLength.variables(deadlines, current));
    // The client hears of the new dates and the deadlines they bring once those are computed; one email per
    // change (this run of the step that took them: the event sub-process, or a task's decision), whoever changed them.
    Map<String, Object> facts = new HashMap<>(execution.getVariables());
    facts.put(Notice.TRAVEL_DATES_CHANGE, execution.getActivityInstanceId());
    notices.send(execution.getProcessInstanceId(), current.caseNumber(), NoticeType.TRAVEL_DATES_CHANGED, facts);
    Optional<LocalDate> returnBy = current.returnByDate();
    if (returnBy.isPresent()) {
      boolean late = deadlines.returnsAfterExpiry(current.requiredDate(PLANNED_RETURN_DATE), returnBy.get());
      execution.setVariable(RETURNS_AFTER_EXPIRY, late);
      if (late) {
        notices.send(execution.getProcessInstanceId(), current.caseNumber(), NoticeType.RETURN_AFTER_EXPIRY,
            execution.getVariables());
      }
    }
    moveTimers(execution);
    moveTaskDates(execution);
  }

  private static void moveTimers(DelegateExecution execution) {
    ManagementService management = execution.getProcessEngineServices().getManagementService();
    for (Job timer : management.createJobQuery().processInstanceId(execution.getProcessInstanceId()).timers().list()) {
      management.recalculateJobDuedate(timer.getId(), false);
    }
  }

  private void moveTaskDates(DelegateExecution execution) {
    TaskService tasks = execution.getProcessEngineServices().getTaskService();
    for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list()) {
      UserTask model = execution.getBpmnModelInstance().getModelElementById(task.getTaskDefinitionKey());
      if (model == null) {
        continue;
      }
      Instant created = task.getCreateTime().toInstant();
      Date due = caseTimers.asOfTaskCreation(created, () -> evaluate(model.getCamundaDueDate(), execution));
      Date followUp = caseTimers.asOfTaskCreation(created,
          () -> evaluate(model.getCamundaFollowUpDate(), execution));
      if (due != null) {
        task.setDueDate(due);
      }
      if (followUp != null) {
        task.setFollowUpDate(followUp);
      }
      if (due != null || followUp != null) {
        tasks.saveTask(task);
      }
    }
  }

  private static Date evaluate(String expression, DelegateExecution execution) {
    return expression != null && ModelExpressions.evaluate(expression, execution) instanceof Date date
        ? date
        : null;
  }
}
