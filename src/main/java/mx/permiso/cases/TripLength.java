package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.*;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import mx.permiso.deadlines.Deadlines;

/**
 * Whether the trip is longer than any permit for its flight can cover: the validity counts from the
 * date INM prints on the permit, which is at the latest the departure day, so a planned return after
 * departure + validity is too late whatever INM does. Known at intake, before the client pays, and
 * again whenever the travel dates change.
 */
final class TripLength {

  private TripLength() {
  }

  /** The variables that say it, from the case's travel dates. */
  static Map<String, Object> variables(Deadlines deadlines, CaseFacts travel) {
    LocalDate returnByAtLatest = deadlines.returnByDate(travel.requiredDate(DEPARTURE_DATE));
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(RETURN_BY_AT_LATEST, returnByAtLatest.toString());
    variables.put(TRIP_TOO_LONG, deadlines.returnsAfterExpiry(travel.requiredDate(PLANNED_RETURN_DATE),
        returnByAtLatest));
    return variables;
  }
}
