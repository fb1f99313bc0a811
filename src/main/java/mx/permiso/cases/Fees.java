package mx.permiso.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The fees clients are told ({@code permiso.fees.*}): INM's fee ("derecho") per year, indexed every
 * 1 January, and the firm's own fee per scenario, on top of INM's. A year without its own INM figure
 * uses the latest earlier one (and says so) until the firm adds the new amount; a scenario without a
 * firm fee is never quoted a figure (docs/adr/013-firm-settings-and-fees.md).
 *
 * @param inmMxnByYear INM's fee in MXN by the year it applies from; a year without a figure uses the latest earlier one,
 *     quoted to clients as "about MXN 522 (INM's 2023 figure; INM may charge more)". Add each year's when INM publishes it
 * @param firmMxnByScenario the firm's fee in MXN by scenario ({@code CANJE_PENDING}, {@code FAMILY_UNITY},
 *     {@code EMERGENCY}), fixed in a case when it comes in; unset: no figure, the client reads that the firm will confirm it
 */
@ConfigurationProperties("permiso.fees")
public record Fees(Map<Integer, Integer> inmMxnByYear, Map<String, Integer> firmMxnByScenario) {

  public Fees {
    inmMxnByYear = new TreeMap<>(inmMxnByYear == null ? Map.of() : inmMxnByYear);
    // Keyed as written in YAML (CANJE_PENDING) or an environment variable (..._CANJEPENDING) alike.
    Map<String, Integer> byScenario = new TreeMap<>();
    (firmMxnByScenario == null ? Map.<String, Integer>of() : firmMxnByScenario)
        .forEach((scenario, fee) -> byScenario.put(key(scenario), fee));
    firmMxnByScenario = byScenario;
  }

  /** INM's fee that applies in {@code year}: that year's figure, or the latest earlier one. */
  public InmFee inmFor(int year) {
    Map.Entry<Integer, Integer> entry = ((TreeMap<Integer, Integer>) inmMxnByYear).floorEntry(year);
    if (entry == null) {
      throw new IllegalStateException("No INM fee configured for " + year + " or earlier (permiso.fees.inm-mxn-by-year)");
    }
    return new InmFee(entry.getValue(), entry.getKey());
  }

  /** The firm's fee for a scenario; null when the firm has not set one (never a made-up figure). */
  public Integer firmFor(String scenario) {
    Integer fee = firmMxnByScenario.get(key(scenario));
    return fee == null || fee <= 0 ? null : fee;
  }

  /** The firm fees of these scenarios that are not set, by their property names. */
  public List<String> unset(List<String> scenarios) {
    List<String> unset = new ArrayList<>();
    for (String scenario : scenarios) {
      if (firmFor(scenario) == null) {
        unset.add("permiso.fees.firm-mxn-by-scenario." + scenario);
      }
    }
    return unset;
  }

  private static String key(String scenario) {
    return scenario.replaceAll("[^A-Za-z0-9]", "").toUpperCase(java.util.Locale.ROOT);
  }

  /** INM's fee and the year INM published that figure for. */
  public record InmFee(int mxn, int year) {
  }
}
