package mx.permiso.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import mx.permiso.engine.InstanceChange.TaskEvent;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Hands the engine's history events, as {@link InstanceChange}s, to every
 * {@link InstanceChangeListener} as well as to the engine's own history tables, and names the case
 * in the log of every step ({@code caseNumber} in the MDC).
 */
@Component
public class InstanceChanges extends AbstractProcessEnginePlugin implements HistoryEventHandler {

  /** The MDC key that carries the case number while the engine works on a case. */
  public static final String LOG_CASE_NUMBER = "caseNumber";

  private final List<InstanceChangeListener> listeners;

  public InstanceChanges(List<InstanceChangeListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
    handlers.add(this);
    configuration.setCustomHistoryEventHandlers(handlers);
    configuration.setEnableDefaultDbHistoryEventHandler(true);
    configuration.setLoggingContextBusinessKey(LOG_CASE_NUMBER);
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (event.getProcessInstanceId() == null) {
      return;
    }
    InstanceChange change = change(event);
    if (change != null) {
      listeners.forEach(listener -> listener.changed(change));
    }
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }

  /** The change an event records, or null for events no listener needs. */
  static InstanceChange change(HistoryEvent event) {
    String instanceId = event.getProcessInstanceId();
    String key = event.getProcessDefinitionKey();
    String type = event.getEventType();
    if (event instanceof HistoricProcessInstanceEventEntity instance) {
      if (is(HistoryEventTypes.PROCESS_INSTANCE_START, type)) {
        return new InstanceChange.Started(instanceId, key, instance.getBusinessKey(), instant(instance.getStartTime()));
      }
      if (is(HistoryEventTypes.PROCESS_INSTANCE_END, type)) {
        return new InstanceChange.Ended(instanceId, key, instant(instance.getEndTime()));
      }
    } else if (event instanceof HistoricTaskInstanceEventEntity task) {
      TaskEvent what = is(HistoryEventTypes.TASK_INSTANCE_CREATE, type) ? TaskEvent.CREATED
          : is(HistoryEventTypes.TASK_INSTANCE_COMPLETE, type) || is(HistoryEventTypes.TASK_INSTANCE_DELETE, type)
          ? TaskEvent.GONE : TaskEvent.UPDATED;
      return new InstanceChange.TaskChanged(instanceId, key, task.getTaskId(), what, task.getName(),
          task.getAssignee(), instant(task.getDueDate()), instant(task.getStartTime()));
    } else if (event instanceof HistoricActivityInstanceEventEntity activity) {
      if (is(HistoryEventTypes.ACTIVITY_INSTANCE_START, type)) {
        return new InstanceChange.StepReached(instanceId, key, activity.getActivityId());
      }
    } else if (event instanceof HistoricVariableUpdateEventEntity variable) {
      boolean deleted = is(HistoryEventTypes.VARIABLE_INSTANCE_DELETE, type);
      return new InstanceChange.VariableChanged(instanceId, key, variable.getVariableName(),
          deleted ? null : variable.getTextValue());
    }
    return null;
  }

  private static boolean is(HistoryEventTypes expected, String type) {
    return expected.getEventName().equals(type);
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
