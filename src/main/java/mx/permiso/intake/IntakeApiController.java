package mx.permiso.intake;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/intake}: the firm's website starts a case. 201 with the case number, or 400
 * with every field that is wrong and why (in Spanish when the caller asks for it with
 * {@code Accept-Language: es}), or 503 with {@code Retry-After} when too many intakes arrived at
 * once to take them all; a refused intake creates nothing. Described in {@code /api/openapi.yaml}.
 */
@RestController
public class IntakeApiController {

  private final IntakeService intake;
  private final MessageSource messages;

  public IntakeApiController(IntakeService intake, MessageSource messages) {
    this.intake = intake;
    this.messages = messages;
  }

  @PostMapping(path = "/api/intake", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Map<String, String>> submit(@RequestBody IntakeRequest request, Locale locale) {
    if (request == null) {
      throw new InvalidIntakeException(List.of(error("body", "intake.error.body.notJson", locale)));
    }
    String caseNumber = intake.submit(request, locale);
    return ResponseEntity.created(URI.create("/api/cases/" + caseNumber)).body(Map.of("caseNumber", caseNumber));
  }

  @ExceptionHandler(InvalidIntakeException.class)
  ResponseEntity<Map<String, List<FieldError>>> invalid(InvalidIntakeException e) {
    return ResponseEntity.badRequest().body(Map.of("errors", e.errors()));
  }

  @ExceptionHandler(IntakeBusyException.class)
  ResponseEntity<Map<String, List<FieldError>>> busy(IntakeBusyException e, Locale locale) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()))
        .body(Map.of("errors", List.of(error("body", "intake.error.busy", locale))));
  }

  /** Unreadable JSON, a value of the wrong type, or a field the intake does not have. */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, List<FieldError>>> unreadable(HttpMessageNotReadableException e, Locale locale) {
    FieldError error;
    if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
      error = error(unknown.getPropertyName(), "intake.error.field.unknown", locale);
    } else if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = mapping.getPath().stream().map(reference -> reference.getFieldName() == null
          ? "[" + reference.getIndex() + "]" : reference.getFieldName()).collect(Collectors.joining("."));
      error = error(field, "intake.error.field.wrongType", locale);
    } else {
      error = error("body", "intake.error.body.unreadable", locale);
    }
    return ResponseEntity.badRequest().body(Map.of("errors", List.of(error)));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, List<FieldError>>> notJson(Locale locale) {
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .body(Map.of("errors", List.of(error("body", "intake.error.body.notJsonType", locale))));
  }

  private FieldError error(String field, String code, Locale locale) {
    return new FieldError(field, messages.getMessage(code, null, locale));
  }
}
