package mx.permiso.mail;

import mx.permiso.cases.CaseFacts;
import mx.permiso.cases.ClientNotifier;
import mx.permiso.cases.Notice;
import mx.permiso.cases.NoticeType;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mx.permiso.clientportal.ClientLinks;
import mx.permiso.deadlines.Deadlines;
import mx.permiso.documents.DocumentStore;
import mx.permiso.documents.PaperworkBeforeSending;
import org.springframework.stereotype.Component;

/**
 * Writes each notice to the outbox, in the transaction of the process step that sent it: to whom, in
 * which language, and the facts and moment of the step, from which the dispatcher writes the email
 * when it sends it (ADR 015). Warnings go to the firm too.
 */
@Component
public class OutboxNotifier implements ClientNotifier {

  static final String INM_PAPERWORK = "INM_PAPERWORK";
  /** A fact the client's copy of {@code RETURN_AFTER_EXPIRY} gets: whether the firm's staff got a copy too. */
  static final String STAFF_TOLD = "staffTold";
  private static final Set<NoticeType> ENDINGS = EnumSet.of(NoticeType.INTAKE_DECLINED, NoticeType.PERMIT_NOT_ISSUED,
      NoticeType.CASE_CLOSED, NoticeType.CASE_CANCELLED, NoticeType.DID_NOT_TRAVEL);

  private final Outbox outbox;
  private final MailSettings settings;
  private final Deadlines deadlines;
  private final DocumentStore documents;
  private final ClientLinks links;

  public OutboxNotifier(Outbox outbox, MailSettings settings, Deadlines deadlines, DocumentStore documents,
      ClientLinks links) {
    this.documents = documents;
    this.links = links;
    this.outbox = outbox;
    this.settings = settings;
    this.deadlines = deadlines;
  }

  @Override
  public void send(Notice notice) {
    CaseFacts facts = notice.caseFacts();
    String language = facts.language();
    if (notice.type().staffOnly()) {
      // Without a staff address there is nobody to tell; the case goes on. No case link: it is the client's.
      if (hasStaffAddress()) {
        enqueue(notice, language, "staff", settings.staffAddress(), StoredNotice.write(notice, deadlines.now()),
            List.of());
      }
      return;
    }
    // What the email says is decided here, at the step: its link, who was told, the forms to sign.
    Notice withLink = withCaseLink(notice);
    if (notice.type() == NoticeType.RETURN_AFTER_EXPIRY) {
      // The client reads that our staff were told only when the staff copy below is really written.
      withLink = withFact(withLink, STAFF_TOLD, hasStaffAddress());
    }
    String stored = StoredNotice.write(withLink, deadlines.now());
    List<ComposedMail.Attachment> files = notice.type() == NoticeType.PAPERWORK_READY
        ? paperwork(notice.caseNumber(), facts.paperworkCorrectionsAskedAt().orElse(null))
        : List.of();
    enqueue(notice, language, "client", facts.clientEmail(), stored, files);
    if (notice.type() == NoticeType.RETURN_AFTER_EXPIRY && hasStaffAddress()) {
      enqueue(notice, language, "staff", settings.staffAddress(), stored, List.of());
    }
  }

  private boolean hasStaffAddress() {
    return settings.staffAddress() != null && !settings.staffAddress().isBlank();
  }

  /**
   * Every email carries the client's case link while the case runs; the one that ends it kills the link.
   * The address staff replaced gets no link, and the new address a new one: the old mailbox may hold the
   * old link, which stops working.
   */
  private Notice withCaseLink(Notice notice) {
    if (ENDINGS.contains(notice.type())) {
      links.revoke(notice.caseNumber());
      return notice;
    }
    if (notice.type() == NoticeType.CONTACT_REPLACED) {
      return notice;
    }
    if (notice.type() == NoticeType.CONTACT_CHANGED && notice.caseFacts().text(Notice.PREVIOUS_CLIENT_EMAIL).isPresent()) {
      links.renew(notice.caseNumber());
    }
    Map<String, Object> facts = new HashMap<>(notice.facts());
    links.linkFor(notice.caseNumber()).ifPresent(link -> facts.put(MailComposer.CASE_LINK, link));
    return new Notice(notice.processInstanceId(), notice.caseNumber(), notice.type(), notice.on(), facts);
  }

  private static Notice withFact(Notice notice, String name, Object value) {
    Map<String, Object> facts = new HashMap<>(notice.facts());
    facts.put(name, value);
    return new Notice(notice.processInstanceId(), notice.caseNumber(), notice.type(), notice.on(), facts);
  }

  /**
   * The INM forms staff attached to the case (after INM asked for corrections, only those attached since);
   * the email is pointless without them.
   */
  private List<ComposedMail.Attachment> paperwork(String caseNumber, Instant correctionsAsked) {
    List<ComposedMail.Attachment> files = PaperworkBeforeSending.current(documents.listOf(caseNumber), correctionsAsked)
        .stream().map(info -> documents.find(caseNumber, info.id()).orElseThrow())
        .map(document -> new ComposedMail.Attachment(document.fileName(), document.contentType(), document.content()))
        .toList();
    if (files.isEmpty()) {
      throw new IllegalStateException("No INM paperwork is attached to case " + caseNumber + ": upload the PDFs from "
          + "INM's portal (POST /api/cases/" + caseNumber + "/documents with kind=" + INM_PAPERWORK + "), then retry "
          + "this step in Cockpit.");
    }
    return files;
  }

  private void enqueue(Notice notice, String language, String role, String recipient, String facts,
      List<ComposedMail.Attachment> files) {
    outbox.enqueue(Outbox.NewMessage.toCompose(DedupeKeys.of(notice, role), notice.caseNumber(),
        notice.processInstanceId(), notice.type().name(), language, recipient == null ? "" : recipient, facts, files),
        deadlines.now());
  }
}
