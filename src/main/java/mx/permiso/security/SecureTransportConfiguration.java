package mx.permiso.security;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** HSTS and Secure cookies on every answer over HTTPS ({@link SecureTransportFilter}). */
@Configuration(proxyBeanMethods = false)
public class SecureTransportConfiguration {

  @Bean
  FilterRegistrationBean<SecureTransportFilter> secureTransportFilter() {
    FilterRegistrationBean<SecureTransportFilter> registration = new FilterRegistrationBean<>(new SecureTransportFilter());
    // Outside every filter that may set a cookie: Spring Security's and the web apps' own.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    registration.addUrlPatterns("/*");
    return registration;
  }
}
