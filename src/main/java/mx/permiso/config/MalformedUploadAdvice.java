package mx.permiso.config;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * An upload whose multipart body cannot be read (cut short, broken boundaries) is the sender's
 * fault: 400 (413 when too large), answered by the error page or, for API callers, Spring Boot's
 * JSON error. It is read before any controller is chosen, hence advice for all of them.
 */
@ControllerAdvice
public class MalformedUploadAdvice {

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  void tooLarge(HttpServletResponse response) throws IOException {
    response.sendError(HttpStatus.PAYLOAD_TOO_LARGE.value());
  }

  @ExceptionHandler(MultipartException.class)
  void unreadable(HttpServletResponse response) throws IOException {
    response.sendError(HttpStatus.BAD_REQUEST.value());
  }
}
