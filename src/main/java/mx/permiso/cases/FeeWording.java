package mx.permiso.cases;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The one sentence that tells a client the fees, in their language, for the emails and the case
 * page alike (texts in {@code mail/fees_<language>.properties}). The firm's fee is quoted only when
 * the firm has set it; INM's is "this year" only when the figure is this year's, otherwise "about",
 * with the year of the figure.
 */
public final class FeeWording {

  private FeeWording() {
  }

  /**
   * @param firmFeeMxn the firm's fee, or null when not set
   * @param inmFeeMxn INM's fee as configured
   * @param inmFeeYear the year of that figure, or null for a case that did not record it
   * @param year the year the client reads it
   * @return the sentence, ending with a full stop; null without an INM fee
   */
  public static String sentence(Integer firmFeeMxn, Integer inmFeeMxn, Integer inmFeeYear, int year, String language) {
    if (inmFeeMxn == null) {
      return null;
    }
    ResourceBundle texts = ResourceBundle.getBundle("mail/fees", Locale.forLanguageTag("es".equals(language) ? "es" : "en"),
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    String firm = firmFeeMxn == null ? texts.getString("firm.unset")
        : MessageFormat.format(texts.getString("firm"), amount(firmFeeMxn));
    String inm = inmFeeYear == null ? MessageFormat.format(texts.getString("inm.unknownYear"), amount(inmFeeMxn))
        : inmFeeYear >= year ? MessageFormat.format(texts.getString("inm.thisYear"), amount(inmFeeMxn))
        : MessageFormat.format(texts.getString("inm.earlier"), amount(inmFeeMxn), String.valueOf(inmFeeYear));
    return MessageFormat.format(texts.getString("sentence"), firm, inm);
  }

  /** A whole number from a case variable (an integer, or a long from JSON); null when absent. */
  public static Integer whole(Object value) {
    return value instanceof Number number ? number.intValue() : null;
  }

  // Mexico groups thousands with a comma in both languages: MXN 3,500.
  private static String amount(int mxn) {
    return String.format(Locale.US, "%,d", mxn);
  }
}
