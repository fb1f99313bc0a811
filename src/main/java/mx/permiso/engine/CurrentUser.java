package mx.permiso.engine;

import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineServices;

/** The user the engine's current command runs for (the signed-in staff member); empty for timers and jobs. */
public final class CurrentUser {

  private CurrentUser() {
  }

  public static Optional<String> of(ProcessEngineServices engine) {
    // The engine's public API hands out its internal Authentication class; it stays in this package.
    var authentication = engine.getIdentityService().getCurrentAuthentication();
    return Optional.ofNullable(authentication == null ? null : authentication.getUserId());
  }
}
