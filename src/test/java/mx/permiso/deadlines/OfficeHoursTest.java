package mx.permiso.deadlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The firm's office hours: 10:00 to 15:00 in Mexico City (UTC-6 all year), Monday to Friday,
 * federal holidays off (Revolution Day is Monday 16 November 2026, Christmas a Friday), and Holy
 * Thursday and Friday 2026 (2 and 3 April) closed.
 */
class OfficeHoursTest {

  private static final ZoneId MEXICO_CITY = ZoneId.of("America/Mexico_City");
  private static final Duration OFFICE_DAY = Duration.ofHours(5);

  private final OfficeHours office = new OfficeHours(MEXICO_CITY, LocalTime.of(10, 0), LocalTime.of(15, 0),
      new BusinessDays(Set.of(LocalDate.of(2026, 4, 2), LocalDate.of(2026, 4, 3))));

  private static Instant at(String date, String time) {
    return at(date, time, MEXICO_CITY);
  }

  private static Instant at(String date, String time, ZoneId zone) {
    return LocalDate.parse(date).atTime(LocalTime.parse(time)).atZone(zone).toInstant();
  }

  @Test
  void openFromOpeningUntilJustBeforeClosing() {
    assertThat(office.isOpen(at("2026-11-03", "09:59"))).isFalse();
    assertThat(office.isOpen(at("2026-11-03", "10:00"))).isTrue();
    assertThat(office.isOpen(at("2026-11-03", "14:59"))).isTrue();
    assertThat(office.isOpen(at("2026-11-03", "15:00"))).isFalse();
  }

  @Test
  void closedAllDayOnWeekendsHolidaysAndClosedDays() {
    assertThat(office.isOpen(at("2026-11-07", "12:00"))).as("Saturday").isFalse();
    assertThat(office.isOpen(at("2026-11-08", "12:00"))).as("Sunday").isFalse();
    assertThat(office.isOpen(at("2026-11-16", "12:00"))).as("Revolution Day").isFalse();
    assertThat(office.isOpen(at("2026-12-25", "12:00"))).as("Christmas").isFalse();
    assertThat(office.isOpen(at("2026-04-02", "12:00"))).as("Holy Thursday, configured").isFalse();
  }

  @Test
  void openOfficeIsItsOwnNextOpening() {
    assertThat(office.nextOpening(at("2026-11-03", "12:34"))).isEqualTo(at("2026-11-03", "12:34"));
  }

  @Test
  void beforeHoursTheNextOpeningIsThatMorning() {
    assertThat(office.nextOpening(at("2026-11-03", "07:30"))).isEqualTo(at("2026-11-03", "10:00"));
  }

  @Test
  void afterHoursTheNextOpeningIsTheNextOfficeMorning() {
    assertThat(office.nextOpening(at("2026-11-03", "15:00"))).isEqualTo(at("2026-11-04", "10:00"));
    assertThat(office.nextOpening(at("2026-11-06", "18:00"))).as("Friday evening").isEqualTo(at("2026-11-09", "10:00"));
    assertThat(office.nextOpening(at("2026-11-07", "09:00"))).as("Saturday").isEqualTo(at("2026-11-09", "10:00"));
    assertThat(office.nextOpening(at("2026-11-13", "16:00"))).as("before Revolution Day").isEqualTo(at("2026-11-17", "10:00"));
  }

  @Test
  void fridayAfternoonPlusAnOfficeDayIsMondayAfternoon() {
    assertThat(office.plusOfficeTime(at("2026-11-06", "14:00"), OFFICE_DAY)).isEqualTo(at("2026-11-09", "14:00"));
  }

  @Test
  void officeTimeSkipsAFederalHolidayMonday() {
    assertThat(office.plusOfficeTime(at("2026-11-13", "14:00"), OFFICE_DAY)).isEqualTo(at("2026-11-17", "14:00"));
  }

  @Test
  void officeTimeSkipsChristmasAndNewYear() {
    // Thursday 24 December; Friday 25 is Christmas.
    assertThat(office.plusOfficeTime(at("2026-12-24", "12:00"), OFFICE_DAY)).isEqualTo(at("2026-12-28", "12:00"));
    // Thursday 31 December; Friday 1 January is a holiday.
    assertThat(office.plusOfficeTime(at("2026-12-31", "14:30"), Duration.ofHours(1))).isEqualTo(at("2027-01-04", "10:30"));
  }

