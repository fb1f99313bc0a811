package mx.permiso.firm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How clients reach the firm and pay it ({@code permiso.firm.*}), shown in every client email's
 * footer and on the case page. A setting left empty is left out, never replaced by an example
 * (docs/adr/013-firm-settings-and-fees.md).
 *
 * @param phone the firm's phone number, as clients dial it: in every client email's footer and on the case page
 * @param email the firm's email address for clients: in every client email's footer and on the case page
 * @param officeHours when staff answer the phone, as clients read it, by language ({@code en}, {@code es}; one language
 *     alone serves both); keep in step with permiso.deadlines.office-opens, office-closes and working-days
 * @param paymentInstructions how to pay (bank, account holder, CLABE, the reference to quote), by language; may be
 *     several lines. In the acknowledgement, the payment reminder and on the case page until the payment is confirmed
 */
@ConfigurationProperties("permiso.firm")
public record FirmSettings(String phone, String email, Map<String, String> officeHours,
    Map<String, String> paymentInstructions) {

  public FirmSettings {
    phone = blankToNull(phone);
    email = blankToNull(email);
    officeHours = officeHours == null ? Map.of() : Map.copyOf(officeHours);
    paymentInstructions = paymentInstructions == null ? Map.of() : Map.copyOf(paymentInstructions);
  }

  /** The office hours in the client's language; the other language's if only that one is set; null if neither. */
  public String officeHours(String language) {
    return inLanguage(officeHours, language);
  }

  /** How to pay in the client's language (the other language's if only that one is set); null if neither. */
  public String paymentInstructions(String language) {
    return inLanguage(paymentInstructions, language);
  }

  /** The settings (and languages) clients would miss, by their property names. */
  public List<String> unset() {
    List<String> unset = new ArrayList<>();
    if (phone == null) {
      unset.add("permiso.firm.phone");
    }
    if (email == null) {
      unset.add("permiso.firm.email");
    }
    for (String language : List.of("en", "es")) {
      if (blankToNull(officeHours.get(language)) == null) {
        unset.add("permiso.firm.office-hours." + language);
      }
    }
    for (String language : List.of("en", "es")) {
      if (blankToNull(paymentInstructions.get(language)) == null) {
        unset.add("permiso.firm.payment-instructions." + language);
      }
    }
    return unset;
  }

  // A CLABE or a phone number reads the same in both languages: better the other language's text than none.
  private static String inLanguage(Map<String, String> texts, String language) {
    String own = blankToNull(texts.get(language));
    if (own != null) {
      return own;
    }
    return texts.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(entry -> blankToNull(entry.getValue())).filter(text -> text != null).findFirst().orElse(null);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
