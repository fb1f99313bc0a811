package mx.permiso.mail;

import mx.permiso.cases.ClientNotifier;
import mx.permiso.cases.Notice;
import mx.permiso.cases.NoticeType;
import mx.permiso.deadlines.Deadlines;
import org.springframework.stereotype.Component;

/**
 * Turns each notice into an email in the client's language and writes it to the outbox, in
 * the transaction of the process step that sent the notice. Warnings go to the firm too.
 */
@Component
public class OutboxNotifier implements ClientNotifier {

  private final MailComposer composer;
  private final Outbox outbox;
  private final MailSettings settings;
  private final Deadlines deadlines;

  public OutboxNotifier(MailComposer composer, Outbox outbox, MailSettings settings, Deadlines deadlines) {
    this.composer = composer;
    this.outbox = outbox;
    this.settings = settings;
    this.deadlines = deadlines;
  }

  @Override
  public void send(Notice notice) {
    String language = notice.facts().get("language") instanceof String chosen ? chosen : "en";
    ComposedMail mail = composer.compose(notice, language);
    enqueue(notice, language, "client", (String) notice.facts().get("clientEmail"), mail);
    if (notice.type() == NoticeType.RETURN_AFTER_EXPIRY && settings.staffAddress() != null
        && !settings.staffAddress().isBlank()) {
      enqueue(notice, language, "staff", settings.staffAddress(), mail);
    }
  }

  private void enqueue(Notice notice, String language, String role, String recipient, ComposedMail mail) {
    outbox.enqueue(new Outbox.NewMessage(DedupeKeys.of(notice, role), notice.caseNumber(), notice.processInstanceId(),
        notice.type().name(), language, recipient == null ? "" : recipient, mail), deadlines.now());
  }
}
