package mx.permiso.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

/** Web settings of the client's pages and the public API. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

  /** Named so, it replaces Spring Boot's resolver: pages and API answers speak English or Spanish. */
  @Bean
  LocaleResolver localeResolver() {
    return new ClientLanguageResolver();
  }
}
