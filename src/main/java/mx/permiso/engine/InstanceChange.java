package mx.permiso.engine;

import java.time.Instant;

/**
 * What changed in a process instance, as the engine writes it to its history: Permiso's own record
 * of it, so features that follow a case (the board) do not read the engine's history event classes.
 */
public sealed interface InstanceChange {

  String processInstanceId();

  /** Null when the engine did not say (some variable events). */
  String processDefinitionKey();

  /** The instance started, under a business key (the case number). */
  record Started(String processInstanceId, String processDefinitionKey, String businessKey, Instant at)
      implements InstanceChange {
  }

  /** The instance ended, whichever way. */
  record Ended(String processInstanceId, String processDefinitionKey, Instant at) implements InstanceChange {
  }

  /** The instance entered a flow node (task, event, gateway), named by its id in the model. */
  record StepReached(String processInstanceId, String processDefinitionKey, String activityId)
      implements InstanceChange {
  }

  /** A user task was created, updated (claimed, handed on, due date moved) or is gone (completed, deleted). */
  record TaskChanged(String processInstanceId, String processDefinitionKey, String taskId, TaskEvent event,
      String name, String assignee, Instant dueAt, Instant createdAt) implements InstanceChange {
  }

  /** A process variable was set ({@code textValue} as the engine stores it) or deleted ({@code null}). */
  record VariableChanged(String processInstanceId, String processDefinitionKey, String name, String textValue)
      implements InstanceChange {
  }

  /** What happened to a task. */
  enum TaskEvent { CREATED, UPDATED, GONE }
}
