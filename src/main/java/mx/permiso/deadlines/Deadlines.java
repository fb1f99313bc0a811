package mx.permiso.deadlines;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.HashSet;
import org.springframework.stereotype.Component;

/**
 * The case's dates, computed from INM's rules and the firm's settings: how long a permit is
 * valid, when it goes back to INM, when the request must be filed at the latest, and when each
 * reminder or escalation falls due (at a sensible hour in Mexico Central time, never at
 * midnight UTC). Plain Java: the process's timers and due dates get their moments from here.
 */
@Component
public class Deadlines {

  private final DeadlineSettings settings;
  private final Clock clock;
  private final ZoneId zone;
  private final BusinessDays businessDays;

  public Deadlines(DeadlineSettings settings, Clock clock, ZoneId businessZone) {
    this.settings = settings;
    this.clock = clock;
    this.zone = businessZone;
    this.businessDays = new BusinessDays(new HashSet<>(settings.extraClosedDays()));
  }

  /** This moment. */
  public Instant now() {
    return clock.instant();
  }

  /** Today in the firm's zone. */
  public LocalDate today() {
    return LocalDate.now(clock.withZone(zone));
  }

  public BusinessDays businessDays() {
    return businessDays;
  }

  /** The last day abroad: validity counts from the date printed on the permit, not from departure. */
  public LocalDate returnByDate(LocalDate permitDate) {
    return permitDate.plusDays(settings.permitValidityDays());
  }

  /** The permit goes back to the local INM office within this many days of re-entry. */
  public LocalDate permitReturnDueDate(LocalDate reentryDate) {
    return reentryDate.plusDays(settings.permitReturnDays());
  }

  /** The last business day on which the permit can be requested for this departure. */
  public LocalDate latestRequestDate(LocalDate departureDate, int leadTimeBusinessDays) {
    return businessDays.minus(departureDate, leadTimeBusinessDays);
  }

  /** Whether the request can still be filed in time for the flight. */
  public boolean leadTimeMet(LocalDate departureDate, int leadTimeBusinessDays) {
    return !today().isAfter(latestRequestDate(departureDate, leadTimeBusinessDays));
  }

  /** Whether the client plans to come back after the permit has expired. */
  public boolean returnsAfterExpiry(LocalDate plannedReturnDate, LocalDate returnByDate) {
    return plannedReturnDate.isAfter(returnByDate);
  }

  /** The moment a client reminder or escalation about {@code day} falls due. */
  public Instant reminderAt(LocalDate day) {
    return at(day, settings.reminderTime());
  }

  /** The moment a staff task due on {@code day} is due: when the office closes. */
  public Instant staffDueOn(LocalDate day) {
    return at(day, settings.officeCloses());
  }

  /** Due moment of a routine staff task created now. */
  public Instant routineStaffDue() {
    return staffDueOn(businessDays.plus(today(), settings.staffTaskBusinessDays()));
  }

  /** Reminders while documents are missing: from one interval after intake until the day before the flight. */
  public ReminderSeries documentsReminders(LocalDate intakeDate, LocalDate departureDate) {
    return series(intakeDate, departureDate.minusDays(1), settings.documentsReminderInterval());
  }

  /** Reminders while fees are unpaid: from one interval after today until the day before the flight. */
  public ReminderSeries paymentReminders(LocalDate departureDate) {
    return series(today(), departureDate.minusDays(1), settings.paymentReminderInterval());
  }

  /** Reminders to hand the permit back: during the days after re-entry, before the due date. */
  public ReminderSeries handBackReminders(LocalDate reentryDate, LocalDate permitReturnDueDate) {
    return series(reentryDate, permitReturnDueDate.minusDays(1), settings.handBackReminderInterval());
  }

  public Instant departureReminder(LocalDate departureDate) {
    return reminderAt(departureDate.minusDays(settings.departureReminderDaysBefore()));
  }

  public Instant appointmentReminder(LocalDate appointmentDate) {
    return reminderAt(appointmentDate.minusDays(1));
  }

  public Instant returnByReminder(LocalDate returnByDate) {
    return reminderAt(returnByDate.minusDays(settings.returnByReminderDaysBefore()));
  }

  /** Escalation when the client is still abroad the morning after the return-by date. */
  public Instant returnByPassed(LocalDate returnByDate) {
    return reminderAt(returnByDate.plusDays(1));
  }

  /** Escalation on the last day to hand the permit back, if it has not been. */
  public Instant handBackDeadline(LocalDate permitReturnDueDate) {
    return reminderAt(permitReturnDueDate);
  }

  /** Reminders every {@code interval} after {@code from}, the last one no later than {@code lastDay}. */
  ReminderSeries series(LocalDate from, LocalDate lastDay, Period interval) {
    LocalDate first = from.plus(interval);
    int count = 0;
    for (LocalDate day = first; !day.isAfter(lastDay); day = day.plus(interval)) {
      count++;
    }
    return new ReminderSeries(count, reminderAt(first), interval);
  }

  private Instant at(LocalDate day, LocalTime time) {
    return day.atTime(time).atZone(zone).toInstant();
  }
}
