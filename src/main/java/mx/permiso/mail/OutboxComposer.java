package mx.permiso.mail;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes the emails steps left in the outbox as facts (ADR 015): when the dispatcher takes one to
 * send, and for staff to read before then (the case page, the communication log).
 */
@Component
public class OutboxComposer {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxComposer.class);

  private final MailComposer composer;
  private final Outbox outbox;

  public OutboxComposer(MailComposer composer, Outbox outbox) {
    this.composer = composer;
    this.outbox = outbox;
  }

  /**
   * The message ready to send: as it is when it has its text (written by its step before ADR 015, a
   * resend), else written now from its facts. Nothing is stored here: the dispatcher stores what it
   * wrote with its record of the email sent ({@link Outbox#markSent(long, java.time.Instant, ComposedMail)}).
   *
   * @throws EmailNotComposed when the firm's template cannot write it: a failed attempt, like a refused one
   */
  public Ready composeIfNeeded(OutboxMessage message) {
    if (!message.toCompose()) {
      return new Ready(message, null);
    }
    ComposedMail mail;
    try {
      mail = compose(message);
    } catch (EmailNotComposed e) {
      LOG.warn("Email {} of case {} could not be written", message.noticeType(), message.caseNumber(),
          e.getSuppressed().length > 0 ? e.getSuppressed()[0] : e);
      throw e;
    }
    return new Ready(message.composed(mail), mail);
  }

  /** A message with its text, and the email written for it just now (null when it had its text already). */
  public record Ready(OutboxMessage message, ComposedMail writtenNow) {

    /** The files writing it added: to send with those stored before. */
    public List<ComposedMail.Attachment> writtenFiles() {
      return writtenNow == null ? List.of() : writtenNow.attachments();
    }
  }

  /** The case's emails, oldest first, those not sent yet written for reading (nothing is stored). */
  public List<OutboxMessage> forCase(String caseNumber) {
    return outbox.forCase(caseNumber).stream().map(this::readable).toList();
  }

  /** The message with its text, written now if it has none yet; as it is when its template fails (its last error says why). */
  public OutboxMessage readable(OutboxMessage message) {
    if (!message.toCompose()) {
      return message;
    }
    try {
      return message.composed(compose(message));
    } catch (EmailNotComposed e) {
      return message;
    }
  }

  private ComposedMail compose(OutboxMessage message) {
    try {
      StoredNotice stored = StoredNotice.read(message.facts());
      return composer.compose(stored.notice(message), message.language(), stored.at());
    } catch (RuntimeException e) {
      throw EmailNotComposed.of(message, e);
    }
  }

  /**
   * The firm's template could not write the email from its facts: the reason reads on its own (the
   * dispatcher records the innermost cause of a failure, so the original is kept as suppressed, not as cause).
   */
  public static final class EmailNotComposed extends RuntimeException {

    private EmailNotComposed(String message) {
      super(message);
    }

    static EmailNotComposed of(OutboxMessage message, RuntimeException error) {
      Throwable root = error;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String detail = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
      if (root != error && root.getMessage() != null && !detail.contains(root.getMessage())) {
        detail += ": " + root.getMessage();
      }
      EmailNotComposed failure = new EmailNotComposed("The email could not be written from the firm's template "
          + "mail/" + message.language() + "/" + message.noticeType() + ".txt: " + detail.strip());
      failure.addSuppressed(error);
      return failure;
    }
  }
}
