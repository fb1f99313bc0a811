package mx.permiso.documents;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import mx.permiso.cases.CaseFacts;
import mx.permiso.cases.DocumentKindNames;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The documents a case requires by the names staff know them by ({@code staff.document.<CODE>} in
 * messages.properties, English like every staff page): "Flight itinerary" for {@code FLIGHT_ITINERARY}.
 * What is not a known code (free text staff wrote for the client) stays as written.
 */
@Component
public class StaffDocumentNames implements DocumentKindNames {

  private static final Locale STAFF = Locale.ENGLISH;
  private static final String PREFIX = "staff.document.";

  private final MessageSource messages;

  public StaffDocumentNames(MessageSource messages) {
    this.messages = messages;
  }

  /** Whether the code has a staff name of its own. */
  public boolean knows(String code) {
    return code != null && messages.getMessage(PREFIX + code, null, null, STAFF) != null;
  }

  /** One code by its staff name; a code without one in plain words, free text unchanged. */
  public String name(String code) {
    if (code == null || code.isBlank()) {
      return "";
    }
    String known = messages.getMessage(PREFIX + code, null, null, STAFF);
    if (known != null) {
      return known;
    }
    if (!code.matches("[A-Z][A-Z0-9_]*")) {
      return code;
    }
    String words = code.replace('_', ' ').toLowerCase(STAFF);
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  /** Each item of a comma-separated list by its staff name, in order. */
  public List<String> names(String commaSeparated) {
    return CaseFacts.documentCodes(commaSeparated).stream().map(this::name).toList();
  }

  /** The list as Markdown bullets for a Tasklist form; {@code none} when it is empty. */
  @Override
  public String markdown(String commaSeparated, String none) {
    List<String> names = names(commaSeparated);
    return names.isEmpty() ? none
        : names.stream().map(name -> "- " + StaffDocumentList.escape(name)).collect(Collectors.joining("\n"));
  }
}
