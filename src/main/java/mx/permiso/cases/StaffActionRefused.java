package mx.permiso.cases;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;

/**
 * Why a staff action on a case (a note, a document, a resent email) was not taken: the answer's
 * status, the field at fault (null when it is the case itself) and the reason as a message code.
 * Nothing of the action has been written.
 */
public class StaffActionRefused extends RuntimeException {

  private final HttpStatus status;
  private final String field;
  private final String code;
  private final transient Object[] args;

  public StaffActionRefused(HttpStatus status, String field, String code, Object... args) {
    super(code);
    this.status = status;
    this.field = field;
    this.code = code;
    this.args = args;
  }

  public static StaffActionRefused noCase(String caseNumber) {
    return new StaffActionRefused(HttpStatus.NOT_FOUND, "caseNumber", "staff.error.notFound", caseNumber);
  }

  public static StaffActionRefused ended(String caseNumber) {
    return new StaffActionRefused(HttpStatus.CONFLICT, "caseNumber", "staff.error.ended", caseNumber);
  }

  /** Another step of the case changed it at the same moment: nothing was written, the caller may try again. */
  public static StaffActionRefused busy(String caseNumber) {
    return new StaffActionRefused(HttpStatus.CONFLICT, "caseNumber", "staff.error.busy", caseNumber);
  }

  public HttpStatus status() {
    return status;
  }

  public String field() {
    return field;
  }

  /** The reason in the reader's language. */
  public String reason(MessageSource messages, Locale locale) {
    return messages.getMessage(code, args, locale);
  }
}
