package mx.permiso.engine;

import jakarta.servlet.http.HttpServletRequest;
import mx.permiso.security.LoginThrottle;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The engine's user directory with the password check asking the {@link LoginThrottle} first
 * and telling it the outcome; users, groups and everything else as the engine keeps them.
 */
class ThrottledIdentityProvider extends DbIdentityServiceProvider {

  private final LoginThrottle throttle;

  ThrottledIdentityProvider(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  public boolean checkPassword(String userId, String password) {
    String address = callerAddress();
    if (throttle.refusal(userId, address).isPresent()) {
      return false;
    }
    UserEntity user = userId == null ? null : findUserById(userId);
    if (user == null || password == null) {
      throttle.failed(userId, address, false);
      return false;
    }
    if (!matchPassword(password, user)) {
      throttle.failed(userId, address, true);
      return false;
    }
    // Clears a lock the engine itself set before this check replaced it (a database from an earlier version).
    unlockUser(user);
    throttle.succeeded(userId, address);
    return true;
  }

  /**
   * The address of the request being served: Spring's request context is set for every servlet
   * (the REST API, the web apps, the application's own), before security.
   */
  private static String callerAddress() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
      HttpServletRequest request = attributes.getRequest();
      return request.getRemoteAddr();
    }
    return null;
  }
}
