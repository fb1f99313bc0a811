package mx.permiso.deadlines;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashSet;
import org.springframework.stereotype.Component;

/**
 * The case's dates, computed from INM's rules and the firm's settings: how long a permit is
 * valid, when it goes back to INM, when the request must be filed at the latest, and when each
 * reminder or escalation falls due (at a sensible hour in Mexico Central time, never at
 * midnight UTC); and, counted in office hours, when a staff task is due and followed up. Plain
 * Java: the process's timers and task dates get their moments from here.
 */
@Component
public class Deadlines {

  private final DeadlineSettings settings;
  private final Clock clock;
  private final ZoneId zone;
  private final BusinessDays businessDays;
  private final OfficeHours officeHours;

  public Deadlines(DeadlineSettings settings, Clock clock, ZoneId businessZone) {
    this.settings = settings;
    this.clock = clock;
    this.zone = businessZone;
    this.businessDays = new BusinessDays(EnumSet.copyOf(settings.workingDays()), settings.federalHolidays(),
        new HashSet<>(settings.extraClosedDays()));
    this.officeHours = new OfficeHours(businessZone, settings.officeOpens(), settings.officeCloses(), businessDays);
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

  public OfficeHours officeHours() {
    return officeHours;
  }

  /** The last day abroad: validity counts from the date printed on the permit, not from departure. */
  public LocalDate returnByDate(LocalDate permitDate) {
    return permitDate.plusDays(settings.permitValidityDays());
  }

  /**
   * The last day to hand the permit back to the local INM office: the last day INM is open on or
   * before re-entry + the configured days. The firm's page says "within 10 days" without saying
   * which days; until the firm confirms, clients are told this earlier reading, so a day that
   * falls on a weekend or a holiday never leaves them with an office that is closed (ADR 008).
   */
  public LocalDate permitReturnDueDate(LocalDate reentryDate) {
    return businessDays.onOrBefore(reentryDate.plusDays(settings.permitReturnDays()));
  }

  /** Days after re-entry within which the permit goes back to INM, as clients read it. */
  public int permitReturnDays() {
    return settings.permitReturnDays();
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

  /**
   * Due moment of a routine staff task that arrived at {@code arrived}: the configured office
   * time of work later, counted from the minute it arrived (or from the next opening).
   */
  public Instant routineStaffDue(Instant arrived) {
    return officeHours.plusOfficeTime(minute(arrived), settings.staffTaskOfficeTime());
  }

  /**
   * Due moment of a staff task of an emergency case that staff can work as soon as it arrives: the
   * configured emergency office time later, counted like {@link #routineStaffDue}.
   */
  public Instant emergencyStaffDue(Instant arrived) {
    return officeHours.plusOfficeTime(minute(arrived), settings.emergencyTaskOfficeTime());
  }

  /**
   * Due moment of a staff task staff can work as soon as it arrives: the routine office time, or
   * for an emergency case the emergency office time.
   */
  public Instant staffDueOnArrival(Instant arrived, boolean emergency) {
    return emergency ? emergencyStaffDue(arrived) : routineStaffDue(arrived);
  }

  /**
   * Due moment of a staff task that staff can work as soon as it arrives and that must be done by
   * {@code deadline} ({@link #staffDueBy}); for an emergency case, no later than the emergency
   * office time after it arrived.
   */
  public Instant staffDueOnArrivalBy(LocalDate deadline, Instant arrived, boolean emergency) {
    Instant due = staffDueBy(deadline, arrived);
    if (!emergency) {
      return due;
    }
    Instant fast = emergencyStaffDue(arrived);
    return fast.isBefore(due) ? fast : due;
  }

  /** Tasklist priority of a staff task: every task of an emergency case is above every routine one. */
  public int staffTaskPriority(boolean emergency) {
    return emergency ? settings.emergencyTaskPriority() : settings.routineTaskPriority();
  }

  /**
   * Due moment of a staff task that must be done by {@code deadline}: when the office closes on
   * the last office day on or before it (a deadline on a Sunday is due on Friday). Never before the
   * close of the task's own first office day: a task does not arrive overdue.
   */
  public Instant staffDueBy(LocalDate deadline, Instant arrived) {
    return latest(officeHours.closeOfLastOfficeDayOnOrBefore(deadline), officeHours.nextClose(minute(arrived)));
  }

  /**
   * Due moment of a staff task that can only be done from {@code day} on: when the office closes
   * on the first office day on or after it (a Saturday is due on Monday). Never before the close of
   * the task's own first office day.
   */
  public Instant staffDueFrom(LocalDate day, Instant arrived) {
    return latest(officeHours.closeOfFirstOfficeDayOnOrAfter(day), officeHours.nextClose(minute(arrived)));
  }

  /** When staff should take up a task they can work on at once: when it arrives, or when the office next opens. */
  public Instant staffFollowUpOnArrival(Instant arrived) {
    return officeHours.nextOpening(minute(arrived));
  }

  /**
   * When staff should take up a task that waits for something and is due at {@code due}: the
   * configured lead of office time before it, but not before the office first opens after the
   * task arrived, and never after the due moment.
   */
  public Instant staffFollowUp(Instant due, Instant arrived) {
    Instant beforeDue = officeHours.minusOfficeTime(due, settings.staffTaskFollowUpLead());
    Instant followUp = latest(beforeDue, staffFollowUpOnArrival(arrived));
    return followUp.isAfter(due) ? due : followUp;
  }

  /** Reminders while documents are missing: from one interval after intake until the day before the flight. */
  public ReminderSeries documentsReminders(LocalDate intakeDate, LocalDate departureDate) {
    return series(intakeDate, departureDate.minusDays(1), settings.documentsReminderInterval());
  }

  /** Reminders while fees are unpaid: from one interval after today until the day before the flight. */
  public ReminderSeries paymentReminders(LocalDate departureDate) {
    return series(today(), departureDate.minusDays(1), settings.paymentReminderInterval());
  }

  /**
   * Reminders to hand the permit back: during the days after re-entry, before the due date, every
   * interval counted from re-entry. Only those still ahead: the case waits again for the hand-back
   * after staff found the permit not handed back, and reminders already due then are not sent in a
   * burst. When none is left, the series is the next moment of the rhythm (after the last useful day):
   * it fires once and is found pointless, as an empty series does.
   */
  public ReminderSeries handBackReminders(LocalDate reentryDate, LocalDate permitReturnDueDate) {
    Period interval = settings.handBackReminderInterval();
    LocalDate lastDay = permitReturnDueDate.minusDays(1);
    Instant now = now();
    LocalDate day = reentryDate.plus(interval);
    while (!reminderAt(day).isAfter(now)) {
      day = day.plus(interval);
    }
    return series(day.minus(interval), lastDay, interval);
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

  /** Staff decide on documents that never came: the morning after the flight date. */
  public Instant documentsNeverCame(LocalDate departureDate) {
    return reminderAt(departureDate.plusDays(1));
  }

  /**
   * Staff decide on a payment that never came: the morning after the last day to file the request,
   * or, when that day had passed before the payment was asked for (a late case), the morning after today.
   */
  public Instant paymentNeverCame(LocalDate latestRequestDate) {
    LocalDate today = today();
    return reminderAt((latestRequestDate.isBefore(today) ? today : latestRequestDate).plusDays(1));
  }

  /** Escalation when nobody has confirmed the flight: the morning two days after the flight date. */
  public Instant departureUnconfirmed(LocalDate departureDate) {
    return reminderAt(departureDate.plusDays(2));
  }

  /**
   * Escalation when the permit has not been handed back: once the last day has passed, at the
   * reminder time of the next day INM and the office are open. The client has all of the last day;
   * what staff do next (check with INM, call the client) needs both open, and a task that arrived
   * on a Saturday would only look older than it is on Monday.
   */
  public Instant handBackDeadline(LocalDate permitReturnDueDate) {
    return reminderAt(businessDays.plus(permitReturnDueDate, 1));
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

  /** Staff task moments count from the minute a task arrives, so Tasklist shows whole minutes. */
  private static Instant minute(Instant moment) {
    return moment.truncatedTo(ChronoUnit.MINUTES);
  }

  private static Instant latest(Instant one, Instant other) {
    return one.isAfter(other) ? one : other;
  }

  private Instant at(LocalDate day, LocalTime time) {
    return day.atTime(time).atZone(zone).toInstant();
  }
}
