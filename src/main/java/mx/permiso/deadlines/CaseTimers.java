package mx.permiso.deadlines;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * The moments the engagement model's timers and task due dates use, read from the case's ISO
 * date variables ({@code ${caseTimers.departureReminder(departureDate)}} in the BPMN). Every rule
 * lives in {@link Deadlines}; this only converts for the engine. Re-evaluated when travel dates
 * change, so the model's expressions are the single description of each timer.
 */
@Component("caseTimers")
public class CaseTimers {

  private final Deadlines deadlines;

  public CaseTimers(Deadlines deadlines) {
    this.deadlines = deadlines;
  }

  /** Cycle of reminders while documents are missing, from today until the day before the flight. */
  public String documentsReminders(String departureDate) {
    return cycle(deadlines.documentsReminders(deadlines.today(), date(departureDate)));
  }

  /** Cycle of reminders while the fees are unpaid. */
  public String paymentReminders(String departureDate) {
    return cycle(deadlines.paymentReminders(date(departureDate)));
  }

  /** Cycle of reminders to hand the permit back during the days after re-entry. */
  public String handBackReminders(String reentryDate, String permitReturnDueDate) {
    return cycle(deadlines.handBackReminders(date(reentryDate), date(permitReturnDueDate)));
  }

  /** Documents are late on the morning of the last day the request can be filed. */
  public Date documentsLate(String latestRequestDate) {
    return from(deadlines.reminderAt(date(latestRequestDate)));
  }

  public Date appointmentReminder(String appointmentDate) {
    return from(deadlines.appointmentReminder(date(appointmentDate)));
  }

  public Date departureReminder(String departureDate) {
    return from(deadlines.departureReminder(date(departureDate)));
  }

  public Date returnByReminder(String returnByDate) {
    return from(deadlines.returnByReminder(date(returnByDate)));
  }

  public Date returnByPassed(String returnByDate) {
    return from(deadlines.returnByPassed(date(returnByDate)));
  }

  public Date handBackDeadline(String permitReturnDueDate) {
    return from(deadlines.handBackDeadline(date(permitReturnDueDate)));
  }

  /** Due moment of a routine staff task created now. */
  public Date routineDue() {
    return from(deadlines.routineStaffDue());
  }

  /** A staff task due when the office closes on {@code isoDate}. */
  public Date dueOn(String isoDate) {
    return from(deadlines.staffDueOn(date(isoDate)));
  }

  /** A staff task due when the office closes {@code days} calendar days after {@code isoDate}. */
  public Date dueAfter(String isoDate, int days) {
    return from(deadlines.staffDueOn(date(isoDate).plusDays(days)));
  }

  /**
   * The engine's cycle notation: {@code R<n>/<start>/<period>} fires at start and n more times.
   * An empty series still needs a valid cycle: it fires once, after the last useful day, and the
   * reminder is then found pointless and not sent.
   */
  static String cycle(ReminderSeries series) {
    return "R" + Math.max(series.count() - 1, 0) + "/" + series.first() + "/" + series.interval();
  }

  private static LocalDate date(String isoDate) {
    if (isoDate == null || isoDate.isBlank()) {
      throw new IllegalArgumentException("A date the timer needs is missing");
    }
    return LocalDate.parse(isoDate);
  }

  private static Date from(Instant instant) {
    return Date.from(instant);
  }
}
