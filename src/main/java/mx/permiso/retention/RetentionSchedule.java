package mx.permiso.retention;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Runs the purge every night (switched off in tests that run it by hand). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "permiso.retention.enabled", havingValue = "true", matchIfMissing = true)
class RetentionSchedule {

  private final CaseRetention retention;

  RetentionSchedule(CaseRetention retention) {
    this.retention = retention;
  }

  @Scheduled(cron = "${permiso.retention.cron}", zone = "${permiso.business-time-zone}")
  void purge() {
    retention.purgeExpired();
  }
}
