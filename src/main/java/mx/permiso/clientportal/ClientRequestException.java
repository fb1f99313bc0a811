package mx.permiso.clientportal;

import org.springframework.http.HttpStatus;

/**
 * A request from the case page the case cannot take: the field it concerns (or none), why as a
 * message code ({@code messages*.properties}), and the HTTP status that says so.
 */
public class ClientRequestException extends RuntimeException {

  private final String field;
  private final String code;
  private final HttpStatus status;

  public ClientRequestException(String field, String code, HttpStatus status) {
    super(code);
    this.field = field;
    this.code = code;
    this.status = status;
  }

  public String field() {
    return field;
  }

  public String code() {
    return code;
  }

  public HttpStatus status() {
    return status;
  }
}
