package mx.permiso.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

class TaskFormRulesTest {

  @Test
  void aFormsFieldsAreItsKeysAtAnyDepthSplitByWhetherTheUserMayChangeThem() throws Exception {
    TaskFormRules.FormFields fields = TaskFormRules.FormFields.of("f", new ObjectMapper().readTree("""
        {"components": [
          {"type": "text", "text": "no key"},
          {"key": "caseNumber", "type": "textfield", "readonly": true},
          {"key": "note", "type": "textfield", "disabled": true},
          {"key": "permitDate", "type": "datetime", "readonly": "=permitIssued"},
          {"type": "group", "components": [{"key": "intakeAccepted", "type": "checkbox"}]}
        ]}"""));

    assertThat(fields.editable()).containsExactlyInAnyOrder("permitDate", "intakeAccepted");
    assertThat(fields.readOnly()).containsExactlyInAnyOrder("caseNumber", "note");
  }

  @Test
  void aChecklistTakesAListOfTextsAndEveryOtherFieldASingleValue() throws Exception {
    TaskFormRules.FormFields fields = TaskFormRules.FormFields.of("f", new ObjectMapper().readTree("""
        {"components": [
          {"key": "receivedDocuments", "type": "checklist", "valuesKey": "documentChecklist"},
          {"key": "otherMissingDocuments", "type": "textfield"}
        ]}"""));
    assertThat(fields.lists()).containsExactly("receivedDocuments");

    // As Tasklist sends a checklist's answer: JSON text.
    assertThat(TaskFormRules.shapeFits(json("[\"FLIGHT_ITINERARY\",\"PHOTO_CHILD_SIZE\"]"), true)).isTrue();
    assertThat(TaskFormRules.shapeFits(List.of("FLIGHT_ITINERARY"), true)).isTrue();
    assertThat(TaskFormRules.shapeFits(json("[]"), true)).isTrue();
    assertThat(TaskFormRules.shapeFits(json("[{\"label\":\"x\"}]"), true)).isFalse();
    assertThat(TaskFormRules.shapeFits(json("{\"a\":1}"), true)).isFalse();
    assertThat(TaskFormRules.shapeFits(json("not json"), true)).isFalse();
    assertThat(TaskFormRules.shapeFits(Variables.serializedObjectValue("rO0AB").serializationDataFormat(
        Variables.SerializationDataFormats.JAVA).objectTypeName("java.util.ArrayList").create(), true)).isFalse();

    assertThat(TaskFormRules.shapeFits(Variables.stringValue("A second copy of the photo"), false)).isTrue();
    assertThat(TaskFormRules.shapeFits(true, false)).isTrue();
    assertThat(TaskFormRules.shapeFits(json("[\"x\"]"), false)).isFalse();
    assertThat(TaskFormRules.shapeFits(List.of("x"), false)).isFalse();
    assertThat(TaskFormRules.shapeFits(java.util.Map.of("a", "b"), false)).isFalse();
    // A single value is text, a number or a yes/no: never a file or a date object that would reach an email as its toString.
    assertThat(TaskFormRules.shapeFits(4022.5, false)).isTrue();
    assertThat(TaskFormRules.shapeFits(new java.util.Date(), false)).isFalse();
    assertThat(TaskFormRules.shapeFits(Variables.fileValue("note.txt").file("x".getBytes()).create(), false)).isFalse();
  }

  private static Object json(String text) {
    return Variables.serializedObjectValue(text).serializationDataFormat(Variables.SerializationDataFormats.JSON)
        .objectTypeName("java.util.ArrayList").create();
  }

  @Test
  void aShownFieldComesBackUnchangedWhenItsValueIsTheSame() {
    assertThat(TaskFormRules.sameValue("jane@example.com", Variables.stringValue("jane@example.com"))).isTrue();
    assertThat(TaskFormRules.sameValue(null, "")).isTrue();
    assertThat(TaskFormRules.sameValue(3500L, 3500)).isTrue();
    assertThat(TaskFormRules.sameValue(3500L, 3500.0)).isTrue();
    assertThat(TaskFormRules.sameValue("jane@example.com", "evil@example.net")).isFalse();
    assertThat(TaskFormRules.sameValue(null, "evil@example.net")).isFalse();
    assertThat(TaskFormRules.sameValue("2026-11-20", "")).isFalse();
  }

  @Test
  void everyDeployedFormShowsTheClientsPhoneAndLanguageWithoutLettingStaffChangeThem() throws IOException {
    List<Path> forms;
    try (Stream<Path> listed = Files.list(Path.of("forms"))) {
      forms = listed.filter(path -> path.toString().endsWith(".form")).sorted().toList();
    }
    assertThat(forms).isNotEmpty();
    for (Path form : forms) {
      TaskFormRules.FormFields fields = TaskFormRules.FormFields.of("f", new ObjectMapper().readTree(form.toFile()));
      assertThat(fields.readOnly()).as(form.toString()).contains("phone", "language");
      assertThat(fields.editable()).as(form.toString()).doesNotContain("phone", "language");
    }
  }
}
