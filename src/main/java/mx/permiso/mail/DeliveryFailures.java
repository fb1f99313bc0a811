package mx.permiso.mail;

import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes an email that could not be delivered visible to staff: an incident on the case's
 * process instance in Cockpit (while the case runs), besides the failed row in the case's
 * communication log.
 */
@Component
public class DeliveryFailures {

  public static final String INCIDENT_TYPE = "mailDelivery";

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryFailures.class);

  private final RuntimeService runtime;

  public DeliveryFailures(RuntimeService runtime) {
    this.runtime = runtime;
  }

  public void report(OutboxMessage message, int attempts, String reason) {
    if (message.processInstanceId() == null
        || runtime.createProcessInstanceQuery().processInstanceId(message.processInstanceId()).count() == 0) {
      return;
    }
    try {
      runtime.createIncident(INCIDENT_TYPE, message.processInstanceId(), message.dedupeKey(),
          "Email \"" + message.subject() + "\" to " + message.recipient() + " could not be delivered after "
              + attempts + " attempt(s): " + reason + ". Correct the address or the mail server, then resend it "
              + "from the case's communication log.");
    } catch (RuntimeException e) {
      LOG.warn("Could not raise an incident for the undelivered email {} of case {}: {}", message.noticeType(),
          message.caseNumber(), e.getMessage());
    }
  }
}
