package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.LEAD_TIME_DAYS;
import static mx.permiso.cases.ExitReentryPermitProcess.Variables.REQUIRED_DOCUMENTS;

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
    // The decision's outputs are named as the variables they become.
    return new PermitRequirements(CaseFacts.documentCodes((String) result.get(REQUIRED_DOCUMENTS)),
        ((Number) result.get(LEAD_TIME_DAYS)).intValue());
  }

  /** The documents as the case stores them. */
  public String documentsAsText() {
    return CaseFacts.documentsText(documents);
  }
}
