package mx.permiso.engine;

import java.util.Map;
import java.util.Optional;

/**
 * What must hold before a staff member may complete a task of a step, beyond its form (such as the
 * INM paperwork being attached before the step that emails it). Checked by {@link StaffTaskRules}
 * for every user completing a task; the engine refuses the completion with the reason (400 over REST,
 * shown by Tasklist).
 */
public interface TaskCompletionCondition {

  /**
   * Why a task of this step of this case may not be completed yet, in the staff's words; empty when it may.
   *
   * @param taskDefinitionKey the step (the user task's id in the model)
   * @param caseNumber the case (the process instance's business key), possibly null
   */
  default Optional<String> unmet(String taskDefinitionKey, String caseNumber) {
    return Optional.empty();
  }

  /**
   * As {@link #unmet(String, String)}, seeing also the variables the task would leave: the task's
   * and the case's current values, overlaid with the ones the user hands in (such as a date to check).
   * A condition implements whichever of the two it needs.
   *
   * @param variables the values after the completion, read-only
   */
  default Optional<String> unmet(String taskDefinitionKey, String caseNumber, Map<String, Object> variables) {
    return unmet(taskDefinitionKey, caseNumber);
  }
}
