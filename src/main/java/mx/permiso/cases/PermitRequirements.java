package mx.permiso.cases;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a scenario requires, from the {@code permit-requirements} decision (the fees are settings: {@link Fees}).
 *
 * @param documents the documents the client provides (codes)
 * @param leadTimeDays business days INM needs before the flight
 */
public record PermitRequirements(List<String> documents, int leadTimeDays) {

  /** Reads the decision's single result; fails with a readable message when no rule matched. */
  public static PermitRequirements fromDecision(String scenario, Map<String, Object> result) {
    if (result == null) {
      throw new IllegalArgumentException("No permit requirements for scenario '" + scenario
          + "': the permit-requirements decision has no rule for it");
    }
    List<String> documents = Arrays.stream(((String) result.get("requiredDocuments")).split(","))
        .map(String::trim).filter(code -> !code.isEmpty()).toList();
    return new PermitRequirements(documents,
        ((Number) result.get("leadTimeDays")).intValue());
  }

  public String documentsAsText() {
    return String.join(",", documents);
  }
}
