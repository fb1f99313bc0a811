package mx.permiso.intake;

import java.util.List;

/** The intake was refused; the errors say which fields and why. */
public class InvalidIntakeException extends RuntimeException {

  private final List<FieldError> errors;

  public InvalidIntakeException(List<FieldError> errors) {
    super("Invalid intake: " + errors.stream().map(FieldError::field).toList());
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
