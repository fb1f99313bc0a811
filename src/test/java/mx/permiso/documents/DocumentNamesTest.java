package mx.permiso.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import mx.permiso.cases.CaseFacts;
import mx.permiso.support.AppMessages;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.Test;

/** Every document the rules can ask of a client has a name for staff and one for the client in each language. */
class DocumentNamesTest {

  private final StaffDocumentNames staffNames = new StaffDocumentNames(AppMessages.source());

  /** The document codes any rule of permit-requirements.dmn can return. */
  private static Set<String> requirableDocuments() {
    DmnModelInstance dmn = Dmn.readModelFromFile(Path.of("processes/permit-requirements.dmn").toFile());
    Set<String> codes = new TreeSet<>();
    for (DecisionTable table : dmn.getModelElementsByType(DecisionTable.class)) {
      int column = table.getOutputs().stream().map(Output::getName).toList().indexOf("requiredDocuments");
      for (Rule rule : table.getRules()) {
        String text = rule.getOutputEntries().stream().toList().get(column).getText().getTextContent();
        codes.addAll(CaseFacts.documentCodes(text.strip().replace("\"", "")));
      }
    }
    return codes;
  }

  @Test
  void everyDocumentTheRulesCanRequireHasAStaffNameAndAClientNameInEnglishAndSpanish() {
    Set<String> codes = requirableDocuments();
    assertThat(codes).contains("FLIGHT_ITINERARY", "EMERGENCY_PROOF", "FORCE_MAJEURE_LETTER");
    for (String code : codes) {
      assertThat(staffNames.knows(code)).as("staff.document." + code + " in messages.properties").isTrue();
      assertThat(staffNames.name(code)).as(code).doesNotContain(code).isNotBlank();
      String english = DocumentNames.name(code, Locale.ENGLISH);
      String spanish = DocumentNames.name(code, Locale.forLanguageTag("es"));
      assertThat(english).as(code + " in mail/documents_en.properties").isNotEqualTo(code);
      assertThat(spanish).as(code + " in mail/documents_es.properties").isNotEqualTo(code).isNotEqualTo(english);
    }
  }

  @Test
  void staffNamesReadCodesAsTheirNamesAndLeaveFreeTextAsWritten() {
    assertThat(staffNames.names("FLIGHT_ITINERARY, PHOTO_CHILD_SIZE,Foto con fondo blanco"))
        .containsExactly("Flight itinerary", "Photo, child size", "Foto con fondo blanco");
    assertThat(staffNames.name("APPLICATION_STATUS_NUT")).isEqualTo("Residency application status (NUT)");
    assertThat(staffNames.markdown("EMERGENCY_PROOF,FORCE_MAJEURE_LETTER", "none"))
        .isEqualTo("- Proof of the emergency\n- Force-majeure letter");
    assertThat(staffNames.markdown("", "none")).isEqualTo("none");
  }
}
