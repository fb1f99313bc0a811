package mx.permiso.deadlines;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;
import java.util.TreeSet;

/**
 * Mexico's mandatory federal rest days (Ley Federal del Trabajo, art. 74): INM offices and the
 * firm are closed. Days a particular office closes besides these are configured separately.
 */
public final class MexicanFederalHolidays {

  /** A new president takes office on 1 October every six years from 2024. */
  private static final int INAUGURATION_BASE_YEAR = 2024;

  private MexicanFederalHolidays() {
  }

  public static Set<LocalDate> of(int year) {
    Set<LocalDate> days = new TreeSet<>();
    days.add(LocalDate.of(year, Month.JANUARY, 1));
    days.add(nthMonday(year, Month.FEBRUARY, 1));   // Constitution Day
    days.add(nthMonday(year, Month.MARCH, 3));      // Benito Juárez's birthday
    days.add(LocalDate.of(year, Month.MAY, 1));
    days.add(LocalDate.of(year, Month.SEPTEMBER, 16));
    if (year >= INAUGURATION_BASE_YEAR && (year - INAUGURATION_BASE_YEAR) % 6 == 0) {
      days.add(LocalDate.of(year, Month.OCTOBER, 1));
    }
    days.add(nthMonday(year, Month.NOVEMBER, 3));   // Revolution Day
    days.add(LocalDate.of(year, Month.DECEMBER, 25));
    return days;
  }

  public static boolean isHoliday(LocalDate date) {
    return of(date.getYear()).contains(date);
  }

  private static LocalDate nthMonday(int year, Month month, int n) {
    return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, DayOfWeek.MONDAY));
  }
}
