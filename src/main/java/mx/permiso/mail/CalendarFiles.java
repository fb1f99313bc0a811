package mx.permiso.mail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * iCalendar (RFC 5545) files for the dates a client must not miss: the INM appointment (a
 * timed event) and the return-by and hand-back deadlines (all-day events).
 */
final class CalendarFiles {

  private static final DateTimeFormatter UTC_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private CalendarFiles() {
  }

  /** A timed event starting at a local date and time in {@code zone}. */
  static byte[] timedEvent(String uid, Instant stamp, LocalDate day, LocalTime start, ZoneId zone, int minutes,
      String summary, String location, String description) {
    Instant begins = day.atTime(start).atZone(zone).toInstant();
    return calendar(uid, stamp, List.of(
        "DTSTART:" + UTC_STAMP.format(begins),
        "DTEND:" + UTC_STAMP.format(begins.plusSeconds(minutes * 60L))), summary, location, description);
  }

  /** An all-day event on {@code day}. */
  static byte[] allDayEvent(String uid, Instant stamp, LocalDate day, String summary, String description) {
    return calendar(uid, stamp, List.of(
        "DTSTART;VALUE=DATE:" + DAY.format(day),
        "DTEND;VALUE=DATE:" + DAY.format(day.plusDays(1))), summary, null, description);
  }

  private static byte[] calendar(String uid, Instant stamp, List<String> when, String summary, String location,
      String description) {
    List<String> lines = new ArrayList<>(List.of(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Permiso//Exit and re-entry permits//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        "UID:" + uid,
        "DTSTAMP:" + UTC_STAMP.format(stamp)));
    lines.addAll(when);
    lines.add("SUMMARY:" + escape(summary));
    if (location != null && !location.isBlank()) {
      lines.add("LOCATION:" + escape(location));
    }
    if (description != null && !description.isBlank()) {
      lines.add("DESCRIPTION:" + escape(description));
    }
    lines.addAll(List.of("END:VEVENT", "END:VCALENDAR"));
    StringBuilder ics = new StringBuilder();
    lines.forEach(line -> ics.append(fold(line)).append("\r\n"));
    return ics.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String escape(String text) {
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n");
  }

  /** Lines longer than 75 octets continue on the next line after a space (RFC 5545, 3.1). */
  static String fold(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= 75) {
      return line;
    }
    StringBuilder folded = new StringBuilder();
    int octets = 0;
    int limit = 75;
    for (int i = 0; i < line.length(); ) {
      int codePoint = line.codePointAt(i);
      String character = new String(Character.toChars(codePoint));
      int size = character.getBytes(StandardCharsets.UTF_8).length;
      if (octets + size > limit) {
        folded.append("\r\n ");
        octets = 1;
        limit = 75;
      }
      folded.append(character);
      octets += size;
      i += Character.charCount(codePoint);
    }
    return folded.toString();
  }
}
