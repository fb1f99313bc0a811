package mx.permiso.deadlines;

import java.time.Instant;
import java.time.Period;

/**
 * A run of {@code count} reminders, the first at {@code first}, then one every {@code interval}.
 *
 * @param count how many reminders; 0 when none fits before the last useful day
 */
public record ReminderSeries(int count, Instant first, Period interval) {

  public boolean isEmpty() {
    return count == 0;
  }

  /** The moment of reminder number {@code n}, counting from 1. */
  public Instant nth(int n) {
    if (n < 1 || n > count) {
      throw new IllegalArgumentException("reminder " + n + " of " + count);
    }
    return first.atZone(java.time.ZoneOffset.UTC).plus(interval.multipliedBy(n - 1)).toInstant();
  }
}
