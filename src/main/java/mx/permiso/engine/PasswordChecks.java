package mx.permiso.engine;

/**
 * What the engine asks before it checks a password, and tells after: the login throttle
 * ({@code mx.permiso.security.LoginThrottle}), for the caller of the current request.
 */
public interface PasswordChecks {

  /** Whether a check for this user is refused now, whatever the password. */
  boolean refused(String userId);

  void failed(String userId, boolean userExists);

  void succeeded(String userId);
}
