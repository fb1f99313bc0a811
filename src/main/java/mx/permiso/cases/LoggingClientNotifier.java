package mx.permiso.cases;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Until client communication is wired to email, notices are written to the log (case number
 * and type only: no personal data in logs).
 */
@Configuration(proxyBeanMethods = false)
class LoggingClientNotifier {

  private static final Logger LOG = LoggerFactory.getLogger(LoggingClientNotifier.class);

  @Bean
  @ConditionalOnMissingBean(ClientNotifier.class)
  ClientNotifier loggingClientNotifier() {
    return notice -> LOG.info("Notice {} for case {}", notice.type(), notice.caseNumber());
  }
}
