package mx.permiso.documents;

import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The documents a client provides, in the client's words ({@code mail/documents_<lang>.properties},
 * which the firm edits): codes such as {@code FLIGHT_ITINERARY} become sentences; free text
 * written by staff stays as it is.
 */
public final class DocumentNames {

  private DocumentNames() {
  }

  /** Each code in words, in order. */
  public static List<String> describe(List<String> codes, Locale locale) {
    return codes.stream().map(code -> name(code, locale)).toList();
  }

  /** One code in words; what is not a known code is returned unchanged. */
  public static String name(String code, Locale locale) {
    try {
      return ResourceBundle.getBundle("mail/documents", locale,
          ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)).getString(code);
    } catch (MissingResourceException freeText) {
      return code;
    }
  }
}
