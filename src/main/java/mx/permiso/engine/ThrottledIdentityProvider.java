package mx.permiso.engine;

import mx.permiso.security.CallerAddress;
import mx.permiso.security.LoginThrottle;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

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
    String address = CallerAddress.current();
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
}
