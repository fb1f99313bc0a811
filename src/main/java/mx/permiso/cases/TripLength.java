package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.*;

import java.time.LocalDate;
import mx.permiso.deadlines.Deadlines;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Whether the trip is longer than any permit for its flight can cover: the validity counts from the
 * date INM prints on the permit, which is at the latest the departure day, so a planned return after
 * departure + validity is too late whatever INM does. Known at intake, before the client pays, and
 * again whenever the travel dates change.
 */
final class TripLength {

  private TripLength() {
  }

  static void record(Deadlines deadlines, DelegateExecution execution) {
    LocalDate returnByAtLatest = deadlines.returnByDate(LocalDate.parse((String) execution.getVariable(DEPARTURE_DATE)));
    execution.setVariable(RETURN_BY_AT_LATEST, returnByAtLatest.toString());
    execution.setVariable(TRIP_TOO_LONG, deadlines.returnsAfterExpiry(
        LocalDate.parse((String) execution.getVariable(PLANNED_RETURN_DATE)), returnByAtLatest));
  }
}
