package mx.permiso.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import mx.permiso.engine.InstanceChange.TaskEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricIncidentEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.junit.jupiter.api.Test;

/** The engine's history events as the case board receives them: Permiso's own records. */
class InstanceChangesTest {

  private static final Instant AT = Instant.parse("2026-03-02T15:00:00Z");

  private final List<InstanceChange> received = new ArrayList<>();
  private final InstanceChanges changes = new InstanceChanges(List.<InstanceChangeListener>of(received::add));

  @Test
  void anInstanceStartsUnderItsCaseNumberAndEnds() {
    HistoricProcessInstanceEventEntity started = event(new HistoricProcessInstanceEventEntity(),
        HistoryEventTypes.PROCESS_INSTANCE_START);
    started.setBusinessKey("PER-2026-0001");
    started.setStartTime(Date.from(AT));
    HistoricProcessInstanceEventEntity ended = event(new HistoricProcessInstanceEventEntity(),
        HistoryEventTypes.PROCESS_INSTANCE_END);
    ended.setEndTime(Date.from(AT));

    changes.handleEvents(List.of(started, ended));

    assertThat(received).containsExactly(
        new InstanceChange.Started("pi-1", "exit-reentry-permit", "PER-2026-0001", AT),
        new InstanceChange.Ended("pi-1", "exit-reentry-permit", AT));
  }

  @Test
  void aTaskIsCreatedUpdatedAndGoneWhenCompletedOrDeleted() {
    for (HistoryEventTypes type : List.of(HistoryEventTypes.TASK_INSTANCE_CREATE,
        HistoryEventTypes.TASK_INSTANCE_UPDATE, HistoryEventTypes.TASK_INSTANCE_COMPLETE,
        HistoryEventTypes.TASK_INSTANCE_DELETE)) {
      HistoricTaskInstanceEventEntity task = event(new HistoricTaskInstanceEventEntity(), type);
      task.setTaskId("task-1");
      task.setName("Verify documents");
      task.setAssignee("lucia");
      task.setDueDate(Date.from(AT));
      task.setStartTime(Date.from(AT.minusSeconds(60)));
      changes.handleEvent(task);
    }

    assertThat(received).extracting(change -> ((InstanceChange.TaskChanged) change).event())
        .containsExactly(TaskEvent.CREATED, TaskEvent.UPDATED, TaskEvent.GONE, TaskEvent.GONE);
    assertThat(received.get(0)).isEqualTo(new InstanceChange.TaskChanged("pi-1", "exit-reentry-permit", "task-1",
        TaskEvent.CREATED, "Verify documents", "lucia", AT, AT.minusSeconds(60)));
  }

  @Test
  void aStepIsReachedWhenItStartsNotWhenItEnds() {
    HistoricActivityInstanceEventEntity start = event(new HistoricActivityInstanceEventEntity(),
        HistoryEventTypes.ACTIVITY_INSTANCE_START);
    start.setActivityId("UserTask_VerifyDocuments");
    HistoricActivityInstanceEventEntity end = event(new HistoricActivityInstanceEventEntity(),
        HistoryEventTypes.ACTIVITY_INSTANCE_END);
    end.setActivityId("UserTask_VerifyDocuments");

    changes.handleEvents(List.of(start, end));

    assertThat(received).containsExactly(
        new InstanceChange.StepReached("pi-1", "exit-reentry-permit", "UserTask_VerifyDocuments"));
  }

  @Test
  void aVariableCarriesItsTextAndNoneOnceDeleted() {
    HistoricVariableUpdateEventEntity set = event(new HistoricVariableUpdateEventEntity(),
        HistoryEventTypes.VARIABLE_INSTANCE_CREATE);
    set.setVariableName("departureDate");
    set.setTextValue("2026-04-01");
    HistoricVariableUpdateEventEntity deleted = event(new HistoricVariableUpdateEventEntity(),
        HistoryEventTypes.VARIABLE_INSTANCE_DELETE);
    deleted.setVariableName("departureDate");
    deleted.setTextValue("2026-04-01");

    changes.handleEvents(List.of(set, deleted));

    assertThat(received).containsExactly(
        new InstanceChange.VariableChanged("pi-1", "exit-reentry-permit", "departureDate", "2026-04-01"),
        new InstanceChange.VariableChanged("pi-1", "exit-reentry-permit", "departureDate", null));
  }

  @Test
  void eventsOutsideAnInstanceOrOfNoInterestAreNotPassedOn() {
    HistoricVariableUpdateEventEntity noInstance = event(new HistoricVariableUpdateEventEntity(),
        HistoryEventTypes.VARIABLE_INSTANCE_CREATE);
    noInstance.setProcessInstanceId(null);
    HistoricIncidentEventEntity incident = event(new HistoricIncidentEventEntity(),
        HistoryEventTypes.INCIDENT_CREATE);

    changes.handleEvents(List.of(noInstance, incident));

    assertThat(received).isEmpty();
  }

  private static <T extends HistoryEvent> T event(T event, HistoryEventTypes type) {
    event.setEventType(type.getEventName());
    event.setProcessInstanceId("pi-1");
    event.setProcessDefinitionKey("exit-reentry-permit");
    return event;
  }
}
