package mx.permiso.mail;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
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
    ActivityInstance tree = message.processInstanceId() == null ? null
        : runtime.getActivityInstance(message.processInstanceId());
    if (tree == null) {
      return;  // the case has ended: the failed row in its communication log is what staff see
    }
    try {
      // An incident belongs to an execution at a step: the step the case waits at now.
      runtime.createIncident(INCIDENT_TYPE, waitingExecution(tree), message.dedupeKey(),
          "Email \"" + (message.subject() == null ? message.noticeType() : message.subject()) + "\" to "
              + message.recipient() + " could not be delivered after "
              + attempts + " attempt(s): " + reason + ". Correct the address or the mail server, then resend it "
              + "from the case's communication log.");
    } catch (RuntimeException e) {
      LOG.warn("Could not raise an incident for the undelivered email {} of case {}: {}", message.noticeType(),
          message.caseNumber(), e.getMessage());
    }
  }

  private static String waitingExecution(ActivityInstance instance) {
    ActivityInstance current = instance;
    while (current.getChildActivityInstances().length > 0) {
      current = current.getChildActivityInstances()[0];
    }
    return current.getExecutionIds()[0];
  }
}
