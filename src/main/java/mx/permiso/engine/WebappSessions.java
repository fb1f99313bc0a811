package mx.permiso.engine;

import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/** Who is logged in to the Camunda web apps (Cockpit, Tasklist, Admin) in an HTTP session. */
public final class WebappSessions {

  private WebappSessions() {
  }

  /** The user id the web apps logged in on this engine in the session, if any. */
  public static Optional<String> loggedInUser(HttpSession session, String engineName) {
    return AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine(engineName)
        instanceof UserAuthentication user ? Optional.of(user.getIdentityId()) : Optional.empty();
  }
}
