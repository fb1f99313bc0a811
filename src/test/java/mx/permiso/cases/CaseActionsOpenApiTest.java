package mx.permiso.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.Yaml;

/** The published description of the staff case actions says what the API really takes and answers. */
class CaseActionsOpenApiTest {

  @Test
  @SuppressWarnings("unchecked")
  void cancelAndTravelDatesAreDescribedAsStaffActionsWithTheFieldsTheyTake() throws IOException {
    Map<String, Object> api;
    try (InputStream yaml = new ClassPathResource("static/api/openapi.yaml").getInputStream()) {
      api = new Yaml().load(yaml);
    }
    assertThat((Map<String, Object>) path(api, "components", "securitySchemes", "staffBasic"))
        .containsEntry("type", "http").containsEntry("scheme", "basic");

    Map<String, Object> cancel = (Map<String, Object>) path(api, "components", "schemas", "CaseCancellation");
    assertThat(((Map<String, Object>) cancel.get("properties")).keySet())
        .containsExactlyInAnyOrderElementsOf(CaseActionController.CANCEL_FIELDS);
    assertThat((List<String>) cancel.get("required")).containsExactlyInAnyOrder("reason", "requestedBy");
    assertThat((List<String>) path(cancel, "properties", "requestedBy", "enum")).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(CaseCancellation.RequestedBy.values()).map(Enum::name).toList());
    assertThat(path(cancel, "properties", "reason", "maxLength")).isEqualTo(CaseCancellation.REASON_MAX_LENGTH);

    Map<String, Object> dates = (Map<String, Object>) path(api, "components", "schemas", "TravelDates");
    assertThat(((Map<String, Object>) dates.get("properties")).keySet())
        .containsExactlyInAnyOrderElementsOf(CaseActionController.TRAVEL_FIELDS);
    assertThat((List<String>) dates.get("required")).containsExactlyInAnyOrderElementsOf(CaseActionController.TRAVEL_FIELDS);

    for (String action : List.of("cancel", "travel-dates")) {
      Map<String, Object> post = (Map<String, Object>) path(api, "paths", "/api/cases/{caseNumber}/" + action, "post");
      assertThat((List<String>) post.get("tags")).as(action).containsExactly("Staff");
      assertThat((List<Map<String, Object>>) post.get("security")).as(action)
          .containsExactly(Map.of("staffBasic", List.of()));
      assertThat(((Map<String, Object>) post.get("responses")).keySet()).as(action)
          .contains("200", "400", "401", "403", "404", "409");
    }
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
