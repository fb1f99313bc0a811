package mx.permiso.mail;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mx.permiso.cases.AuditLog;
import mx.permiso.cases.RunningCases;
import mx.permiso.cases.ExitReentryPermitProcess;
import mx.permiso.cases.StaffActionRefused;
import mx.permiso.clientportal.ClientLinks;
import mx.permiso.deadlines.Deadlines;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff send an email of a running case again: one that failed, or one the client says never
 * arrived. The resend is a new row of the outbox copying the message (subject, text, files; or, for an
 * email never written, the facts it is written from), with
 * a dedupe key of its own ({@code <original key>|resend<n>}) and a pointer to the row it copies,
 * so the communication log keeps the failed attempt as it happened and shows the new one beside
 * it; the failed email's incident is resolved. An email to the client goes to the client's
 * current address, with the case's current link (staff may have corrected the address since,
 * which renews the link). While a copy of the same email still waits to be sent, no other is made.
 */
@Service
public class EmailResends {

  static final String AUDIT_ACTION = "EmailResent";
  private static final String RESEND = "|resend";
  private static final String CLIENT_ROLE = "|client";
  private static final Pattern CASE_LINK = Pattern.compile("/c/[A-Za-z0-9_-]{43}");

  private final Outbox outbox;
  private final RuntimeService runtime;
  private final RunningCases cases;
  private final ClientLinks links;
  private final AuditLog audit;
  private final Deadlines deadlines;

  public EmailResends(Outbox outbox, RuntimeService runtime, RunningCases cases, ClientLinks links, AuditLog audit,
      Deadlines deadlines) {
    this.outbox = outbox;
    this.runtime = runtime;
    this.cases = cases;
    this.links = links;
    this.audit = audit;
    this.deadlines = deadlines;
  }

  /**
   * Queues the email again, audited, and resolves its incident.
   *
   * @return the new row, pending
   * @throws StaffActionRefused 404 unknown case or an email not of this case (field {@code id}), 409 ended case
   *     or an email (or a copy of it) still waiting to be sent
   */
  @Transactional
  public OutboxMessage resend(String caseNumber, long emailId, String actor) {
    ProcessInstance running = cases.require(caseNumber);
    OutboxMessage original = outbox.lockOfCase(caseNumber, emailId).orElseThrow(() ->
        new StaffActionRefused(HttpStatus.NOT_FOUND, "id", "email.error.notFound", caseNumber, emailId));
    String root = rootKey(original.dedupeKey());
    List<Outbox.Status> copies = outbox.statusesOfKeysStartingWith(root + RESEND);
    // The dedupe key keeps a double click from sending twice: one copy at a time, until it has gone or failed.
    if (original.status() == Outbox.Status.PENDING || copies.contains(Outbox.Status.PENDING)) {
      throw new StaffActionRefused(HttpStatus.CONFLICT, "id", "email.error.pending");
    }
    String key = root + RESEND + (copies.size() + 1);
    boolean toClient = root.endsWith(CLIENT_ROLE);
    String recipient = toClient && runtime.getVariable(running.getId(),
        ExitReentryPermitProcess.Variables.CLIENT_EMAIL) instanceof String current ? current : original.recipient();
    Optional<String> link = links.linkFor(caseNumber).map(CASE_LINK::matcher).filter(Matcher::find)
        .map(Matcher::group);
    // An email never written (its template failed) is resent as its step left it, written when it goes.
    outbox.enqueue(original.toCompose()
        ? Outbox.NewMessage.toCompose(key, caseNumber, running.getId(), original.noticeType(), original.language(),
            recipient, currentLink(original.facts(), link), outbox.attachments(original.id()))
        : new Outbox.NewMessage(key, caseNumber, running.getId(), original.noticeType(), original.language(),
            recipient, new ComposedMail(original.subject(), currentLink(original.text(), link),
            currentLink(original.html(), link), outbox.attachments(original.id()))), deadlines.now());
    outbox.markResendOf(key, original.id());
    for (Incident incident : runtime.createIncidentQuery().processInstanceId(running.getId())
        .incidentType(DeliveryFailures.INCIDENT_TYPE).configuration(original.dedupeKey()).list()) {
      runtime.resolveIncident(incident.getId());
    }
    audit.record(caseNumber, actor, AUDIT_ACTION, original.noticeType() + ": email " + original.id() + " ("
        + original.status() + ") sent again");
    return outbox.forCase(caseNumber).stream().filter(message -> message.dedupeKey().equals(key)).findFirst()
        .orElseThrow();
  }

  /** The key of the email as first written, whichever copy of it is resent. */
  static String rootKey(String dedupeKey) {
    int resend = dedupeKey.indexOf(RESEND);
    return resend < 0 ? dedupeKey : dedupeKey.substring(0, resend);
  }

  private static String currentLink(String body, Optional<String> link) {
    return link.map(path -> CASE_LINK.matcher(body).replaceAll(path)).orElse(body);
  }
}
