package mx.permiso.security;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.LocaleResolver;

/** The public surface's limits, applied before security and before any body is read. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AbuseSettings.class)
public class AbuseConfiguration {

  @Bean
  FilterRegistrationBean<PublicRequestFilter> publicRequestFilter(AbuseSettings settings, Clock clock,
      @Value("${spring.servlet.multipart.max-request-size}") DataSize maxUpload, MessageSource messages,
      LocaleResolver localeResolver) {
    PublicRequestFilter filter = new PublicRequestFilter(
        new RateLimiter(settings.intakesPerAddress(), settings.window(), settings.trackedAddresses(), clock),
        new RateLimiter(settings.uploadsPerAddress(), settings.window(), settings.trackedAddresses(), clock),
        new RateLimiter(settings.actionsPerAddress(), settings.window(), settings.trackedAddresses(), clock),
        settings.maxFormSize().toBytes(), maxUpload.toBytes(), messages, localeResolver);
    FilterRegistrationBean<PublicRequestFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
    registration.addUrlPatterns("/api/intake", "/intake", "/c/*");
    return registration;
  }

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> requestBodyGuard(AbuseSettings settings) {
    // In Tomcat, before every filter, the web apps' included: an extra request is refused before anything reads it.
    return factory -> factory.addContextValves(
        new RequestBodyGuard(settings.bodiesInProgressPerAddress(), settings.bodyDeadline()));
  }
}
