package mx.permiso.documents;

/** A document the case does not accept, with the field and the reason the uploader reads. */
public class RejectedDocumentException extends RuntimeException {

  private final String field;

  public RejectedDocumentException(String field, String reason) {
    super(reason);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
