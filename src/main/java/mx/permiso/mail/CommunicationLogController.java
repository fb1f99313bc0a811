package mx.permiso.mail;

import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** What was sent to a client, when, and how it went: the case's communication log, for staff. */
@RestController
public class CommunicationLogController {

  private final Outbox outbox;

  public CommunicationLogController(Outbox outbox) {
    this.outbox = outbox;
  }

  @GetMapping("/api/cases/{caseNumber}/communications")
  public List<Entry> communications(@PathVariable String caseNumber) {
    return outbox.forCase(caseNumber).stream()
        .map(message -> new Entry(message.noticeType(), message.language(), message.recipient(), message.subject(),
            message.status().name(), message.attempts(), message.createdAt(), message.sentAt(),
            message.nextAttemptAt(), message.lastError()))
        .toList();
  }

  /** One email of the case. */
  public record Entry(String type, String language, String recipient, String subject, String status, int attempts,
                      Instant createdAt, Instant sentAt, Instant nextAttemptAt, String lastError) {
  }
}
