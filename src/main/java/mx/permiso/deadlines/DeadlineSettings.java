package mx.permiso.deadlines;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The firm's timing rules and business calendar ({@code permiso.deadlines.*} in
 * application.yaml). INM's rules change and sources disagree, so none of these is a constant in
 * code.
 *
 * @param permitValidityDays days a permit is valid, counted from the date printed on it (sources disagree: some say 90)
 * @param permitReturnDays days after re-entry to hand the permit back to INM
 * @param reminderTime local time at which client reminders and escalations fall due
 * @param officeOpens local time the office opens on an office day; staff task due and follow-up dates are counted
 *     in office hours (docs/adr/008-business-calendar.md)
 * @param officeCloses local time the office closes; a staff task due on a day is due then
 * @param workingDays days of the week the office opens (also for lead times in business days)
 * @param federalHolidays whether the office closes on Mexico's federal rest days
 * @param extraClosedDays days INM or the firm is closed besides the federal holidays (by default Holy Thursday and
 *     Friday 2026-2027); add each year's
 * @param staffTaskOfficeTime office time staff get for a routine task (PT5H = one office day), from when it arrives
 * @param staffTaskFollowUpLead office time before its due moment at which a task that waits for a date is followed up
 * @param documentsReminderInterval time between reminders while documents are missing
 * @param paymentReminderInterval time between reminders while the fees are unpaid
 * @param handBackReminderInterval time between reminders to hand the permit back
 * @param returnByReminderDaysBefore days before the return-by date the client is reminded
 * @param departureReminderDaysBefore days before the flight the client is reminded
 * @param emergencyTaskOfficeTime office time staff get for a task of an emergency case they can work at once (or less,
 *     if its own deadline is earlier); tasks that wait for a date keep it
 * @param routineTaskPriority Tasklist priority of a staff task of a routine case
 * @param emergencyTaskPriority Tasklist priority of every staff task of an emergency case; must be above the routine
 *     one, so emergencies sort first
 */
@ConfigurationProperties("permiso.deadlines")
public record DeadlineSettings(
    int permitValidityDays,
    int permitReturnDays,
    LocalTime reminderTime,
    LocalTime officeOpens,
    LocalTime officeCloses,
    List<DayOfWeek> workingDays,
    boolean federalHolidays,
    List<LocalDate> extraClosedDays,
    Duration staffTaskOfficeTime,
    Duration staffTaskFollowUpLead,
    Period documentsReminderInterval,
    Period paymentReminderInterval,
    Period handBackReminderInterval,
    int returnByReminderDaysBefore,
    int departureReminderDaysBefore,
    Duration emergencyTaskOfficeTime,
    int routineTaskPriority,
    int emergencyTaskPriority) {

  public DeadlineSettings {
    workingDays = workingDays == null ? List.of() : List.copyOf(workingDays);
    extraClosedDays = extraClosedDays == null ? List.of() : List.copyOf(extraClosedDays);
    if (workingDays.isEmpty()) {
      throw new IllegalArgumentException("permiso.deadlines.working-days names no day: the office would never open");
    }
    if (officeOpens == null || officeCloses == null) {
      throw new IllegalArgumentException("permiso.deadlines.office-opens and office-closes are both needed");
    }
    if (staffTaskOfficeTime == null || staffTaskOfficeTime.isNegative() || staffTaskOfficeTime.isZero()) {
      throw new IllegalArgumentException("permiso.deadlines.staff-task-office-time must be more than nothing, e.g. PT5H");
    }
    if (staffTaskFollowUpLead == null || staffTaskFollowUpLead.isNegative()) {
      throw new IllegalArgumentException("permiso.deadlines.staff-task-follow-up-lead must be PT0S or more");
    }
    if (emergencyTaskOfficeTime == null || emergencyTaskOfficeTime.isNegative() || emergencyTaskOfficeTime.isZero()) {
      throw new IllegalArgumentException("permiso.deadlines.emergency-task-office-time must be more than nothing, e.g. PT1H");
    }
    if (emergencyTaskPriority <= routineTaskPriority) {
      throw new IllegalArgumentException("permiso.deadlines.emergency-task-priority (" + emergencyTaskPriority
          + ") must be above routine-task-priority (" + routineTaskPriority + "): emergencies sort first in Tasklist");
    }
  }
}
