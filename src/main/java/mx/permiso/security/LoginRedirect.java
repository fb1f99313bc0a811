package mx.permiso.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Sends a browser that asks for a staff page without a login to the web apps' login page (the
 * board uses the Tasklist/Cockpit login); other clients get the usual 401 Basic challenge.
 */
public class LoginRedirect implements AuthenticationEntryPoint {

  private final String loginPath;

  public LoginRedirect(String loginPath) {
    this.loginPath = loginPath;
  }

  /** A request from a browser navigating (it accepts HTML). */
  public static boolean isBrowser(HttpServletRequest request) {
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason)
      throws IOException {
    response.sendRedirect(request.getContextPath() + loginPath);
  }
}
