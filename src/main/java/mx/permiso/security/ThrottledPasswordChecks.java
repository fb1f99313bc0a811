package mx.permiso.security;

import mx.permiso.engine.PasswordChecks;
import org.springframework.stereotype.Component;

/** The engine's password checks go through the {@link LoginThrottle}, counted by the caller's address. */
@Component
class ThrottledPasswordChecks implements PasswordChecks {

  private final LoginThrottle throttle;

  ThrottledPasswordChecks(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  public boolean refused(String userId) {
    return throttle.refusal(userId, CallerAddress.current()).isPresent();
  }

  @Override
  public void failed(String userId, boolean userExists) {
    throttle.failed(userId, CallerAddress.current(), userExists);
  }

  @Override
  public void succeeded(String userId) {
    throttle.succeeded(userId, CallerAddress.current());
  }
}
