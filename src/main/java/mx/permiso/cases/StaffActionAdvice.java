package mx.permiso.cases;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * How the staff actions on a case (cancel, travel dates, client contact, notes, documents, resent
 * emails; the controllers marked {@link StaffApi}) answer a refusal:
 * {@code {"errors": [{"field", "message"}]}} with the refusal's status, in the caller's language.
 */
@RestControllerAdvice(annotations = StaffApi.class)
public class StaffActionAdvice {

  private final MessageSource messages;

  public StaffActionAdvice(MessageSource messages) {
    this.messages = messages;
  }

  @ExceptionHandler(StaffActionRefused.class)
  ResponseEntity<Map<String, Object>> refused(StaffActionRefused e, Locale locale) {
    return answer(e.status(), e.field() == null ? "caseNumber" : e.field(), e.reason(messages, locale));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(Locale locale) {
    return answer(HttpStatus.BAD_REQUEST, "body", messages.getMessage("intake.error.body.unreadable", null, locale));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e, Locale locale) {
    return answer(HttpStatus.BAD_REQUEST, e.getParameterName(), messages.getMessage("staff.error.missing",
        new Object[] {e.getParameterName()}, locale));
  }

  @ExceptionHandler(MissingServletRequestPartException.class)
  ResponseEntity<Map<String, Object>> missingPart(MissingServletRequestPartException e, Locale locale) {
    return answer(HttpStatus.BAD_REQUEST, e.getRequestPartName(), messages.getMessage("staff.error.missing",
        new Object[] {e.getRequestPartName()}, locale));
  }

  /** Another step of the case changed it at the same moment: nothing was written, the caller may try again. */
  @ExceptionHandler(OptimisticLockingException.class)
  ResponseEntity<Map<String, Object>> busy(Locale locale) {
    return answer(HttpStatus.CONFLICT, "caseNumber", messages.getMessage("staff.error.busy", null,
        locale));
  }

  private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String field, String message) {
    return ResponseEntity.status(status).body(Map.of("errors", List.of(Map.of("field", field, "message", message))));
  }
}
