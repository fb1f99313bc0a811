package mx.permiso.cases;

import java.util.Arrays;
import java.util.List;

/**
 * The client's situation, which decides the documents, the lead time and the fees
 * ({@code processes/permit-requirements.dmn}); kept in the case as its name ({@code scenario}).
 */
public enum Scenario {
  /** Entered on a consular residency visa, waiting to exchange it for the card (canje). */
  CANJE_PENDING,
  /** Applied for residency inside Mexico (family unity), waiting for the card. */
  FAMILY_UNITY,
  /** Must leave at once: proof of the emergency and a force-majeure letter. */
  EMERGENCY;

  /** Every scenario's name, in order: what the intake accepts and the decision table knows. */
  public static List<String> names() {
    return Arrays.stream(values()).map(Enum::name).toList();
  }

  /** Whether a case's scenario (its variable's value) is an emergency. */
  public static boolean isEmergency(Object scenario) {
    return EMERGENCY.name().equals(scenario);
  }
}
