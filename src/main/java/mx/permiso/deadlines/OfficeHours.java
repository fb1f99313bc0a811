package mx.permiso.deadlines;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The firm's business calendar: the office is open from {@code opens} (inclusive) to
 * {@code closes} (exclusive), local time in the firm's zone, on every business day
 * ({@link BusinessDays}). Staff task due and follow-up dates are counted in office time.
 *
 * <p>Hours are wall-clock times in the zone; office time is the real time that passes while the
 * office is open. America/Mexico_City has kept UTC-6 all year since 2022, so there a day of
 * office hours is always exactly {@code closes - opens} long.
 */
public final class OfficeHours {

  private final ZoneId zone;
  private final LocalTime opens;
  private final LocalTime closes;
  private final BusinessDays days;

  public OfficeHours(ZoneId zone, LocalTime opens, LocalTime closes, BusinessDays days) {
    if (!opens.isBefore(closes)) {
      throw new IllegalArgumentException("The office must open before it closes: opens " + opens + ", closes " + closes);
    }
    this.zone = zone;
    this.opens = opens;
    this.closes = closes;
    this.days = days;
  }

  public ZoneId zone() {
    return zone;
  }

  public BusinessDays days() {
    return days;
  }

  public boolean isOfficeDay(LocalDate date) {
    return days.isBusinessDay(date);
  }

  /** Whether the office is open at {@code moment}; it is closed at the closing time itself. */
  public boolean isOpen(Instant moment) {
    LocalDateTime local = local(moment);
    LocalTime time = local.toLocalTime();
    return isOfficeDay(local.toLocalDate()) && !time.isBefore(opens) && time.isBefore(closes);
  }

  /** {@code moment} itself if the office is open then, otherwise the next time it opens. */
  public Instant nextOpening(Instant moment) {
    LocalDateTime local = local(moment);
    LocalDate day = local.toLocalDate();
    if (isOfficeDay(day)) {
      if (local.toLocalTime().isBefore(opens)) {
        return opening(day);
      }
      if (local.toLocalTime().isBefore(closes)) {
        return moment;
      }
    }
    return opening(days.plus(day, 1));
  }

  /** The close of the office day that is open at {@code moment}, or else of the next one to open. */
  public Instant nextClose(Instant moment) {
    return closing(local(nextOpening(moment)).toLocalDate());
  }

  /**
   * The moment {@code work} of office time after {@code start}. Counting begins when the office
   * next opens; nights, closed days of the week, holidays and closed days do not count. Work that
   * fills the office time left in a day ends at that day's close, not at the next opening.
   */
  public Instant plusOfficeTime(Instant start, Duration work) {
    requireNotNegative(work);
    Instant from = nextOpening(start);
    LocalDate day = local(from).toLocalDate();
    Duration left = work;
    while (true) {
      Duration rest = Duration.between(from, closing(day));
      if (left.compareTo(rest) <= 0) {
        return from.plus(left);
      }
      left = left.minus(rest);
      day = days.plus(day, 1);
      from = opening(day);
    }
  }

  /**
   * The moment {@code work} of office time before {@code end}, counted back from the last moment
   * the office was open at or before {@code end}. Work that fills a whole office day starts at its
   * opening, not at the close before it.
   */
  public Instant minusOfficeTime(Instant end, Duration work) {
    requireNotNegative(work);
    Instant to = lastOfficeMomentAtOrBefore(end);
    LocalDate day = local(to).toLocalDate();
    Duration left = work;
    while (true) {
      Duration done = Duration.between(opening(day), to);
      if (left.compareTo(done) <= 0) {
        return to.minus(left);
      }
      left = left.minus(done);
      day = days.minus(day, 1);
      to = closing(day);
    }
  }

  /** When the office closes on the last office day on or before {@code date}: a Sunday means Friday's close. */
  public Instant closeOfLastOfficeDayOnOrBefore(LocalDate date) {
    return closing(days.onOrBefore(date));
  }

  /** When the office closes on the first office day on or after {@code date}: a Saturday means Monday's close. */
  public Instant closeOfFirstOfficeDayOnOrAfter(LocalDate date) {
    return closing(days.onOrAfter(date));
  }

  private Instant lastOfficeMomentAtOrBefore(Instant moment) {
    LocalDateTime local = local(moment);
    LocalDate day = local.toLocalDate();
    if (isOfficeDay(day)) {
      if (local.toLocalTime().isAfter(closes)) {
        return closing(day);
      }
      if (!local.toLocalTime().isBefore(opens)) {
        return moment;
      }
    }
    return closing(days.minus(day, 1));
  }

  private Instant opening(LocalDate day) {
    return day.atTime(opens).atZone(zone).toInstant();
  }

  private Instant closing(LocalDate day) {
    return day.atTime(closes).atZone(zone).toInstant();
  }

  private LocalDateTime local(Instant moment) {
    return LocalDateTime.ofInstant(moment, zone);
  }

  private static void requireNotNegative(Duration work) {
    if (work.isNegative()) {
      throw new IllegalArgumentException("Office time cannot be negative: " + work);
    }
  }
}
