package mx.permiso.intake;

/** A field of the request and what is wrong with it, in words for the person who filled it. */
public record FieldError(String field, String message) {
}
