package mx.permiso.deadlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import mx.permiso.support.SampleSettings;
import org.junit.jupiter.api.Test;

/** The task dates the model's expressions get: the firm's office hours, as of the moment a task arrives. */
class CaseTimersTest {

  private static final ZoneId MEXICO_CITY = ZoneId.of("America/Mexico_City");

  private static CaseTimers at(String date, String time) {
    Clock clock = Clock.fixed(local(date, time).toInstant(), ZoneOffset.UTC);
    return new CaseTimers(new Deadlines(SampleSettings.deadlines(), clock, MEXICO_CITY));
  }

  private static Date local(String date, String time) {
    return Date.from(LocalDate.parse(date).atTime(LocalTime.parse(time)).atZone(MEXICO_CITY).toInstant());
  }

  @Test
  void aRoutineTaskArrivingBeforeOpeningIsFollowedUpAtOpeningAndDueAtClose() {
    CaseTimers timers = at("2026-11-03", "09:00");
    assertThat(timers.dueOnArrival("CANJE_PENDING")).isEqualTo(local("2026-11-03", "15:00"));
    assertThat(timers.followUpOnArrival()).isEqualTo(local("2026-11-03", "10:00"));
  }

  @Test
  void aTaskThatWaitsForADateIsFollowedUpTheMorningItIsDue() {
    CaseTimers timers = at("2026-11-03", "09:00");
    // Permit due back at INM on Sunday 22 November: Friday's close.
    assertThat(timers.dueOn("2026-11-22")).isEqualTo(local("2026-11-20", "15:00"));
    assertThat(timers.followUpOn("2026-11-22")).isEqualTo(local("2026-11-20", "10:00"));
    // The exit stamp, the day after a Friday flight: Monday.
    assertThat(timers.dueAfter("2026-11-20", 1)).isEqualTo(local("2026-11-23", "15:00"));
    assertThat(timers.followUpAfter("2026-11-20", 1)).isEqualTo(local("2026-11-23", "10:00"));
  }

  @Test
  void reEvaluatedLaterATaskCountsFromItsCreation() {
    CaseTimers timers = at("2026-11-05", "12:00");
    Instant created = local("2026-11-03", "09:00").toInstant();

    assertThat(timers.asOfTaskCreation(created, () -> timers.dueOnArrival("CANJE_PENDING"))).isEqualTo(local("2026-11-03", "15:00"));
    assertThat(timers.asOfTaskCreation(created, timers::followUpOnArrival)).isEqualTo(local("2026-11-03", "10:00"));
    // A deadline already past when re-evaluated still counts from the task's creation.
    assertThat(timers.asOfTaskCreation(created, () -> timers.dueOn("2026-11-04"))).isEqualTo(local("2026-11-04", "15:00"));
    // Outside a re-evaluation, now again.
    assertThat(timers.dueOnArrival("CANJE_PENDING")).isEqualTo(local("2026-11-06", "12:00"));
  }

  @Test
  void anEmergencysTaskIsDueWithinAnOfficeHourAndSortsAboveRoutineWork() {
    // Half an hour before the close: the other half hour is the first of the next office day.
    CaseTimers timers = at("2026-11-03", "14:30");
    assertThat(timers.dueOnArrival("EMERGENCY")).isEqualTo(local("2026-11-04", "10:30"));
    assertThat(timers.dueOnArrival("CANJE_PENDING")).isEqualTo(local("2026-11-04", "14:30"));
    // By a deadline: the earlier of the deadline's close and the office hour.
    assertThat(timers.dueOnArrivalBy("2026-11-17", "EMERGENCY")).isEqualTo(local("2026-11-04", "10:30"));
    assertThat(timers.dueOnArrivalBy("2026-11-17", "FAMILY_UNITY")).isEqualTo(local("2026-11-17", "15:00"));
    assertThat(at("2026-11-03", "10:00").dueOnArrivalBy("2026-11-03", "EMERGENCY")).isEqualTo(local("2026-11-03", "11:00"));
    assertThat(timers.priority("EMERGENCY")).isEqualTo(80);
    assertThat(timers.priority("CANJE_PENDING")).isEqualTo(50);
  }

  @Test
  void aMissingDateIsNamedAsSuch() {
    assertThatThrownBy(() -> at("2026-11-03", "09:00").dueOn(null)).hasMessage("A date the timer needs is missing");
  }
}
