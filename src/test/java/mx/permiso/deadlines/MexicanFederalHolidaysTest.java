package mx.permiso.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MexicanFederalHolidaysTest {

  @Test
  void listsTheMandatoryRestDaysOf2026() {
    assertThat(MexicanFederalHolidays.of(2026)).containsExactly(
        LocalDate.of(2026, 1, 1),
        LocalDate.of(2026, 2, 2),    // first Monday of February
        LocalDate.of(2026, 3, 16),   // third Monday of March
        LocalDate.of(2026, 5, 1),
        LocalDate.of(2026, 9, 16),
        LocalDate.of(2026, 11, 16),  // third Monday of November
        LocalDate.of(2026, 12, 25));
  }

  @Test
  void inaugurationDayOnlyEverySixYears() {
    assertThat(MexicanFederalHolidays.isHoliday(LocalDate.of(2024, 10, 1))).isTrue();
    assertThat(MexicanFederalHolidays.isHoliday(LocalDate.of(2030, 10, 1))).isTrue();
    assertThat(MexicanFederalHolidays.isHoliday(LocalDate.of(2026, 10, 1))).isFalse();
  }
}
