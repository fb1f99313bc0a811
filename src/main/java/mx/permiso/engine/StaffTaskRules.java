package mx.permiso.engine;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.impl.FormServiceImpl;
import org.camunda.bpm.engine.impl.TaskServiceImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What a staff member may do to a task beyond the engine's authorizations, for every caller that
 * reaches the engine as a user (the REST API, Tasklist's engine API):
 *
 * <ul>
 *   <li>an assignee gets {@code TASK_WORK} on the task, not {@code UPDATE}: working a task never
 *       gives the right to write its variables directly ({@code PUT /task/{id}/variables/...}), and
 *       nobody keeps such a right through having once been the assignee;</li>
 *   <li>the variables handed in when completing a task (complete, submit-form, resolve, BPMN
 *       error or escalation) are fields of the task's Camunda Form, and its read-only fields come
 *       back unchanged ({@link TaskFormRules});</li>
 *   <li>a task is worked (claimed, completed, its form submitted) by the groups it is offered to,
 *       managers and administrators; it is handed on (claimed for someone, assigned, delegated)
 *       within those groups, and an assignee may give the task back (unclaim) ({@link WorkRules});</li>
 *   <li>a task is completed only once what its step needs is there ({@link TaskCompletionCondition}s,
 *       such as the INM paperwork attached before the step that emails it).</li>
 * </ul>
 *
 * <p>Installed as subclasses of the engine's task and form services rather than a command
 * interceptor: they see the calls with their own typed arguments (task id, user id, variables)
 * instead of reading the protected fields of command objects, and the application's own code and
 * the engine's jobs, which call with no authenticated user, pass through unchanged.
 */
@Component
public class StaffTaskRules extends AbstractProcessEnginePlugin {

  private final ObjectProvider<TaskCompletionCondition> conditions;

  public StaffTaskRules(ObjectProvider<TaskCompletionCondition> conditions) {
    this.conditions = conditions;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setDefaultUserPermissionForTask(Permissions.TASK_WORK);
    TaskFormRules rules = new TaskFormRules(configuration);
    WorkRules work = new WorkRules(configuration);
    // Asked for at each completion: the conditions are beans that may need the engine's data source.
    TaskCompletionGuard guard = new TaskCompletionGuard(configuration, () -> conditions.orderedStream().toList());
    Rules all = new Rules(rules, work, guard);
    configuration.setTaskService(new RuledTaskService(all));
    configuration.setFormService(new RuledFormService(all));
  }

  /** The rules both services apply. */
  record Rules(TaskFormRules form, WorkRules work, TaskCompletionGuard guard) {

    /** The variables to write when the current user completes the task: they may work it, and it may be completed. */
    Map<String, Object> completion(String taskId, Map<String, Object> variables) {
      work.checkWork(taskId);
      Map<String, Object> admitted = form.admitted(taskId, variables);
      guard.checkCompletable(taskId, admitted);
      return admitted;
    }

    /** The variables to write when the current user ends the task's work another way (resolve, BPMN error...). */
    Map<String, Object> handIn(String taskId, Map<String, Object> variables) {
      work.checkWork(taskId);
      return form.admitted(taskId, variables);
    }
  }

  /** The engine's task service, with the rules above for authenticated users. */
  static class RuledTaskService extends TaskServiceImpl {

    private final Rules rules;
    private final WorkRules work;

    RuledTaskService(Rules rules) {
      this.rules = rules;
      this.work = rules.work();
    }

    @Override
    public void complete(String taskId, Map<String, Object> variables) {
      super.complete(taskId, rules.completion(taskId, variables));
    }

    @Override
    public VariableMap completeWithVariablesInReturn(String taskId, Map<String, Object> variables,
        boolean deserializeValues) {
      return super.completeWithVariablesInReturn(taskId, rules.completion(taskId, variables), deserializeValues);
    }

    @Override
    public void resolveTask(String taskId, Map<String, Object> variables) {
      super.resolveTask(taskId, rules.handIn(taskId, variables));
    }

    @Override
    public void handleBpmnError(String taskId, String errorCode, String errorMessage, Map<String, Object> variables) {
      super.handleBpmnError(taskId, errorCode, errorMessage, rules.handIn(taskId, variables));
    }

    @Override
    public void handleEscalation(String taskId, String escalationCode, Map<String, Object> variables) {
      super.handleEscalation(taskId, escalationCode, rules.handIn(taskId, variables));
    }

    @Override
    public void claim(String taskId, String userId) {
      if (userId != null) {
        work.checkWork(taskId);
        work.checkClaim(taskId, userId);
      }
      super.claim(taskId, userId);
    }

    @Override
    public void setAssignee(String taskId, String userId) {
      // Giving one's own task back is part of working it (Tasklist's "unclaim" sets no assignee).
      if (userId == null && rules.form().isOwnTask(taskId)) {
        super.claim(taskId, null);
      } else if (!work.handOn(taskId, userId, context -> new AssignTaskCmd(taskId, userId).execute(context))) {
        super.setAssignee(taskId, userId);
      }
    }

    @Override
    public void delegateTask(String taskId, String userId) {
      if (!work.handOn(taskId, userId, context -> new DelegateTaskCmd(taskId, userId).execute(context))) {
        super.delegateTask(taskId, userId);
      }
    }
  }

  /** The engine's form service, with the form-fields rule for authenticated users. */
  static class RuledFormService extends FormServiceImpl {

    private final Rules rules;

    RuledFormService(Rules rules) {
      this.rules = rules;
    }

    @Override
    public void submitTaskForm(String taskId, Map<String, Object> properties) {
      super.submitTaskForm(taskId, rules.completion(taskId, properties));
    }

    @Override
    public VariableMap submitTaskFormWithVariablesInReturn(String taskId, Map<String, Object> properties,
        boolean deserializeValues) {
      return super.submitTaskFormWithVariablesInReturn(taskId, rules.completion(taskId, properties), deserializeValues);
    }

    @Override
    @SuppressWarnings("deprecation")
    public void submitTaskFormData(String taskId, Map<String, String> properties) {
      submitTaskForm(taskId, properties == null ? null : new HashMap<>(properties));
    }
  }
}
