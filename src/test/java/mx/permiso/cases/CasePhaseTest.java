package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.junit.jupiter.api.Test;

/** The client's timeline follows the model: every step belongs to a phase, and the latest one counts. */
class CasePhaseTest {

  private static final List<FlowNode> STEPS = List.copyOf(Bpmn.readModelFromFile(
      Path.of("processes", ExitReentryPermitProcess.KEY + ".bpmn").toFile()).getModelElementsByType(FlowNode.class));

  @Test
  void everyActivityOfTheModelBelongsToAPhaseOrToAll() {
    assertThat(STEPS.stream().filter(Activity.class::isInstance).map(FlowNode::getId)
        .filter(id -> CasePhase.of(id).isEmpty() && !CasePhase.ANY_PHASE.contains(id)))
        .as("activities the case page cannot place").isEmpty();
  }

  @Test
  void everyStepNamedInAPhaseIsInTheModel() {
    List<String> ids = STEPS.stream().map(FlowNode::getId).toList();
    for (CasePhase phase : CasePhase.values()) {
      assertThat(ids).as(phase.name()).containsAll(phase.steps());
    }
    assertThat(ids).containsAll(CasePhase.ANY_PHASE);
  }

  @Test
  void aCaseStandsInTheLatestPhaseOfItsSteps() {
    assertThat(CasePhase.current(List.of(SUB_PROCESS_ENGAGEMENT, SUB_PROCESS_DOCUMENTS, RECEIVE_TASK_AWAIT_DOCUMENTS)))
        .isEqualTo(CasePhase.DOCUMENTS);
    assertThat(CasePhase.current(List.of(USER_TASK_CONFIRM_REENTRY, USER_TASK_HANDLE_RETURN_BY_PASSED,
        SUB_PROCESS_TRAVEL_DATES_CHANGED))).isEqualTo(CasePhase.ABROAD);
    assertThat(CasePhase.current(List.of(USER_TASK_RECORD_PERMIT_RETURNED))).isEqualTo(CasePhase.HAND_BACK);
    assertThat(CasePhase.current(List.of(SUB_PROCESS_ENGAGEMENT))).isEqualTo(CasePhase.REVIEW);
  }
}
