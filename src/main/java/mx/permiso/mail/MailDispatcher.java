package mx.permiso.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends what waits in the outbox over SMTP and records the outcome. Safe to run on every node at
 * once: each round takes messages no other dispatcher holds, and sends only during the first half
 * of its lease on them, so no other node takes them while one is still being sent. It sends over one
 * SMTP connection and records each email as sent (one committed update) before the next goes, so a
 * node that dies leaves at most one accepted email unrecorded (ADR 006); while rounds find a full batch
 * waiting, the next starts at once, over the same connection. A failed attempt is retried later,
 * waiting longer each time; after the last attempt, or at once for an address that can never
 * work, the message is marked failed and staff see an incident on the case in Cockpit. An email its
 * step left as facts is written just before it is sent (ADR 015); a template that cannot write it
 * is a failed attempt like any other, and the round goes on with the next.
 */
@Component
public class MailDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(MailDispatcher.class);
  private static final Pattern ADDRESS = Pattern.compile("[^\\s<>()\\[\\],;:\"'`]+@[^\\s<>()\\[\\],;:\"'`]*");

  private final Outbox outbox;
  private final ObjectProvider<JavaMailSender> senders;
  private final MailSettings settings;
  private final Clock clock;
  private final DeliveryFailures failures;
  private final OutboxComposer composer;
  private final AtomicBoolean toldNoSmtp = new AtomicBoolean();

  public MailDispatcher(Outbox outbox, ObjectProvider<JavaMailSender> senders, MailSettings settings, Clock clock,
      DeliveryFailures failures, OutboxComposer composer) {
    this.composer = composer;
    this.outbox = outbox;
    this.senders = senders;
    this.settings = settings;
    this.clock = clock;
    this.failures = failures;
  }

  /**
   * Sends what is due: a round of up to the batch size, then at once the next while a round found
   * a full batch and got some of it out (a backlog drains at the server's pace, not one batch per
   * interval; a server that refuses everything waits for the next interval). Returns how many were sent.
   */
  public int dispatchDue() {
    return dispatchDue(() -> !Thread.currentThread().isInterrupted());
  }

  /** As {@link #dispatchDue()}, starting another round only while {@code goOn} says so. */
  public int dispatchDue(BooleanSupplier goOn) {
    JavaMailSender sender = senders.getIfAvailable();
    if (sender == null) {
      if (toldNoSmtp.compareAndSet(false, true)) {
        LOG.warn("Email is not being sent: no SMTP server is configured (SPRING_MAIL_HOST). "
            + "Messages wait in the outbox and go out once one is.");
      }
      return 0;
    }
    int sent = 0;
    // One connection for the rounds that follow each other: a new one costs the server's greeting and
    // EHLO (and, with TLS and an account, a handshake and a login) for every batch of a backlog.
    try (SmtpConnection smtp = new SmtpConnection(sender)) {
      Round round;
      do {
        round = round(sender, smtp);
        sent += round.sent();
      } while (round.claimed() == settings.batchSize() && round.sent() > 0 && goOn.getAsBoolean());
    }
    return sent;
  }

  /** Takes up to the batch size and sends them over the connection during the first half of the lease. */
  private Round round(JavaMailSender sender, SmtpConnection smtp) {
    Instant claimed = clock.instant();
    List<OutboxMessage> due = outbox.claim(settings.batchSize(), claimed, settings.lease());
    // One look for files per round: most emails have none, and each look would be a round trip of its own.
    Set<Long> withFiles = due.isEmpty() ? Set.of() : outbox.withAttachments(due.stream().map(OutboxMessage::id).toList());
    // Once the lease ends another node may take the same messages: stop halfway and let the rest go.
    Instant sendUntil = claimed.plus(settings.lease().dividedBy(2));
    int sent = 0;
    for (int next = 0; next < due.size(); next++) {
      if (!clock.instant().isBefore(sendUntil)) {
        List<OutboxMessage> left = due.subList(next, due.size());
        outbox.release(left.stream().map(OutboxMessage::id).toList());
        LOG.info("Half the outbox lease used up: {} email(s) left for the next round", left.size());
        break;
      }
      if (send(sender, smtp, due.get(next), withFiles.contains(due.get(next).id()))) {
        sent++;
      }
    }
    return new Round(due.size(), sent);
  }

  /** What a round did: messages taken, messages the server accepted. */
  private record Round(int claimed, int sent) {
  }

  private boolean send(JavaMailSender sender, SmtpConnection smtp, OutboxMessage message, boolean hasFiles) {
    try (var caseInLog = org.slf4j.MDC.putCloseable("caseNumber", message.caseNumber())) {
      // The files stored so far (its step's, or all of them for an email written before); writing it adds its own.
      List<ComposedMail.Attachment> files = new ArrayList<>(hasFiles ? outbox.attachments(message.id()) : List.of());
      OutboxComposer.Ready ready = composer.composeIfNeeded(message);
      message = ready.message();
      files.addAll(ready.writtenFiles());
      MimeMessage mime = sender.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
      helper.setFrom(settings.from());
      helper.setTo(new InternetAddress(message.recipient(), true));
      helper.setSubject(message.subject());
      helper.setText(message.text(), message.html());
      for (ComposedMail.Attachment attachment : files) {
        helper.getRootMimeMultipart().addBodyPart(attachmentPart(attachment));
      }
      mime.setHeader("X-Permiso-Case", message.caseNumber());
      mime.setHeader("X-Permiso-Message", message.dedupeKey());
      smtp.send(mime);
      if (ready.writtenNow() == null) {
        outbox.markSent(message.id(), clock.instant());
      } else {
        outbox.markSent(message.id(), clock.instant(), ready.writtenNow());
      }
      return true;
    } catch (MessagingException | MailException | OutboxComposer.EmailNotComposed e) {
      failed(message, e);
      return false;
    }
  }

  /** Files go base64-encoded, so they arrive byte for byte (no line-ending rewriting of text-like content). */
  private static MimeBodyPart attachmentPart(ComposedMail.Attachment attachment) throws MessagingException {
    MimeBodyPart part = new MimeBodyPart();
    part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.content(), attachment.contentType())));
    part.setFileName(attachment.fileName());
    part.setDisposition(Part.ATTACHMENT);
    part.setHeader("Content-Transfer-Encoding", "base64");
    return part;
  }

  private void failed(OutboxMessage message, Exception error) {
    int attempts = message.attempts() + 1;
    boolean permanent = isPermanent(error);
    String reason = describe(error);
    if (permanent || attempts >= settings.maxAttempts()) {
      outbox.markAttemptFailed(message.id(), reason, null);
      LOG.warn("Email {} of case {} failed for good after {} attempt(s): {}", message.noticeType(),
          message.caseNumber(), attempts, withoutAddresses(reason));
      failures.report(message, attempts, reason);
    } else {
      Instant retryAt = clock.instant().plus(settings.retryAfter(attempts));
      outbox.markAttemptFailed(message.id(), reason, retryAt);
      LOG.info("Email {} of case {} not sent (attempt {}), retrying at {}: {}", message.noticeType(),
          message.caseNumber(), attempts, retryAt, withoutAddresses(reason));
    }
  }

  /**
   * The reason as it may go to the log: servers quote the refused address, which is the client's
   * personal data (staff read the full reason in the communication log and the incident).
   */
  static String withoutAddresses(String reason) {
    return reason == null ? null : ADDRESS.matcher(reason).replaceAll("<address>");
  }

  /** An address that cannot be parsed, or one the server refuses outright (5xx), will never work. */
  static boolean isPermanent(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof AddressException) {
        return true;
      }
      if (cause instanceof SMTPAddressFailedException refused && refused.getReturnCode() >= 500) {
        return true;
      }
      if (cause instanceof MailSendException send) {
        for (Exception failed : send.getFailedMessages().values()) {
          if (failed != cause && isPermanent(failed)) {
            return true;
          }
        }
      }
      if (cause instanceof SendFailedException failed && failed.getNextException() != null
          && failed.getNextException() != cause && isPermanent(failed.getNextException())) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.strip();
  }
}
