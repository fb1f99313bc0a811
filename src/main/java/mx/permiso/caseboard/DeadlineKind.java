package mx.permiso.caseboard;

import java.time.LocalDate;
import java.util.Optional;
import mx.permiso.cases.CasePhase;

/**
 * The date that matters next for a case, by phase: until the appointment, the last day the
 * request can be filed for the flight; then the appointment, the flight, the return-by date and
 * the day the permit must be back at INM. A case past that date is overdue.
 */
public enum DeadlineKind {
  LATEST_REQUEST, APPOINTMENT, DEPARTURE, RETURN_BY, HAND_BACK;

  /** The next deadline of a case in {@code phase} with these dates, if it has one. */
  public static Optional<Deadline> next(CasePhase phase, CaseDates dates) {
    return switch (phase) {
      case REVIEW, DOCUMENTS, PAYMENT, PAPERWORK -> first(LATEST_REQUEST, dates.latestRequest(), DEPARTURE,
          dates.departure());
      case APPOINTMENT -> first(APPOINTMENT, dates.appointment(), LATEST_REQUEST, dates.latestRequest());
      case DEPARTURE -> first(DEPARTURE, dates.departure(), DEPARTURE, null);
      case ABROAD -> first(RETURN_BY, dates.returnBy(), DEPARTURE, null);
      case HAND_BACK -> first(HAND_BACK, dates.permitReturnDue(), DEPARTURE, null);
      case CLOSED -> Optional.empty();
    };
  }

  private static Optional<Deadline> first(DeadlineKind kind, LocalDate date, DeadlineKind otherwise, LocalDate other) {
    if (date != null) {
      return Optional.of(new Deadline(kind, date));
    }
    return Optional.ofNullable(other).map(day -> new Deadline(otherwise, day));
  }

  /** A deadline: what it is and its day. */
  public record Deadline(DeadlineKind kind, LocalDate date) {
  }

  /** The dates of a case the deadlines come from; any may be missing. */
  public record CaseDates(LocalDate latestRequest, LocalDate departure, LocalDate appointment, LocalDate returnBy,
                          LocalDate permitReturnDue) {
  }
}