  @Test
  void officeTimeSkipsConfiguredClosedDays() {
    // Wednesday 1 April 2026, then Holy Thursday and Good Friday, then the weekend.
    assertThat(office.plusOfficeTime(at("2026-04-01", "13:00"), OFFICE_DAY)).isEqualTo(at("2026-04-06", "13:00"));
  }

  @Test
  void startBeforeOpeningCountsFromOpeningAndAFullDayEndsAtClose() {
    assertThat(office.plusOfficeTime(at("2026-11-03", "08:00"), OFFICE_DAY)).isEqualTo(at("2026-11-03", "15:00"));
  }

  @Test
  void startAfterClosingCountsFromTheNextOpening() {
    assertThat(office.plusOfficeTime(at("2026-11-03", "18:00"), OFFICE_DAY)).isEqualTo(at("2026-11-04", "15:00"));
    assertThat(office.plusOfficeTime(at("2026-11-03", "15:00"), Duration.ofHours(2))).isEqualTo(at("2026-11-04", "12:00"));
  }

  @Test
  void startOnSaturdayCountsFromMondayMorning() {
    assertThat(office.plusOfficeTime(at("2026-11-07", "09:00"), Duration.ofHours(2))).isEqualTo(at("2026-11-09", "12:00"));
    assertThat(office.plusOfficeTime(at("2026-11-07", "09:00"), Duration.ZERO)).isEqualTo(at("2026-11-09", "10:00"));
  }

  @Test
  void severalOfficeDaysSpanTheWeekend() {
    // Wednesday 11:00 plus three office days: Thursday, Friday, (weekend), Monday 11:00.
    assertThat(office.plusOfficeTime(at("2026-11-04", "11:00"), Duration.ofHours(15))).isEqualTo(at("2026-11-09", "11:00"));
    // A whole week from Monday's opening ends on Friday's close.
    assertThat(office.plusOfficeTime(at("2026-11-02", "10:00"), Duration.ofHours(25))).isEqualTo(at("2026-11-06", "15:00"));
  }

  @Test
  void countingBackSkipsNightsWeekendsAndHolidays() {
    assertThat(office.minusOfficeTime(at("2026-11-09", "15:00"), OFFICE_DAY)).isEqualTo(at("2026-11-09", "10:00"));
    assertThat(office.minusOfficeTime(at("2026-11-09", "12:00"), OFFICE_DAY)).isEqualTo(at("2026-11-06", "12:00"));
    // Tuesday after Revolution Day: back over Monday to Friday.
    assertThat(office.minusOfficeTime(at("2026-11-17", "11:00"), Duration.ofHours(2))).isEqualTo(at("2026-11-13", "14:00"));
    // From Saturday, counting starts at Friday's close.
    assertThat(office.minusOfficeTime(at("2026-11-07", "12:00"), Duration.ofHours(1))).isEqualTo(at("2026-11-06", "14:00"));
    assertThat(office.minusOfficeTime(at("2026-11-03", "20:00"), Duration.ZERO)).isEqualTo(at("2026-11-03", "15:00"));
  }

  @Test
  void aDeadlineOnAClosedDayMeansTheCloseOfTheOfficeDayBefore() {
    assertThat(office.closeOfLastOfficeDayOnOrBefore(LocalDate.of(2026, 11, 19))).as("Thursday")
        .isEqualTo(at("2026-11-19", "15:00"));
    assertThat(office.closeOfLastOfficeDayOnOrBefore(LocalDate.of(2026, 11, 22))).as("Sunday")
        .isEqualTo(at("2026-11-20", "15:00"));
    assertThat(office.closeOfLastOfficeDayOnOrBefore(LocalDate.of(2026, 11, 16))).as("Revolution Day")
        .isEqualTo(at("2026-11-13", "15:00"));
    assertThat(office.closeOfLastOfficeDayOnOrBefore(LocalDate.of(2026, 12, 27))).as("Sunday after Christmas")
        .isEqualTo(at("2026-12-24", "15:00"));
  }

  @Test
  void aStartOnAClosedDayMeansTheCloseOfTheOfficeDayAfter() {
    assertThat(office.closeOfFirstOfficeDayOnOrAfter(LocalDate.of(2026, 11, 20))).as("Friday")
        .isEqualTo(at("2026-11-20", "15:00"));
    assertThat(office.closeOfFirstOfficeDayOnOrAfter(LocalDate.of(2026, 11, 21))).as("Saturday")
        .isEqualTo(at("2026-11-23", "15:00"));
    assertThat(office.closeOfFirstOfficeDayOnOrAfter(LocalDate.of(2026, 11, 14))).as("Saturday before Revolution Day")
        .isEqualTo(at("2026-11-17", "15:00"));
    assertThat(office.closeOfFirstOfficeDayOnOrAfter(LocalDate.of(2027, 1, 1))).as("New Year's Day")
        .isEqualTo(at("2027-01-04", "15:00"));
  }

