package mx.permiso.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.UrlPathHelper;

/**
 * Guards the public requests that write something (an intake, an upload, a client action)
 * before anything reads them: a body larger than allowed gets 413, a body of unknown length
 * 411, and an address that has had its share of intakes, uploads or case page actions 429 with
 * {@code Retry-After}.
 * JSON callers get the API's {@code {errors: [{field, message}]}}; browsers the error page.
 */
public class PublicRequestFilter extends OncePerRequestFilter {

  private static final UrlPathHelper PATHS = new UrlPathHelper();

  private final RateLimiter intakes;
  private final RateLimiter uploads;
  private final RateLimiter actions;
  private final long maxFormBytes;
  private final long maxUploadBytes;
  private final MessageSource messages;
  private final LocaleResolver languages;
  private final ObjectMapper json = new ObjectMapper();

  public PublicRequestFilter(RateLimiter intakes, RateLimiter uploads, RateLimiter actions, long maxFormBytes,
      long maxUploadBytes, MessageSource messages, LocaleResolver languages) {
    this.intakes = intakes;
    this.uploads = uploads;
    this.actions = actions;
    this.maxFormBytes = maxFormBytes;
    this.maxUploadBytes = maxUploadBytes;
    this.messages = messages;
    this.languages = languages;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || kind(path(request)).isEmpty();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = path(request);
    Kind kind = kind(path).orElseThrow();
    long length = request.getContentLengthLong();
    if (length < 0) {
      refuse(request, response, HttpStatus.LENGTH_REQUIRED, "error.411");
      return;
    }
    if (length > (kind == Kind.UPLOAD ? maxUploadBytes : maxFormBytes)) {
      refuse(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "error.413");
      return;
    }
    RateLimiter limiter = switch (kind) {
      case INTAKE -> intakes;
      case UPLOAD -> uploads;
      case CLIENT_ACTION -> actions;
    };
    Optional<Duration> wait = limiter.acquire(ClientAddresses.key(request.getRemoteAddr()));
    if (wait.isPresent()) {
      response.setHeader("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
      refuse(request, response, HttpStatus.TOO_MANY_REQUESTS, "error.429");
      return;
    }
    chain.doFilter(request, response);
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code)
      throws IOException {
    if (path(request).startsWith("/api/")) {
      Locale locale = languages.resolveLocale(request);
      response.setStatus(status.value());
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setCharacterEncoding("UTF-8");
      json.writeValue(response.getOutputStream(), Map.of("errors",
          List.of(Map.of("field", "body", "message", messages.getMessage(code, null, locale)))));
    } else {
      response.sendError(status.value());
    }
  }

  /** The path as the controllers see it: decoded and normalised, so {@code /api/%69ntake} is the intake too. */
  private static String path(HttpServletRequest request) {
    return PATHS.getPathWithinApplication(request);
  }

  private static Optional<Kind> kind(String path) {
    if (path.equals("/api/intake") || path.equals("/intake")) {
      return Optional.of(Kind.INTAKE);
    }
    if (path.startsWith("/c/")) {
      return Optional.of(path.endsWith("/documents") ? Kind.UPLOAD : Kind.CLIENT_ACTION);
    }
    return Optional.empty();
  }

  private enum Kind { INTAKE, UPLOAD, CLIENT_ACTION }
}
