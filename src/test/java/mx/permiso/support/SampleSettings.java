package mx.permiso.support;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.Period;
import java.util.EnumSet;
import java.util.List;
import mx.permiso.deadlines.DeadlineSettings;

/**
 * The firm's timing rules as application.yaml sets them, without its configured closed days, for
 * unit tests that build {@code Deadlines} by hand. Process tests read application.yaml itself.
 */
public final class SampleSettings {

  private SampleSettings() {
  }

  public static DeadlineSettings deadlines() {
    return new DeadlineSettings(60, 10, LocalTime.of(10, 0), LocalTime.of(10, 0), LocalTime.of(15, 0),
        List.copyOf(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)), true, List.of(),
        Duration.ofHours(5), Duration.ofHours(5), Period.ofDays(2), Period.ofDays(2), Period.ofDays(3), 7, 1,
        Duration.ofHours(1), 50, 80);
  }
}
