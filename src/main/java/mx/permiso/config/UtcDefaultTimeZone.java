package mx.permiso.config;

import java.util.TimeZone;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Pins the JVM's default time zone to UTC before anything else starts, so the engine stores
 * every timestamp (timers, due dates, history) in UTC whatever the host's zone is. People see
 * times in the business zone ({@code permiso.business-time-zone}), converted where shown.
 */
public class UtcDefaultTimeZone implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
  }
}
