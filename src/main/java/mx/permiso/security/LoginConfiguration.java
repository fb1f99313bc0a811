package mx.permiso.security;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The login throttle every password check goes through (applied in the engine, {@code mx.permiso.engine}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoginSettings.class)
public class LoginConfiguration {

  @Bean
  LoginThrottle loginThrottle(LoginSettings settings, Clock clock) {
    return new LoginThrottle(settings, clock);
  }
}
