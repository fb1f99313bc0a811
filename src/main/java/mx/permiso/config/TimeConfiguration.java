package mx.permiso.config;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import mx.permiso.cases.Fees;
import mx.permiso.deadlines.DeadlineSettings;
import mx.permiso.engine.EngineClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's clock (the engine's, in UTC) and the zone the firm and its clients live in. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DeadlineSettings.class, Fees.class})
public class TimeConfiguration {

  @Bean
  Clock clock() {
    return new EngineClock(ZoneOffset.UTC);
  }

  /** America/Mexico_City unless configured otherwise: the zone for office hours, reminders and dates shown. */
  @Bean
  ZoneId businessZone(@Value("${permiso.business-time-zone}") String zone) {
    return ZoneId.of(zone);
  }
}
