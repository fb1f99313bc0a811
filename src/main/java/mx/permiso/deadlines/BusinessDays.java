package mx.permiso.deadlines;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/**
 * Counts days on which INM and the firm work: a working day of the week (Monday to Friday unless
 * configured otherwise), not a Mexican federal holiday (unless those are switched off), not a day
 * the office is closed. The one definition of an office day; {@link OfficeHours} adds the hours.
 */
public final class BusinessDays {

  private static final Set<DayOfWeek> MONDAY_TO_FRIDAY =
      EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

  private final Set<DayOfWeek> workingDays;
  private final boolean federalHolidays;
  private final Set<LocalDate> extraClosedDays;

  /** Monday to Friday, federal holidays off, and these days closed too. */
  public BusinessDays(Set<LocalDate> extraClosedDays) {
    this(MONDAY_TO_FRIDAY, true, extraClosedDays);
  }

  /**
   * @param workingDays the days of the week the office opens; at least one
   * @param federalHolidays whether the office closes on Mexico's federal rest days
   * @param extraClosedDays further days the office is closed
   */
  public BusinessDays(Set<DayOfWeek> workingDays, boolean federalHolidays, Set<LocalDate> extraClosedDays) {
    if (workingDays.isEmpty()) {
      // Every search for the next office day would run forever.
      throw new IllegalArgumentException("No working day of the week: the office would never open");
    }
    this.workingDays = Set.copyOf(workingDays);
    this.federalHolidays = federalHolidays;
    this.extraClosedDays = Set.copyOf(extraClosedDays);
  }

  public boolean isBusinessDay(LocalDate date) {
    return workingDays.contains(date.getDayOfWeek())
        && !(federalHolidays && MexicanFederalHolidays.isHoliday(date))
        && !extraClosedDays.contains(date);
  }

  /** The business day {@code days} business days before {@code date} (date itself not counted). */
  public LocalDate minus(LocalDate date, int days) {
    return step(date, days, -1);
  }

  /** The business day {@code days} business days after {@code date} (date itself not counted). */
  public LocalDate plus(LocalDate date, int days) {
    return step(date, days, 1);
  }

  /** {@code date} if it is a business day, else the first business day after it. */
  public LocalDate onOrAfter(LocalDate date) {
    return isBusinessDay(date) ? date : plus(date, 1);
  }

  /** {@code date} if it is a business day, else the last business day before it. */
  public LocalDate onOrBefore(LocalDate date) {
    return isBusinessDay(date) ? date : minus(date, 1);
  }

  private LocalDate step(LocalDate date, int days, int direction) {
    LocalDate day = date;
    for (int counted = 0; counted < days; ) {
      day = day.plusDays(direction);
      if (isBusinessDay(day)) {
        counted++;
      }
    }
    return day;
  }

  /** Business days from {@code from} (exclusive) up to {@code to} (inclusive); 0 when to is not after from. */
  public int between(LocalDate from, LocalDate to) {
    int days = 0;
    for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
      if (isBusinessDay(day)) {
        days++;
      }
    }
    return days;
  }
}
