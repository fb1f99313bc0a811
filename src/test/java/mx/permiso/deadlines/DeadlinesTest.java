package mx.permiso.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

  private static final ZoneId MEXICO_CITY = ZoneId.of("America/Mexico_City");

  private final DeadlineSettings settings = new DeadlineSettings(60, 10, LocalTime.of(10, 0), LocalTime.of(15, 0), 1,
      Period.ofDays(2), Period.ofDays(2), Period.ofDays(3), 7, 1, List.of());

  /** Tuesday 3 November 2026, 09:00 in Mexico City (15:00 UTC). */
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-03T15:00:00Z"), ZoneOffset.UTC);
  private final Deadlines deadlines = new Deadlines(settings, clock, MEXICO_CITY);

  @Test
  void returnByCountsFromTheDatePrintedOnThePermit() {
    assertThat(deadlines.returnByDate(LocalDate.of(2026, 11, 18))).isEqualTo(LocalDate.of(2027, 1, 17));
  }

  @Test
  void validityIsConfigurable() {
    DeadlineSettings ninety = new DeadlineSettings(90, 10, LocalTime.of(10, 0), LocalTime.of(15, 0), 1,
        Period.ofDays(2), Period.ofDays(2), Period.ofDays(3), 7, 1, List.of());
    assertThat(new Deadlines(ninety, clock, MEXICO_CITY).returnByDate(LocalDate.of(2026, 11, 18)))
        .isEqualTo(LocalDate.of(2027, 2, 16));
  }

  @Test
  void permitGoesBackTenDaysAfterReentry() {
    assertThat(deadlines.permitReturnDueDate(LocalDate.of(2026, 12, 28))).isEqualTo(LocalDate.of(2027, 1, 7));
  }

  @Test
  void leadTimeCountsBusinessDaysBeforeTheFlight() {
    // Flight Friday 20 Nov; three business days back skips Monday 16 (holiday): Tue 17.
    assertThat(deadlines.latestRequestDate(LocalDate.of(2026, 11, 20), 3)).isEqualTo(LocalDate.of(2026, 11, 17));
    assertThat(deadlines.leadTimeMet(LocalDate.of(2026, 11, 20), 3)).isTrue();
    // Flight Thursday 5 Nov with three days' lead: the request had to be in by Monday 2 Nov.
    assertThat(deadlines.leadTimeMet(LocalDate.of(2026, 11, 5), 3)).isFalse();
    // An emergency flight the next day needs one business day: today.
    assertThat(deadlines.leadTimeMet(LocalDate.of(2026, 11, 4), 1)).isTrue();
  }

  @Test
  void plannedReturnAfterTheReturnByDateIsLate() {
    assertThat(deadlines.returnsAfterExpiry(LocalDate.of(2027, 1, 18), LocalDate.of(2027, 1, 17))).isTrue();
    assertThat(deadlines.returnsAfterExpiry(LocalDate.of(2027, 1, 17), LocalDate.of(2027, 1, 17))).isFalse();
  }

  @Test
  void remindersFallDueAtTenInTheMorningMexicoCityTime() {
    assertThat(deadlines.reminderAt(LocalDate.of(2026, 11, 19))).isEqualTo(Instant.parse("2026-11-19T16:00:00Z"));
    assertThat(deadlines.departureReminder(LocalDate.of(2026, 11, 20))).isEqualTo(Instant.parse("2026-11-19T16:00:00Z"));
    assertThat(deadlines.returnByReminder(LocalDate.of(2027, 1, 17))).isEqualTo(Instant.parse("2027-01-10T16:00:00Z"));
    assertThat(deadlines.returnByPassed(LocalDate.of(2027, 1, 17))).isEqualTo(Instant.parse("2027-01-18T16:00:00Z"));
  }

  @Test
  void routineStaffTasksAreDueWhenTheOfficeClosesTheNextBusinessDay() {
    assertThat(deadlines.routineStaffDue()).isEqualTo(Instant.parse("2026-11-04T21:00:00Z"));
    // Created on Friday 13 Nov: Monday 16 is a holiday, so Tuesday 17 at 15:00.
    Deadlines friday = new Deadlines(settings, Clock.fixed(Instant.parse("2026-11-13T18:00:00Z"), ZoneOffset.UTC), MEXICO_CITY);
    assertThat(friday.routineStaffDue()).isEqualTo(Instant.parse("2026-11-17T21:00:00Z"));
  }

  @Test
  void todayIsTheDateInMexicoCityNotInUtc() {
    // 03:00 UTC on 4 Nov is still 3 Nov in Mexico City.
    Deadlines lateEvening = new Deadlines(settings, Clock.fixed(Instant.parse("2026-11-04T03:00:00Z"), ZoneOffset.UTC), MEXICO_CITY);
    assertThat(lateEvening.today()).isEqualTo(LocalDate.of(2026, 11, 3));
  }

  @Test
  void documentsRemindersRunEveryTwoDaysUntilTheDayBeforeTheFlight() {
    ReminderSeries series = deadlines.documentsReminders(LocalDate.of(2026, 11, 3), LocalDate.of(2026, 11, 20));
    // 5, 7, 9, 11, 13, 15, 17, 19 November
    assertThat(series.count()).isEqualTo(8);
    assertThat(series.first()).isEqualTo(Instant.parse("2026-11-05T16:00:00Z"));
    assertThat(series.nth(8)).isEqualTo(Instant.parse("2026-11-19T16:00:00Z"));
  }

  @Test
  void noReminderFitsWhenTheFlightIsTooClose() {
    ReminderSeries series = deadlines.documentsReminders(LocalDate.of(2026, 11, 3), LocalDate.of(2026, 11, 5));
    assertThat(series.isEmpty()).isTrue();
  }

  @Test
  void handBackRemindersFallWithinTheTenDays() {
    ReminderSeries series = deadlines.handBackReminders(LocalDate.of(2026, 12, 28), LocalDate.of(2027, 1, 7));
    // 31 Dec, 3 Jan, 6 Jan
    assertThat(series.count()).isEqualTo(3);
    assertThat(series.nth(3)).isEqualTo(Instant.parse("2027-01-06T16:00:00Z"));
  }

  @Test
  void cycleNotationFiresAtTheStartAndOneLessRepetition() {
    ReminderSeries series = new ReminderSeries(3, Instant.parse("2026-11-05T16:00:00Z"), Period.ofDays(2));
    assertThat(CaseTimers.cycle(series)).isEqualTo("R2/2026-11-05T16:00:00Z/P2D");
    assertThat(CaseTimers.cycle(new ReminderSeries(0, Instant.parse("2026-11-05T16:00:00Z"), Period.ofDays(2))))
        .isEqualTo("R0/2026-11-05T16:00:00Z/P2D");
  }
}
