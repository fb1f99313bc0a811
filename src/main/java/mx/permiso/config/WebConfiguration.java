package mx.permiso.config;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

/** Web settings of the client's pages, the public API and the web apps' resources. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

  /** Named so, it replaces Spring Boot's resolver: pages and API answers speak English or Spanish. */
  @Bean
  LocaleResolver localeResolver() {
    return new ClientLanguageResolver();
  }

  /** Tasklist's and Cockpit's plugin scripts served in the packaged application too ({@link ManifestClassPathResources}). */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> manifestClassPathResources() {
    return factory -> factory.addContextCustomizers(ManifestClassPathResources::addTo);
  }
}
