package mx.permiso.security;

import java.time.Clock;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
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

  @Bean
  FilterRegistrationBean<CallerAddress> callerAddress() {
    FilterRegistrationBean<CallerAddress> registration = new FilterRegistrationBean<>(new CallerAddress());
    // After a proxy's forwarded headers are applied, before security checks any password.
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 5);
    registration.addUrlPatterns("/*");
    return registration;
  }
}
