package mx.permiso.deadlines;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * Dates written the way people read them, in the client's language: "Tuesday 12 May 2026",
 * "martes 12 de mayo de 2026". Used by the mail templates as {@code dates}.
 */
public final class PeopleDates {

  private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter SPANISH = DateTimeFormatter.ofPattern("EEEE d 'de' MMMM 'de' yyyy",
      Locale.forLanguageTag("es-MX"));

  private final DateTimeFormatter format;

  public PeopleDates(String language) {
    this.format = "es".equals(language) ? SPANISH : ENGLISH;
  }

  /** The ISO date ({@code 2026-05-12}) in words; empty when there is none. */
  public String of(Object isoDate) {
    if (!(isoDate instanceof String text) || text.isBlank()) {
      return "";
    }
    return LocalDate.parse(text).format(format);
  }

  /** The date in words; empty when there is none. */
  public String day(Optional<LocalDate> date) {
    return date.map(format::format).orElse("");
  }
}
