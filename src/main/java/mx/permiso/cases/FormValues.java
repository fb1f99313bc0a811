package mx.permiso.cases;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.context.MessageSource;

/** Reading what a task's form hands in, and telling staff what is wrong with it (in English, as Tasklist shows it). */
final class FormValues {

  private FormValues() {
  }

  /** A form's date field hands in yyyy-MM-dd; anything else is no date. */
  static LocalDate date(Object value) {
    if (!(value instanceof String text) || text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException notADate) {
      return null;
    }
  }

  /** The choice of this name among an enum's values; null for anything else (no choice, another value). */
  static <E extends Enum<E>> E choice(Class<E> type, Object name) {
    for (E value : type.getEnumConstants()) {
      if (value.name().equals(name)) {
        return value;
      }
    }
    return null;
  }

  /** A message for staff, its arguments shown as text (dates as yyyy-MM-dd, not in the message format's style). */
  static String message(MessageSource messages, String key, Object... arguments) {
    Object[] shown = Arrays.stream(arguments).map(String::valueOf).toArray();
    return messages.getMessage(key, shown, Locale.ENGLISH);
  }
}
