package mx.permiso.cases;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * INM's fee ("derecho") per year, indexed every 1 January ({@code permiso.fees.inm-mxn-by-year}).
 * A year without its own figure uses the latest earlier one until the firm adds the new amount.
 */
@ConfigurationProperties("permiso.fees")
public record InmFees(Map<Integer, Integer> inmMxnByYear) {

  public InmFees {
    inmMxnByYear = new TreeMap<>(inmMxnByYear == null ? Map.of() : inmMxnByYear);
  }

  public int forYear(int year) {
    Map.Entry<Integer, Integer> entry = ((TreeMap<Integer, Integer>) inmMxnByYear).floorEntry(year);
    if (entry == null) {
      throw new IllegalStateException("No INM fee configured for " + year + " or earlier (permiso.fees.inm-mxn-by-year)");
    }
    return entry.getValue();
  }
}
