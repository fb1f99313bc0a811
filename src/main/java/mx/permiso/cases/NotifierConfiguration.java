package mx.permiso.cases;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;

/**
 * Until client communication is wired to email, notices are written to the log (case number
 * and type only: no personal data in logs). Any other {@link ClientNotifier} bean replaces it.
 */
@Configuration(proxyBeanMethods = false)
class NotifierConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(NotifierConfiguration.class);

  @Bean
  @Fallback
  ClientNotifier loggingClientNotifier() {
    return notice -> LOG.info("Notice {} for case {}", notice.type(), notice.caseNumber());
  }
}
