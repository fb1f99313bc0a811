package mx.permiso.intake;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
 * with every field that is wrong and why; a refused intake creates nothing.
 */
@RestController
public class IntakeApiController {

  private final IntakeService intake;

  public IntakeApiController(IntakeService intake) {
    this.intake = intake;
  }

  @PostMapping(path = "/api/intake", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Map<String, String>> submit(@RequestBody IntakeRequest request) {
    if (request == null) {
      throw new InvalidIntakeException(List.of(new FieldError("body", "Send the intake as a JSON object.")));
    }
    String caseNumber = intake.submit(request);
    return ResponseEntity.created(URI.create("/api/cases/" + caseNumber)).body(Map.of("caseNumber", caseNumber));
  }

  @ExceptionHandler(InvalidIntakeException.class)
  ResponseEntity<Map<String, List<FieldError>>> invalid(InvalidIntakeException e) {
    return ResponseEntity.badRequest().body(Map.of("errors", e.errors()));
  }

  /** Unreadable JSON, a value of the wrong type, or a field the intake does not have. */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, List<FieldError>>> unreadable(HttpMessageNotReadableException e) {
    FieldError error;
    if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
      error = new FieldError(unknown.getPropertyName(), "The intake has no such field.");
    } else if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = mapping.getPath().stream().map(reference -> reference.getFieldName() == null
          ? "[" + reference.getIndex() + "]" : reference.getFieldName()).collect(Collectors.joining("."));
      error = new FieldError(field, "Wrong kind of value for this field.");
    } else {
      error = new FieldError("body", "The request body is not valid JSON.");
    }
    return ResponseEntity.badRequest().body(Map.of("errors", List.of(error)));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, List<FieldError>>> notJson() {
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .body(Map.of("errors", List.of(new FieldError("body", "Send the intake as application/json."))));
  }
}
