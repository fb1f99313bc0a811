package mx.permiso.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.Yaml;

/** The published description of {@code POST /api/intake} says what the API really takes. */
class IntakeOpenApiTest {

  @Test
  @SuppressWarnings("unchecked")
  void theIntakeSchemaListsExactlyTheFieldsAndChoicesTheApiTakes() throws IOException {
    Map<String, Object> api;
    try (InputStream yaml = new ClassPathResource("static/api/openapi.yaml").getInputStream()) {
      api = new Yaml().load(yaml);
    }
    Map<String, Object> intake = (Map<String, Object>) path(api, "components", "schemas", "Intake");
    Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) intake.get("properties");

    assertThat(properties.keySet()).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(IntakeRequest.class.getRecordComponents()).map(RecordComponent::getName).toList());
    assertThat((List<String>) properties.get("scenario").get("enum"))
        .containsExactlyInAnyOrderElementsOf(IntakeValidator.SCENARIOS);
    assertThat((List<String>) properties.get("language").get("enum"))
        .containsExactlyInAnyOrderElementsOf(IntakeValidator.LANGUAGES);
    assertThat((List<String>) intake.get("required")).doesNotContain("nut", "numeroPieza", "emergencyReason")
        .contains("clientName", "acceptTerms", "acceptPrivacy");
    assertThat(intake.get("additionalProperties")).as("unknown fields are refused").isEqualTo(false);
    assertThat(((Map<String, Object>) path(api, "paths", "/api/intake", "post", "responses")).keySet())
        .contains("201", "400", "413", "429", "503");
  }

  @SuppressWarnings("unchecked")
  private static Object path(Map<String, Object> map, String... keys) {
    Object current = map;
    for (String key : keys) {
      current = ((Map<String, Object>) current).get(key);
    }
    return current;
  }
}
