package mx.permiso.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The rules every change of travel dates meets, on the case page and in a task's form alike. */
class TravelDatesTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

  private static java.util.List<TravelDates.Problem> problems(String departure, String plannedReturn, String returnBy) {
    return TravelDates.problems(LocalDate.parse(departure), LocalDate.parse(plannedReturn), true,
        returnBy == null ? null : LocalDate.parse(returnBy), TODAY, "departureDate", "plannedReturnDate");
  }

  @Test
  void aNewDepartureIsFromTodayToAYearAheadAndTheReturnAfterIt() {
    assertThat(problems("2026-12-01", "2026-12-20", null)).isEmpty();
    assertThat(problems("2026-11-20", "2026-12-20", null)).extracting(TravelDates.Problem::code)
        .containsExactly("intake.error.departureDate.past");
    assertThat(problems("2027-11-22", "2027-12-20", null)).extracting(TravelDates.Problem::code)
        .containsExactly("intake.error.departureDate.tooFar");
    assertThat(problems("2026-12-01", "2026-12-01", null)).extracting(TravelDates.Problem::field)
        .containsExactly("plannedReturnDate");
  }

  @Test
  void onceAPermitIsIssuedTheNewDepartureMustBeBeforeItExpires() {
    assertThat(problems("2027-01-10", "2027-01-11", "2027-01-11")).isEmpty();
    assertThat(problems("2027-01-11", "2027-02-01", "2027-01-11")).extracting(TravelDates.Problem::code)
        .containsExactly("travel.error.departureAfterPermit");
  }
}
