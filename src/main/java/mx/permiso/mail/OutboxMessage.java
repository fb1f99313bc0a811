package mx.permiso.mail;

import java.time.Instant;

/** A row of the outbox. */
public record OutboxMessage(long id, String dedupeKey, String caseNumber, String processInstanceId, String noticeType,
                            String language, String recipient, String subject, String text, String html,
                            Outbox.Status status, int attempts, Instant nextAttemptAt, String lastError,
                            Instant createdAt, Instant sentAt) {
}
