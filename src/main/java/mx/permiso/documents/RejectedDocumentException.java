package mx.permiso.documents;

import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * A document the case does not accept: the field, and the reason as a message code
 * ({@code messages*.properties}) so the uploader reads it in their language.
 */
public class RejectedDocumentException extends RuntimeException {

  private final String field;
  private final String code;
  private final transient Object[] args;

  public RejectedDocumentException(String field, String code, Object... args) {
    super(code);
    this.field = field;
    this.code = code;
    this.args = args.clone();
  }

  public String field() {
    return field;
  }

  public String code() {
    return code;
  }

  /** The reason in words, in the given language. */
  public String reason(MessageSource messages, Locale locale) {
    return messages.getMessage(code, args, locale);
  }
}
