package mx.permiso.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses writes (POST, PUT, PATCH, DELETE) that a browser sends from another site's page. A browser
 * adds HTTP Basic credentials it remembers, and the web apps' session cookie, to a cross-site form post
 * too, so a page elsewhere could otherwise act as a logged-in member of staff. Browsers name the page's
 * site in {@code Origin} (or, failing that, {@code Referer}); a write naming any site but this app's own
 * address (as requested, or its configured public address) gets 403 before anything runs. Requests
 * naming no site at all (scripts, other servers) are not from a browser page and pass.
 */
public class SameOriginWrites extends OncePerRequestFilter {

  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final String publicOrigin;

  public SameOriginWrites(String publicBaseUrl) {
    this.publicOrigin = origin(publicBaseUrl).orElse(null);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (WRITES.contains(request.getMethod()) && isForeign(request)) {
      // The reason in the body, in the staff API's error form: a 403 alone would look like missing rights.
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType("application/json;charset=UTF-8");
      response.getWriter().write("{\"errors\":[{\"field\":\"Origin\",\"message\":\"Changes are accepted only from "
          + "this application's own pages, not from another site's.\"}]}");
      return;
    }
    chain.doFilter(request, response);
  }

  private boolean isForeign(HttpServletRequest request) {
    String named = request.getHeader("Origin");
    if (named == null) {
      named = request.getHeader("Referer");
    }
    if (named == null) {
      return false;
    }
    // "null" (a sandboxed or file page) or anything unreadable is not this site.
    Optional<String> origin = origin(named);
    return origin.isEmpty() || !(origin.get().equals(ownOrigin(request)) || origin.get().equals(publicOrigin));
  }

  private static String ownOrigin(HttpServletRequest request) {
    return origin(request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort()).orElseThrow();
  }

  /** scheme://host:port, lower case, with the scheme's default port written out so both forms compare equal. */
  static Optional<String> origin(String url) {
    try {
      URI uri = URI.create(url.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return Optional.empty();
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
      return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
