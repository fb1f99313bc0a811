package mx.permiso.mail;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Client email settings and the dispatcher's schedule (switched off in tests that run it by hand). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailSettings.class)
class MailConfiguration {

  @Configuration(proxyBeanMethods = false)
  @EnableScheduling
  @ConditionalOnProperty(name = "permiso.mail.dispatcher-enabled", havingValue = "true", matchIfMissing = true)
  static class DispatchSchedule {

    private final MailDispatcher dispatcher;

    DispatchSchedule(MailDispatcher dispatcher) {
      this.dispatcher = dispatcher;
    }

    @Scheduled(fixedDelayString = "${permiso.mail.dispatch-interval}", initialDelayString = "${permiso.mail.dispatch-interval}")
    void dispatch() {
      dispatcher.dispatchDue();
    }
  }
}
