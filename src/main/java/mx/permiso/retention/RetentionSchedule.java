package mx.permiso.retention;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the purge every night, unless {@code permiso.retention.enabled} is false (tests that run it by hand);
 * read at start, not as a condition: the packaged application's beans are fixed when it is built (ADR 016).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RetentionSchedule {

  private final CaseRetention retention;
  private final boolean enabled;

  RetentionSchedule(CaseRetention retention, @Value("${permiso.retention.enabled:true}") boolean enabled) {
    this.retention = retention;
    this.enabled = enabled;
  }

  @Scheduled(cron = "${permiso.retention.cron}", zone = "${permiso.business-time-zone}")
  void purge() {
    if (enabled) {
      retention.purgeExpired();
    }
  }
}
