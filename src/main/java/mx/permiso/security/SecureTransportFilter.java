package mx.permiso.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes every answer to a request that came over HTTPS (directly, or through the trusted proxy's
 * {@code X-Forwarded-Proto}) keep the browser on HTTPS: an HSTS header on every page, the web apps'
 * included (their own HSTS would be sent over plain HTTP too), and {@code Secure} on every cookie
 * the application sets (the web apps' {@code XSRF-TOKEN}, which Camunda can only make Secure
 * always, whatever the request). Plain HTTP answers are left as they are.
 */
public class SecureTransportFilter extends OncePerRequestFilter {

  /** As Spring Security sends it on its own pages: a year, subdomains included. */
  static final String HSTS = "max-age=31536000 ; includeSubDomains";

  private static final Pattern SECURE_ATTRIBUTE = Pattern.compile(";\\s*secure\\s*(;|$)");

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.isSecure();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("Strict-Transport-Security", HSTS);
    chain.doFilter(request, new SecureCookies(response));
  }

  static String secure(String setCookie) {
    return SECURE_ATTRIBUTE.matcher(setCookie.toLowerCase(Locale.ROOT)).find() ? setCookie : setCookie + "; Secure";
  }

  /** Adds {@code Secure} to every cookie set through it, as a cookie or as a raw header. */
  private static final class SecureCookies extends HttpServletResponseWrapper {

    SecureCookies(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void addCookie(Cookie cookie) {
      cookie.setSecure(true);
      super.addCookie(cookie);
    }

    @Override
    public void addHeader(String name, String value) {
      super.addHeader(name, isSetCookie(name) && value != null ? secure(value) : value);
    }

    @Override
    public void setHeader(String name, String value) {
      super.setHeader(name, isSetCookie(name) && value != null ? secure(value) : value);
    }

    private static boolean isSetCookie(String name) {
      return "Set-Cookie".equalsIgnoreCase(name);
    }
  }
}
