package mx.permiso.mail;

import java.time.Instant;

/**
 * A row of the outbox. {@code facts}: what its step knew (ADR 015), from which the dispatcher writes
 * {@code subject}, {@code text} and {@code html} when it sends the email; those are null until then.
 */
public record OutboxMessage(long id, String dedupeKey, String caseNumber, String processInstanceId, String noticeType,
                            String language, String recipient, String subject, String text, String html,
                            Outbox.Status status, int attempts, Instant nextAttemptAt, String lastError,
                            Instant createdAt, Instant sentAt, String facts) {

  /** A row written in full by its step. */
  public OutboxMessage(long id, String dedupeKey, String caseNumber, String processInstanceId, String noticeType,
      String language, String recipient, String subject, String text, String html, Outbox.Status status, int attempts,
      Instant nextAttemptAt, String lastError, Instant createdAt, Instant sentAt) {
    this(id, dedupeKey, caseNumber, processInstanceId, noticeType, language, recipient, subject, text, html, status,
        attempts, nextAttemptAt, lastError, createdAt, sentAt, null);
  }

  /** Whether the email is still to be written from its facts. */
  public boolean toCompose() {
    return text == null && facts != null;
  }

  /** The same row with its email written. */
  OutboxMessage composed(ComposedMail mail) {
    return new OutboxMessage(id, dedupeKey, caseNumber, processInstanceId, noticeType, language, recipient,
        mail.subject(), mail.text(), mail.html(), status, attempts, nextAttemptAt, lastError, createdAt, sentAt, facts);
  }
}