  @Test
  void nextCloseIsTodaysWhileOpenOrBeforeOpening() {
    assertThat(office.nextClose(at("2026-11-03", "08:00"))).isEqualTo(at("2026-11-03", "15:00"));
    assertThat(office.nextClose(at("2026-11-03", "14:59"))).isEqualTo(at("2026-11-03", "15:00"));
    assertThat(office.nextClose(at("2026-11-03", "15:00"))).isEqualTo(at("2026-11-04", "15:00"));
    assertThat(office.nextClose(at("2026-11-13", "16:00"))).isEqualTo(at("2026-11-17", "15:00"));
  }

  @Test
  void mexicoCityStaysAtUtcMinusSixWhereDaylightTimeUsedToChange() {
    // Until 2022 clocks went forward on the first Sunday of April and back on the last Sunday of October.
    assertThat(office.nextOpening(at("2026-04-04", "12:00"))).isEqualTo(Instant.parse("2026-04-06T16:00:00Z"));
    assertThat(office.plusOfficeTime(Instant.parse("2026-10-23T20:00:00Z"), OFFICE_DAY))
        .as("Friday 14:00 across the last Sunday of October").isEqualTo(Instant.parse("2026-10-26T20:00:00Z"));
    assertThat(office.plusOfficeTime(Instant.parse("2026-01-12T16:00:00Z"), OFFICE_DAY))
        .isEqualTo(Instant.parse("2026-01-12T21:00:00Z"));
    assertThat(office.plusOfficeTime(Instant.parse("2026-07-13T16:00:00Z"), OFFICE_DAY))
        .as("the same hours in summer").isEqualTo(Instant.parse("2026-07-13T21:00:00Z"));
  }

  @Test
  void inAZoneWithDaylightTimeOfficeHoursFollowTheWallClock() {
    ZoneId newYork = ZoneId.of("America/New_York");
    OfficeHours elsewhere = new OfficeHours(newYork, LocalTime.of(10, 0), LocalTime.of(15, 0), new BusinessDays(Set.of()));
    // Clocks go forward on Sunday 8 March 2026: Friday 14:00 EST to Monday 14:00 EDT.
    assertThat(elsewhere.plusOfficeTime(at("2026-03-06", "14:00", newYork), OFFICE_DAY))
        .isEqualTo(at("2026-03-09", "14:00", newYork))
        .isEqualTo(Instant.parse("2026-03-09T18:00:00Z"));
  }

  @Test
  void hoursWorkingDaysAndHolidaysAreConfigurable() {
    OfficeHours saturdays = new OfficeHours(MEXICO_CITY, LocalTime.of(9, 0), LocalTime.of(18, 0),
        new BusinessDays(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY), false, Set.of()));
    assertThat(saturdays.isOpen(at("2026-11-07", "17:30"))).as("Saturday").isTrue();
    assertThat(saturdays.isOpen(at("2026-11-08", "12:00"))).as("Sunday").isFalse();
    assertThat(saturdays.isOpen(at("2026-11-16", "09:00"))).as("Revolution Day, holidays not observed").isTrue();
    // Friday 17:00 plus two hours: one on Friday, one on Saturday from 09:00.
    assertThat(saturdays.plusOfficeTime(at("2026-11-13", "17:00"), Duration.ofHours(2))).isEqualTo(at("2026-11-14", "10:00"));
    assertThat(saturdays.closeOfLastOfficeDayOnOrBefore(LocalDate.of(2026, 11, 22))).isEqualTo(at("2026-11-21", "18:00"));
  }

  @Test
  void anOfficeThatNeverOpensIsRefused() {
    BusinessDays weekdays = new BusinessDays(Set.of());
    assertThatThrownBy(() -> new OfficeHours(MEXICO_CITY, LocalTime.of(15, 0), LocalTime.of(10, 0), weekdays))
        .hasMessageContaining("open before it closes");
    assertThatThrownBy(() -> new BusinessDays(Set.of(), true, Set.of())).hasMessageContaining("never open");
    assertThatThrownBy(() -> office.plusOfficeTime(at("2026-11-03", "10:00"), Duration.ofHours(-1)))
        .hasMessageContaining("negative");
  }
}
