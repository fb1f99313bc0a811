package mx.permiso.clientportal;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A case that is only finishing (its cancellation being written) neither takes documents nor asks for payment. */
class ClientCasesTest {

  @Test
  void aCaseWhoseOnlyStepIsItsCancellationIsEnding() {
    assertThat(ClientCases.endingNow(List.of(SERVICE_TASK_SEND_CASE_CANCELLED))).isTrue();
    assertThat(ClientCases.endingNow(List.of(SUB_PROCESS_ENGAGEMENT, USER_TASK_REVIEW_INTAKE))).isFalse();
    // Travel dates being rescheduled: the engagement waits on at its own step.
    assertThat(ClientCases.endingNow(List.of(SUB_PROCESS_ENGAGEMENT, RECEIVE_TASK_AWAIT_DOCUMENTS,
        SUB_PROCESS_TRAVEL_DATES_CHANGED, SERVICE_TASK_RESCHEDULE_DEADLINES))).isFalse();
    assertThat(ClientCases.endingNow(List.of())).isFalse();
  }
}
