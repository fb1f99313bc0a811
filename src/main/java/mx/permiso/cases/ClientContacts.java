package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.CASE_NUMBER;
import static mx.permiso.cases.ExitReentryPermitProcess.Variables.CLIENT_CONTACT;
import static mx.permiso.cases.ExitReentryPermitProcess.Variables.CLIENT_EMAIL;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff change a running case's client details (name, email, phone, language): the process
 * variables, a row in the audit log naming who changed what, and the emails that tell the client,
 * in one transaction. A new email address gets its own notice with a new case link; the replaced
 * address is told it was replaced, without the link. The application writes the variables itself:
 * no staff member holds the right to write them in the engine.
 */
@Service
public class ClientContacts {

  static final String AUDIT_ACTION = "ClientContactChanged";

  private final RuntimeService runtime;
  private final RunningCases running;
  private final AuditLog audit;
  private final CaseNotices notices;

  public ClientContacts(RuntimeService runtime, RunningCases running, AuditLog audit, CaseNotices notices) {
    this.runtime = runtime;
    this.running = running;
    this.audit = audit;
    this.notices = notices;
  }

  /** The new values (null: unchanged), already checked against {@link ContactRules}. */
  public record Change(Map<String, String> values) {
  }

  /** The client's details after the change, and which of them changed. */
  public record Outcome(Map<String, Object> contact, List<String> changed) {
  }

  @Transactional
  public Outcome change(String caseNumber, Change change, String actor) {
    ProcessInstance instance = running.require(caseNumber);
    Map<String, Object> before = runtime.getVariables(instance.getId(), CLIENT_CONTACT);
    Map<String, Object> updates = new LinkedHashMap<>();
    for (String field : CLIENT_CONTACT) {
      String value = change.values().get(field);
      if (value != null && !Objects.equals(value.strip(), before.get(field))) {
        updates.put(field, value.strip());
      }
    }
    Map<String, Object> after = new LinkedHashMap<>(before);
    after.putAll(updates);
    if (updates.isEmpty()) {
      return new Outcome(after, List.of());
    }
    try {
      runtime.setVariables(instance.getId(), updates);
    } catch (OptimisticLockingException e) {
      throw StaffActionRefused.busy(caseNumber);
    }
    audit.record(caseNumber, actor, AUDIT_ACTION, updates.keySet().stream()
        .map(field -> field + ": " + Objects.toString(before.get(field), "") + " -> " + updates.get(field))
        .collect(Collectors.joining("; ")));

    // One identity for this change's emails: the next change of the same case is a new occurrence.
    String changeId = UUID.randomUUID().toString();
    Map<String, Object> facts = new HashMap<>(after);
    facts.put(CASE_NUMBER, caseNumber);
    facts.put(Notice.CONTACT_CHANGE, changeId);
    if (updates.containsKey(CLIENT_EMAIL)) {
      Map<String, Object> replaced = new HashMap<>(before);
      replaced.put(CASE_NUMBER, caseNumber);
      replaced.put(Notice.CONTACT_CHANGE, changeId);
      notices.send(instance.getId(), caseNumber, NoticeType.CONTACT_REPLACED, replaced);
      facts.put(Notice.PREVIOUS_CLIENT_EMAIL, before.get(CLIENT_EMAIL));
    }
    notices.send(instance.getId(), caseNumber, NoticeType.CONTACT_CHANGED, facts);
    return new Outcome(after, List.copyOf(updates.keySet()));
  }
}
