package mx.permiso.engine;

import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/**
 * The engine's user directory with the password check asking the {@link PasswordChecks} first
 * and telling it the outcome; users, groups and everything else as the engine keeps them.
 */
class ThrottledIdentityProvider extends DbIdentityServiceProvider {

  private final PasswordChecks throttle;

  ThrottledIdentityProvider(PasswordChecks throttle) {
    this.throttle = throttle;
  }

  @Override
  public boolean checkPassword(String userId, String password) {
    if (throttle.refused(userId)) {
      return false;
    }
    UserEntity user = userId == null ? null : findUserById(userId);
    if (user == null || password == null) {
      throttle.failed(userId, false);
      return false;
    }
    if (!matchPassword(password, user)) {
      throttle.failed(userId, true);
      return false;
    }
    // Clears a lock the engine itself set before this check replaced it (a database from an earlier version).
    unlockUser(user);
    throttle.succeeded(userId);
    return true;
  }
}
