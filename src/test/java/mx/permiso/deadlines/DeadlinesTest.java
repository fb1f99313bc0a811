package mx.permiso.deadlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import mx.permiso.support.SampleSettings;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

  private static final ZoneId MEXICO_CITY = ZoneId.of("America/Mexico_City");

  private static final Set<DayOfWeek> MONDAY_TO_FRIDAY = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
  private static final Duration OFFICE_DAY = Duration.ofHours(5);

  private final DeadlineSettings settings = SampleSettings.deadlines();

  /** Tuesday 3 November 2026, 09:00 in Mexico City (15:00 UTC). */
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-03T15:00:00Z"), ZoneOffset.UTC);
  private final Deadlines deadlines = new Deadlines(settings, clock, MEXICO_CITY);

  @Test
  void returnByCountsFromTheDatePrintedOnThePermit() {
    assertThat(deadlines.returnByDate(LocalDate.of(2026, 11, 18))).isEqualTo(LocalDate.of(2027, 1, 17));
  }

  @Test
  void validityIsConfigurable() {
    DeadlineSettings ninety = settings(90, MONDAY_TO_FRIDAY, true, OFFICE_DAY, OFFICE_DAY);
    assertThat(new Deadlines(ninety, clock, MEXICO_CITY).returnByDate(LocalDate.of(2026, 11, 18)))
        .isEqualTo(LocalDate.of(2027, 2, 16));
  }

  @Test
  void permitGoesBackTenDaysAfterReentry() {
    // Re-entry Monday 28 December; + 10 is Thursday 7 January 2027, a day INM is open.
    assertThat(deadlines.permitReturnDueDate(LocalDate.of(2026, 12, 28))).isEqualTo(LocalDate.of(2027, 1, 7));
  }

  @Test
  void handBackDayOnASaturdayOrSundayIsTheFridayBefore() {
    // Re-entry Wednesday 11 November: + 10 is Saturday 21; Thursday 12: + 10 is Sunday 22. INM is closed both.
    assertThat(deadlines.permitReturnDueDate(LocalDate.of(2026, 11, 11))).isEqualTo(LocalDate.of(2026, 11, 20));
    assertThat(deadlines.permitReturnDueDate(LocalDate.of(2026, 11, 12))).isEqualTo(LocalDate.of(2026, 11, 20));
  }

  @Test
  void handBackDayOnAFederalHolidayIsTheLastDayInmIsOpenBefore() {
    // Re-entry Friday 6 November: + 10 is Monday 16 November 2026, Revolution Day; the weekend before too.
    assertThat(deadlines.permitReturnDueDate(LocalDate.of(2026, 11, 6))).isEqualTo(LocalDate.of(2026, 11, 13));
    // Re-entry Tuesday 15 December: + 10 is Friday 25 December: Thursday 24.
    assertThat(deadlines.permitReturnDueDate(LocalDate.of(2026, 12, 15))).isEqualTo(LocalDate.of(2026, 12, 24));
  }

  @Test
  void handBackDaysStayConfigurable() {
    DeadlineSettings five = new DeadlineSettings(60, 5, LocalTime.of(10, 0), LocalTime.of(10, 0), LocalTime.of(15, 0),
        List.copyOf(MONDAY_TO_FRIDAY), true, List.of(), OFFICE_DAY, OFFICE_DAY, Period.ofDays(2), Period.ofDays(2),
        Period.ofDays(3), 7, 1, Duration.ofHours(1), 50, 80);
    Deadlines fiveDays = new Deadlines(five, clock, MEXICO_CITY);
    // Re-entry Monday 9 November: + 5 is Saturday 14: Friday 13.
    assertThat(fiveDays.permitReturnDueDate(LocalDate.of(2026, 11, 9))).isEqualTo(LocalDate.of(2026, 11, 13));
    assertThat(fiveDays.permitReturnDays()).isEqualTo(5);
  }

  @Test
  void handBackEscalationWaitsUntilTheLastDayHasPassedAndInmOpensAgain() {
    // Last day Thursday 7 January 2027: escalation Friday 8 at 10:00, not on the day the client still has.
    assertThat(deadlines.handBackDeadline(LocalDate.of(2027, 1, 7))).isEqualTo(local("2027-01-08", "10:00"));
    // Last day Friday 13 November 2026: Monday 16 is Revolution Day, so Tuesday 17.
    assertThat(deadlines.handBackDeadline(LocalDate.of(2026, 11, 13))).isEqualTo(local("2026-11-17", "10:00"));
    // Last day Friday 20 November: Monday 23.
    assertThat(deadlines.handBackDeadline(LocalDate.of(2026, 11, 20))).isEqualTo(local("2026-11-23", "10:00"));
    // Last day Thursday 24 December: Christmas and the weekend: Monday 28.
    assertThat(deadlines.handBackDeadline(LocalDate.of(2026, 12, 24))).isEqualTo(local("2026-12-28", "10:00"));
  }

  @Test
  void handBackRemindersStopBeforeTheLastDay() {
    // Re-entry 11 November; last day Friday 20 November: reminders on 14 and 17, none on the 20th or after.
    ReminderSeries series = deadlines.handBackReminders(LocalDate.of(2026, 11, 11),
        deadlines.permitReturnDueDate(LocalDate.of(2026, 11, 11)));
    assertThat(series.count()).isEqualTo(2);
    assertThat(series.nth(2)).isEqualTo(local("2026-11-17", "10:00"));
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
  void routineStaffTasksAreDueAnOfficeDayOfWorkAfterTheyArrive() {
    assertThat(deadlines.routineStaffDue(local("2026-11-03", "09:00"))).as("before opening: that day's close")
        .isEqualTo(local("2026-11-03", "15:00")).isEqualTo(Instant.parse("2026-11-03T21:00:00Z"));
    assertThat(deadlines.routineStaffDue(local("2026-11-03", "13:27:45"))).as("counted from the minute it arrived")
        .isEqualTo(local("2026-11-04", "13:27"));
    assertThat(deadlines.routineStaffDue(local("2026-11-03", "18:00"))).as("after closing")
        .isEqualTo(local("2026-11-04", "15:00"));
    assertThat(deadlines.routineStaffDue(local("2026-11-06", "14:00"))).as("Friday afternoon")
        .isEqualTo(local("2026-11-09", "14:00"));
    assertThat(deadlines.routineStaffDue(local("2026-11-07", "11:00"))).as("Saturday")
        .isEqualTo(local("2026-11-09", "15:00"));
    assertThat(deadlines.routineStaffDue(local("2026-11-13", "12:00"))).as("Friday before Revolution Day")
        .isEqualTo(local("2026-11-17", "12:00"));
    assertThat(deadlines.routineStaffDue(local("2026-12-24", "16:00"))).as("Christmas Eve after hours")
        .isEqualTo(local("2026-12-28", "15:00"));
  }

  @Test
  void routineOfficeTimeIsConfigurable() {
    Deadlines twoDays = new Deadlines(settings(60, MONDAY_TO_FRIDAY, true, Duration.ofHours(10), OFFICE_DAY), clock, MEXICO_CITY);
    assertThat(twoDays.routineStaffDue(local("2026-11-05", "12:00"))).isEqualTo(local("2026-11-09", "12:00"));
  }

  @Test
  void aDeadlineIsDueAtTheCloseOfTheLastOfficeDayOnOrBeforeIt() {
    Instant arrived = local("2026-11-03", "09:00");
    assertThat(deadlines.staffDueBy(LocalDate.of(2026, 11, 17), arrived)).isEqualTo(local("2026-11-17", "15:00"));
    assertThat(deadlines.staffDueBy(LocalDate.of(2026, 11, 22), arrived)).as("Sunday").isEqualTo(local("2026-11-20", "15:00"));
    assertThat(deadlines.staffDueBy(LocalDate.of(2026, 11, 16), arrived)).as("Revolution Day")
        .isEqualTo(local("2026-11-13", "15:00"));
    assertThat(deadlines.staffDueBy(LocalDate.of(2026, 12, 25), arrived)).as("Christmas").isEqualTo(local("2026-12-24", "15:00"));
  }

  @Test
  void aTaskNeverArrivesOverdue() {
    // Arrives on Saturday for Sunday: Friday's close has passed, so Monday's close.
    assertThat(deadlines.staffDueBy(LocalDate.of(2026, 11, 8), local("2026-11-07", "12:00"))).isEqualTo(local("2026-11-09", "15:00"));
    // A deadline already past: the close of the day the task arrives.
    assertThat(deadlines.staffDueBy(LocalDate.of(2026, 11, 2), local("2026-11-03", "09:00"))).isEqualTo(local("2026-11-03", "15:00"));
    assertThat(deadlines.staffDueFrom(LocalDate.of(2026, 11, 2), local("2026-11-03", "16:00"))).isEqualTo(local("2026-11-04", "15:00"));
    // Due today, arriving half an hour before closing: still today.
    assertThat(deadlines.staffDueBy(LocalDate.of(2026, 11, 3), local("2026-11-03", "14:30"))).isEqualTo(local("2026-11-03", "15:00"));
  }

  @Test
  void aDayOnAClosedDayIsDueAtTheCloseOfTheNextOfficeDay() {
    Instant arrived = local("2026-11-03", "09:00");
    assertThat(deadlines.staffDueFrom(LocalDate.of(2026, 11, 20), arrived)).isEqualTo(local("2026-11-20", "15:00"));
    assertThat(deadlines.staffDueFrom(LocalDate.of(2026, 11, 21), arrived)).as("Saturday").isEqualTo(local("2026-11-23", "15:00"));
    assertThat(deadlines.staffDueFrom(LocalDate.of(2026, 11, 14), arrived)).as("Saturday before Revolution Day")
        .isEqualTo(local("2026-11-17", "15:00"));
  }

  @Test
  void aTaskStaffCanWorkAtOnceIsFollowedUpWhenItArrivesInOfficeHours() {
    assertThat(deadlines.staffFollowUpOnArrival(local("2026-11-03", "12:34:56"))).isEqualTo(local("2026-11-03", "12:34"));
    assertThat(deadlines.staffFollowUpOnArrival(local("2026-11-03", "07:00"))).isEqualTo(local("2026-11-03", "10:00"));
    assertThat(deadlines.staffFollowUpOnArrival(local("2026-11-07", "12:00"))).as("Saturday").isEqualTo(local("2026-11-09", "10:00"));
  }

  @Test
  void aWaitingTaskIsFollowedUpTheLeadOfOfficeTimeBeforeItIsDue() {
    Instant arrived = local("2026-11-03", "09:00");
    assertThat(deadlines.staffFollowUp(local("2026-11-20", "15:00"), arrived)).isEqualTo(local("2026-11-20", "10:00"));
    Deadlines sevenHours = new Deadlines(settings(60, MONDAY_TO_FRIDAY, true, OFFICE_DAY, Duration.ofHours(7)), clock, MEXICO_CITY);
    // Seven office hours before Tuesday 17 November's close: Tuesday's five, and two on Friday (Monday is a holiday).
    assertThat(sevenHours.staffFollowUp(local("2026-11-17", "15:00"), arrived)).isEqualTo(local("2026-11-13", "13:00"));
  }

  @Test
  void followUpIsNeverBeforeTheTaskArrivesNorAfterItIsDue() {
    // Due today: followed up when it arrives.
    assertThat(deadlines.staffFollowUp(local("2026-11-03", "15:00"), local("2026-11-03", "13:00"))).isEqualTo(local("2026-11-03", "13:00"));
    assertThat(deadlines.staffFollowUp(local("2026-11-03", "15:00"), local("2026-11-03", "08:00"))).isEqualTo(local("2026-11-03", "10:00"));
    // No lead: the due moment itself.
    Deadlines noLead = new Deadlines(settings(60, MONDAY_TO_FRIDAY, true, OFFICE_DAY, Duration.ZERO), clock, MEXICO_CITY);
    assertThat(noLead.staffFollowUp(local("2026-11-20", "15:00"), local("2026-11-03", "09:00"))).isEqualTo(local("2026-11-20", "15:00"));
    // A due moment before the office next opens: the due moment, never later.
    assertThat(deadlines.staffFollowUp(local("2026-11-02", "15:00"), local("2026-11-03", "09:00"))).isEqualTo(local("2026-11-02", "15:00"));
  }

  @Test
  void workingDaysAndFederalHolidaysCountForLeadTimesToo() {
    Deadlines sixDays = new Deadlines(settings(60, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY), true, OFFICE_DAY, OFFICE_DAY),
        clock, MEXICO_CITY);
    // Flight Monday 23 November, three business days before it: Saturday counts.
    assertThat(deadlines.latestRequestDate(LocalDate.of(2026, 11, 23), 3)).isEqualTo(LocalDate.of(2026, 11, 18));
    assertThat(sixDays.latestRequestDate(LocalDate.of(2026, 11, 23), 3)).isEqualTo(LocalDate.of(2026, 11, 19));
    Deadlines noHolidays = new Deadlines(settings(60, MONDAY_TO_FRIDAY, false, OFFICE_DAY, OFFICE_DAY), clock, MEXICO_CITY);
    assertThat(deadlines.latestRequestDate(LocalDate.of(2026, 11, 17), 1)).isEqualTo(LocalDate.of(2026, 11, 13));
    assertThat(noHolidays.latestRequestDate(LocalDate.of(2026, 11, 17), 1)).isEqualTo(LocalDate.of(2026, 11, 16));
    assertThat(noHolidays.routineStaffDue(local("2026-11-13", "12:00"))).isEqualTo(local("2026-11-16", "12:00"));
  }

  @Test
  void settingsThatWouldBreakTheCalendarAreRefused() {
    assertThatThrownBy(() -> settings(60, Set.of(), true, OFFICE_DAY, OFFICE_DAY)).hasMessageContaining("working-days");
    assertThatThrownBy(() -> settings(60, MONDAY_TO_FRIDAY, true, Duration.ZERO, OFFICE_DAY))
        .hasMessageContaining("staff-task-office-time");
    assertThatThrownBy(() -> settings(60, MONDAY_TO_FRIDAY, true, OFFICE_DAY, Duration.ofHours(-1)))
        .hasMessageContaining("staff-task-follow-up-lead");
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
  void handBackRemindersOfAWaitEnteredAgainKeepTheirRhythmAndStartWithTheNextOneAhead() {
    // Re-entry 10 December; the case waits again on 15 December at 10:30: 13 December has passed.
    Deadlines later = new Deadlines(settings, Clock.fixed(Instant.parse("2026-12-15T16:30:00Z"), ZoneOffset.UTC),
        MEXICO_CITY);
    ReminderSeries series = later.handBackReminders(LocalDate.of(2026, 12, 10), LocalDate.of(2026, 12, 20));
    assertThat(series.count()).isEqualTo(2);
    assertThat(series.first()).isEqualTo(Instant.parse("2026-12-16T16:00:00Z"));
    assertThat(series.nth(2)).isEqualTo(Instant.parse("2026-12-19T16:00:00Z"));
  }

  @Test
  void handBackRemindersOfAWaitEnteredAgainAfterTheLastOneFireOnceAheadToBeFoundPointless() {
    // The engine refuses a cycle whose every repetition has passed ("duedate is null"): the series starts ahead.
    Deadlines after = new Deadlines(settings, Clock.fixed(Instant.parse("2026-12-21T17:00:00Z"), ZoneOffset.UTC),
        MEXICO_CITY);
    ReminderSeries series = after.handBackReminders(LocalDate.of(2026, 12, 10), LocalDate.of(2026, 12, 20));
    assertThat(series.isEmpty()).isTrue();
    assertThat(series.first()).isEqualTo(Instant.parse("2026-12-22T16:00:00Z"));
  }

  @Test
  void cycleNotationFiresAtTheStartAndOneLessRepetition() {
    ReminderSeries series = new ReminderSeries(3, Instant.parse("2026-11-05T16:00:00Z"), Period.ofDays(2));
    assertThat(CaseTimers.cycle(series)).isEqualTo("R2/2026-11-05T16:00:00Z/P2D");
    assertThat(CaseTimers.cycle(new ReminderSeries(0, Instant.parse("2026-11-05T16:00:00Z"), Period.ofDays(2))))
        .isEqualTo("R0/2026-11-05T16:00:00Z/P2D");
  }

  private static Instant local(String date, String time) {
    return LocalDate.parse(date).atTime(LocalTime.parse(time)).atZone(MEXICO_CITY).toInstant();
  }

  private static DeadlineSettings settings(int permitValidityDays, Set<DayOfWeek> workingDays, boolean federalHolidays,
      Duration staffTaskOfficeTime, Duration staffTaskFollowUpLead) {
    return new DeadlineSettings(permitValidityDays, 10, LocalTime.of(10, 0), LocalTime.of(10, 0), LocalTime.of(15, 0),
        List.copyOf(workingDays), federalHolidays, List.of(), staffTaskOfficeTime, staffTaskFollowUpLead,
        Period.ofDays(2), Period.ofDays(2), Period.ofDays(3), 7, 1,
        Duration.ofHours(1), 50, 80);
  }
}
