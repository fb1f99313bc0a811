package mx.permiso.caseboard;

import java.time.Instant;
import java.time.LocalDate;
import mx.permiso.cases.CasePhase;

/**
 * One case as the board shows it: a row of {@code case_summary}. Personal fields are null once
 * the case has been anonymised.
 */
public record CaseSummary(
    String caseNumber,
    String processInstanceId,
    CaseStatus status,
    CasePhase phase,
    String clientName,
    String clientEmail,
    String language,
    String scenario,
    LocalDate departureDate,
    LocalDate plannedReturnDate,
    LocalDate latestRequestDate,
    LocalDate appointmentDate,
    LocalDate permitDate,
    LocalDate returnByDate,
    LocalDate reentryDate,
    LocalDate permitReturnDueDate,
    LocalDate nextDeadline,
    DeadlineKind nextDeadlineKind,
    Instant taskDueAt,
    String taskName,
    String assignee,
    Instant startedAt,
    Instant endedAt,
    Instant anonymisedAt) {

  /** Days from {@code today} to the next deadline (negative once passed), or null without one. */
  public Long daysLeft(LocalDate today) {
    return nextDeadline == null ? null : java.time.temporal.ChronoUnit.DAYS.between(today, nextDeadline);
  }

  /** The next deadline has passed. */
  public boolean deadlinePassed(LocalDate today) {
    return status.isOpen() && nextDeadline != null && nextDeadline.isBefore(today);
  }

  /** A staff task of the case is past its due moment. */
  public boolean taskOverdue(Instant now) {
    return status.isOpen() && taskDueAt != null && taskDueAt.isBefore(now);
  }

  public boolean overdue(LocalDate today, Instant now) {
    return deadlinePassed(today) || taskOverdue(now);
  }
}
