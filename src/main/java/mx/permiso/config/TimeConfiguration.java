package mx.permiso.config;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's clock (UTC; tests replace it) and the zone the firm and its clients live in. */
@Configuration(proxyBeanMethods = false)
public class TimeConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** America/Mexico_City unless configured otherwise: the zone for office hours, reminders and dates shown. */
  @Bean
  ZoneId businessZone(@Value("${permiso.business-time-zone}") String zone) {
    return ZoneId.of(zone);
  }
}
