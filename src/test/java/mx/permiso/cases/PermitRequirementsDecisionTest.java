package mx.permiso.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One test per rule of processes/permit-requirements.dmn, plus a scenario no rule knows. */
class PermitRequirementsDecisionTest {

  private static DmnEngine dmn;
  private static DmnDecision decision;

  @BeforeAll
  static void parse() throws IOException {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream model = new FileInputStream("processes/permit-requirements.dmn")) {
      decision = dmn.parseDecision(ExitReentryPermitProcess.DECISION_PERMIT_REQUIREMENTS, model);
    }
  }

  private static PermitRequirements evaluate(String scenario) {
    DmnDecisionTableResult result = dmn.evaluateDecisionTable(decision, Variables.putValue("scenario", scenario));
    return PermitRequirements.fromDecision(scenario, result.getSingleResult() == null ? null : result.getSingleResult().getEntryMap());
  }

  @Test
  void canjePendingNeedsItineraryStatusAndPhotoThreeDaysAhead() {
    PermitRequirements requirements = evaluate("CANJE_PENDING");
    assertThat(requirements.documents()).containsExactly("FLIGHT_ITINERARY", "APPLICATION_STATUS_NUT", "PHOTO_CHILD_SIZE");
    assertThat(requirements.leadTimeDays()).isEqualTo(3);
  }

  @Test
  void familyUnityNeedsTheSameDocumentsThreeDaysAhead() {
    PermitRequirements requirements = evaluate("FAMILY_UNITY");
    assertThat(requirements.documents()).containsExactly("FLIGHT_ITINERARY", "APPLICATION_STATUS_NUT", "PHOTO_CHILD_SIZE");
    assertThat(requirements.leadTimeDays()).isEqualTo(3);
  }

  @Test
  void emergencyAddsProofAndForceMajeureLetterWithOneDayLeadTime() {
    PermitRequirements requirements = evaluate("EMERGENCY");
    assertThat(requirements.documents()).contains("EMERGENCY_PROOF", "FORCE_MAJEURE_LETTER", "FLIGHT_ITINERARY");
    assertThat(requirements.leadTimeDays()).isEqualTo(1);
  }

  @Test
  void theDecisionQuotesNoFeeTheFeesAreTheFirmsSettings() {
    // A fee in the model was a placeholder emailed to clients; fees are permiso.fees.* (FeeWordingTest).
    for (String scenario : java.util.List.of("CANJE_PENDING", "FAMILY_UNITY", "EMERGENCY")) {
      assertThat(dmn.evaluateDecisionTable(decision, Variables.putValue("scenario", scenario)).getSingleResult()
          .getEntryMap()).as(scenario).containsOnlyKeys("requiredDocuments", "leadTimeDays");
    }
  }

  @Test
  void anUnknownScenarioMatchesNoRuleAndSaysSo() {
    DmnDecisionTableResult result = dmn.evaluateDecisionTable(decision, Variables.putValue("scenario", "TOURIST"));
    assertThat(result).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> evaluate("TOURIST"))
        .hasMessageContaining("TOURIST").hasMessageContaining("no rule");
  }
}
