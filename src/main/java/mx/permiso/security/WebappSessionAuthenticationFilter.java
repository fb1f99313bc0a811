package mx.permiso.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import mx.permiso.engine.WebappSessions;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets staff who are logged in to the Camunda web apps open what the staff API serves by GET
 * (such as a client's document linked from a Tasklist form) without logging in again. Reading
 * only: a session cookie is what a cross-site request could ride on, so changes still need
 * HTTP Basic; except where every change carries a CSRF token checked before this filter
 * ({@link #withForms}: the case page's forms). Groups are read afresh from the engine, not from the
 * web apps' cache.
 */
public class WebappSessionAuthenticationFilter extends OncePerRequestFilter {

  private final String engineName;
  private final IdentityServiceAuthenticationProvider users;
  private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

  private final boolean forms;

  public WebappSessionAuthenticationFilter(String engineName, IdentityServiceAuthenticationProvider users) {
    this(engineName, users, false);
  }

  private WebappSessionAuthenticationFilter(String engineName, IdentityServiceAuthenticationProvider users,
      boolean forms) {
    this.engineName = engineName;
    this.users = users;
    this.forms = forms;
  }

  /** Also for changes: only in a chain whose CSRF protection checks every change first. */
  public static WebappSessionAuthenticationFilter withForms(String engineName,
      IdentityServiceAuthenticationProvider users) {
    return new WebappSessionAuthenticationFilter(engineName, users, true);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    boolean admitted = forms || "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    Optional<String> user = admitted && session != null && contexts.getContext().getAuthentication() == null
        ? WebappSessions.loggedInUser(session, engineName) : Optional.empty();
    if (user.isPresent()) {
      SecurityContext context = contexts.createEmptyContext();
      context.setAuthentication(users.authenticated(user.get()));
      contexts.setContext(context);
    }
    chain.doFilter(request, response);
  }
}
