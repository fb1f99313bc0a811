package mx.permiso.deadlines;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/** Counts days on which INM and the firm work: Monday to Friday, not a federal holiday, not closed. */
public final class BusinessDays {

  private final Set<LocalDate> extraClosedDays;

  public BusinessDays(Set<LocalDate> extraClosedDays) {
    this.extraClosedDays = Set.copyOf(extraClosedDays);
  }

  public boolean isBusinessDay(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY
        && !MexicanFederalHolidays.isHoliday(date)
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
