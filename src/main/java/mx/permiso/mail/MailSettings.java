package mx.permiso.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How client email goes out ({@code permiso.mail.*}); the SMTP server itself is Spring's
 * {@code spring.mail.*}; how clients reach the firm is {@code permiso.firm.*} ({@link mx.permiso.firm.FirmSettings}).
 *
 * @param from sender address of every email
 * @param staffAddress the firm's shared inbox, copied on late-return warnings and alerted at once to every emergency
 *     intake (case number, flight date, reason); empty: neither is sent
 * @param maxAttempts delivery attempts before a message is marked failed (and an incident raised)
 * @param firstRetryAfter wait before the second attempt; doubles each time
 * @param maxRetryAfter longest wait between attempts
 * @param batchSize messages a dispatcher takes per round, sent over one SMTP connection
 * @param lease how long a dispatcher holds the messages it took before others may take them (it sends during the
 *     first half): the emails of a node that dies wait this long for another
 * @param dispatchInterval pause between dispatcher rounds (every node runs one); none while rounds find a full batch waiting
 * @param dispatchDelay how long the dispatcher waits, once a step of this node has written an email,
 *     before it takes what is due: the emails of the steps committed meanwhile go in the same round
 */
@ConfigurationProperties("permiso.mail")
public record MailSettings(
    String from,
    String staffAddress,
    int maxAttempts,
    Duration firstRetryAfter,
    Duration maxRetryAfter,
    int batchSize,
    Duration lease,
    Duration dispatchInterval,
    Duration dispatchDelay) {

  /** Wait before attempt number {@code attempts + 1}, after {@code attempts} failures. */
  public Duration retryAfter(int attempts) {
    Duration wait = firstRetryAfter.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
    return wait.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : wait;
  }
}
