package mx.permiso.mail;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mx.permiso.cases.StaffApi;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What was sent to a client, when, and how it went: the case's communication log, for staff; and
 * {@code POST .../emails/{id}/resend}, which sends one of its emails again ({@link EmailResends}).
 */
@RestController
@StaffApi
public class CommunicationLogController {

  private final Outbox outbox;
  private final OutboxComposer emails;
  private final EmailResends resends;

  public CommunicationLogController(Outbox outbox, OutboxComposer emails, EmailResends resends) {
    this.outbox = outbox;
    this.emails = emails;
    this.resends = resends;
  }

  @GetMapping("/api/cases/{caseNumber}/communications")
  public List<Entry> communications(@PathVariable String caseNumber) {
    Map<Long, Long> resent = outbox.resendsOf(caseNumber);
    // An email not sent yet is written for reading from its step's facts (ADR 015).
    return emails.forCase(caseNumber).stream().map(message -> entry(message, resent.get(message.id()))).toList();
  }

  @PostMapping("/api/cases/{caseNumber}/emails/{id}/resend")
  public ResponseEntity<Entry> resend(@PathVariable String caseNumber, @PathVariable long id, Principal staff) {
    OutboxMessage copy = resends.resend(caseNumber, id, staff.getName());
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(entry(emails.readable(copy), id));
  }

  private static Entry entry(OutboxMessage message, Long resendOf) {
    return new Entry(message.id(), message.noticeType(), message.language(), message.recipient(), message.subject(),
        message.status().name(), message.attempts(), message.createdAt(), message.sentAt(), message.nextAttemptAt(),
        message.lastError(), resendOf);
  }

  /** One email of the case; {@code resendOf}: the email it sends again, if it is a resend. */
  public record Entry(long id, String type, String language, String recipient, String subject, String status,
                      int attempts, Instant createdAt, Instant sentAt, Instant nextAttemptAt, String lastError,
                      Long resendOf) {
  }
}
