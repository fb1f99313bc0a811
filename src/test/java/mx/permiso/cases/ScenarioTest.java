package mx.permiso.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;
import mx.permiso.deadlines.CaseTimers;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.InputValues;
import org.junit.jupiter.api.Test;

/** The scenarios the product knows are the ones the decision table decides on, each named for clients and staff. */
class ScenarioTest {

  @Test
  void theDecisionTablesScenariosAreTheEnums() {
    DmnModelInstance dmn = Dmn.readModelFromFile(Path.of("processes", "permit-requirements.dmn").toFile());
    String allowed = dmn.getModelElementsByType(InputValues.class).iterator().next().getTextContent();
    assertThat(Arrays.stream(allowed.split(",")).map(value -> value.strip().replace("\"", "")).toList())
        .containsExactlyElementsOf(Scenario.names());
  }

  @Test
  void theFastTracksScenarioIsTheEmergency() {
    assertThat(CaseTimers.EMERGENCY).isEqualTo(Scenario.EMERGENCY.name());
    assertThat(Scenario.isEmergency("EMERGENCY")).isTrue();
    assertThat(Scenario.isEmergency("FAMILY_UNITY")).isFalse();
    assertThat(Scenario.isEmergency(null)).isFalse();
  }

  @Test
  void everyScenarioIsNamedForClientsInBothLanguagesAndForStaff() {
    ResourceBundle english = ResourceBundle.getBundle("messages", Locale.ROOT);
    ResourceBundle spanish = ResourceBundle.getBundle("messages", Locale.forLanguageTag("es"));
    for (Scenario scenario : Scenario.values()) {
      assertThat(english.getString("intake.scenario." + scenario)).isNotBlank();
      assertThat(spanish.getString("intake.scenario." + scenario)).isNotBlank()
          .isNotEqualTo(english.getString("intake.scenario." + scenario));
      assertThat(english.getString("staff.scenario." + scenario)).isNotBlank();
    }
  }
}
