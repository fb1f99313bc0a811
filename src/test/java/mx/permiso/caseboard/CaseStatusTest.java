package mx.permiso.caseboard;

import static org.assertj.core.api.Assertions.assertThat;

import mx.permiso.cases.CasePhase;
import org.junit.jupiter.api.Test;

/** Every outcome and phase fits the case board's columns (V6, V9): an outcome that does not would fail the step that ends a case. */
class CaseStatusTest {

  @Test
  void everyStatusAndPhaseFitsItsColumn() {
    assertThat(CaseStatus.values()).allSatisfy(status -> assertThat(status.name()).hasSizeLessThanOrEqualTo(32));
    assertThat(CasePhase.values()).allSatisfy(phase -> assertThat(phase.name()).hasSizeLessThanOrEqualTo(12));
  }

  @Test
  void aClientWhoDidNotTravelEndsTheCaseWithItsOwnOutcome() {
    assertThat(CaseStatus.endedBy(mx.permiso.cases.ExitReentryPermitProcess.Elements.END_EVENT_DID_NOT_TRAVEL))
        .contains(CaseStatus.DID_NOT_TRAVEL);
  }
}
