package mx.permiso.engine;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Refuses a user's completion of a task while a {@link TaskCompletionCondition} of its step is
 * unmet. The refusal is a form validation error: the REST API (and Tasklist, which shows the
 * message) answers 400 "Cannot complete task ...: {reason}", and nothing is written. Calls without
 * an authenticated user (the application itself, jobs, process tests) are not checked, as with
 * {@link TaskFormRules}; nor are tasks the user cannot see, which the engine refuses itself.
 */
final class TaskCompletionGuard {

  private final ProcessEngineConfigurationImpl configuration;
  private final Supplier<List<TaskCompletionCondition>> conditions;

  TaskCompletionGuard(ProcessEngineConfigurationImpl configuration,
      Supplier<List<TaskCompletionCondition>> conditions) {
    this.configuration = configuration;
    this.conditions = conditions;
  }

  /** Refuses the completion of the task with these variables (the ones admitted by the form) if a condition is unmet. */
  void checkCompletable(String taskId, Map<String, Object> submitted) {
    Authentication user = configuration.getIdentityService().getCurrentAuthentication();
    if (user == null || user.getUserId() == null || taskId == null) {
      return;
    }
    List<TaskCompletionCondition> all = conditions.get();
    if (all.isEmpty()
        // Only for a user who may see the task: no reason is told about a task one cannot read.
        || configuration.getTaskService().createTaskQuery().taskId(taskId).count() == 0) {
      return;
    }
    Step step = configuration.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() -> {
      TaskEntity task = context.getTaskManager().findTaskById(taskId);
      if (task == null) {
        return null;
      }
      ExecutionEntity instance = task.getProcessInstance();
      Map<String, Object> after = new HashMap<>(task.getVariables());
      if (submitted != null) {
        for (String name : submitted.keySet()) {
          after.put(name, plain(submitted instanceof VariableMap typed ? typed.getValueTyped(name) : submitted.get(name)));
        }
      }
      return new Step(task.getTaskDefinitionKey(), instance == null ? null : instance.getBusinessKey(),
          Collections.unmodifiableMap(after));
    }));
    if (step == null) {
      return;
    }
    for (TaskCompletionCondition condition : all) {
      Optional<String> unmet = condition.unmet(step.key(), step.caseNumber(), step.variables());
      if (unmet.isPresent()) {
        throw new FormFieldValidationException("taskCompletion", unmet.get());
      }
    }
  }

  /** A submitted value as conditions read it; JSON a form sent (a checklist) stays text, never built into an object here. */
  private static Object plain(Object value) {
    if (value instanceof SerializableValue serialized && !serialized.isDeserialized()) {
      return serialized.getValueSerialized();
    }
    return value instanceof TypedValue typed ? typed.getValue() : value;
  }

  private record Step(String key, String caseNumber, Map<String, Object> variables) {
  }
}
