package mx.permiso.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.stereotype.Component;

/**
 * Puts every password check of the engine behind the login throttle ({@link PasswordChecks}), in place of the
 * engine's own lock. The web apps' login, the REST API and the application's endpoints all check
 * passwords with {@code IdentityService.checkPassword}, so this is the one place they share.
 *
 * <p>The engine's lock (after {@code loginMaxAttempts} failures a user is locked until an
 * administrator unlocks them, with a growing per-user delay before) let any stranger lock out
 * any user, administrators included, by guessing names: it is neither consulted nor written.
 */
@Component
public class ThrottledLogins extends AbstractProcessEnginePlugin {

  private final PasswordChecks throttle;

  public ThrottledLogins(PasswordChecks throttle) {
    this.throttle = throttle;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setIdentityProviderSessionFactory(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return ThrottledIdentityProvider.class;
      }

      @Override
      public Session openSession() {
        return new ThrottledIdentityProvider(throttle);
      }
    });
  }
}
