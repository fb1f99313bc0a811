package mx.permiso.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessDaysTest {

  private final BusinessDays days = new BusinessDays(Set.of(LocalDate.of(2026, 4, 2), LocalDate.of(2026, 4, 3)));

  @Test
  void weekendsHolidaysAndClosedDaysAreNotBusinessDays() {
    assertThat(days.isBusinessDay(LocalDate.of(2026, 11, 20))).isTrue();   // Friday
    assertThat(days.isBusinessDay(LocalDate.of(2026, 11, 21))).isFalse();  // Saturday
    assertThat(days.isBusinessDay(LocalDate.of(2026, 11, 22))).isFalse();  // Sunday
    assertThat(days.isBusinessDay(LocalDate.of(2026, 11, 16))).isFalse();  // Revolution Day
    assertThat(days.isBusinessDay(LocalDate.of(2026, 4, 3))).isFalse();    // Good Friday, configured
  }

  @Test
  void countingBackSkipsTheWeekendAndTheHoliday() {
    // Wednesday 18 Nov 2026, three business days back: Tue 17, (Mon 16 is a holiday), Fri 13, Thu 12.
    assertThat(days.minus(LocalDate.of(2026, 11, 18), 3)).isEqualTo(LocalDate.of(2026, 11, 12));
    assertThat(days.minus(LocalDate.of(2026, 11, 18), 0)).isEqualTo(LocalDate.of(2026, 11, 18));
  }

  @Test
  void countingForwardSkipsClosedDays() {
    // Wednesday 1 April 2026: Thursday and Friday closed, then the weekend.
    assertThat(days.plus(LocalDate.of(2026, 4, 1), 1)).isEqualTo(LocalDate.of(2026, 4, 6));
    assertThat(days.plus(LocalDate.of(2026, 11, 13), 1)).isEqualTo(LocalDate.of(2026, 11, 17));
  }

  @Test
  void betweenCountsBusinessDaysAfterTheStart() {
    assertThat(days.between(LocalDate.of(2026, 11, 12), LocalDate.of(2026, 11, 18))).isEqualTo(3);
    assertThat(days.between(LocalDate.of(2026, 11, 18), LocalDate.of(2026, 11, 18))).isZero();
  }

  @Test
  void onOrAfterAndOnOrBeforeStepOverClosedDaysOnly() {
    assertThat(days.onOrAfter(LocalDate.of(2026, 11, 20))).isEqualTo(LocalDate.of(2026, 11, 20));
    assertThat(days.onOrAfter(LocalDate.of(2026, 11, 14))).isEqualTo(LocalDate.of(2026, 11, 17));
    assertThat(days.onOrBefore(LocalDate.of(2026, 11, 16))).isEqualTo(LocalDate.of(2026, 11, 13));
    assertThat(days.onOrBefore(LocalDate.of(2026, 4, 5))).isEqualTo(LocalDate.of(2026, 4, 1));
  }

  @Test
  void workingDaysAndFederalHolidaysAreConfigurable() {
    BusinessDays sixDays = new BusinessDays(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY), false, Set.of());
    assertThat(sixDays.isBusinessDay(LocalDate.of(2026, 11, 21))).as("Saturday").isTrue();
    assertThat(sixDays.isBusinessDay(LocalDate.of(2026, 11, 22))).as("Sunday").isFalse();
    assertThat(sixDays.isBusinessDay(LocalDate.of(2026, 11, 16))).as("Revolution Day, not observed").isTrue();
    assertThat(sixDays.plus(LocalDate.of(2026, 11, 13), 1)).isEqualTo(LocalDate.of(2026, 11, 14));
  }
}
