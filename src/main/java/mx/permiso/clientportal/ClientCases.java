package mx.permiso.clientportal;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.*;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import mx.permiso.cases.AuditLog;
import mx.permiso.cases.CaseFacts;
import mx.permiso.cases.CasePhase;
import mx.permiso.cases.ExitReentryPermitProcess;
import mx.permiso.deadlines.Deadlines;
import mx.permiso.deadlines.PeopleDates;
import mx.permiso.documents.DocumentNames;
import mx.permiso.documents.DocumentStore;
import mx.permiso.firm.FirmSettings;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The client's side of a running case, reached through its secret link: what the case page
 * shows, the documents the client uploads, and what the client tells us (each a process
 * message, taken only while the process waits for it). Everything the client does is recorded
 * in the audit log, in the same transaction.
 */
@Service
public class ClientCases {

  static final String CLIENT = "client";
  /** Tries of a client's report that meets a concurrent change of the case. */
  private static final int ACT_ATTEMPTS = 3;

  private static final List<String> SHOWN = List.of(CLIENT_NAME, LANGUAGE, REQUIRED_DOCUMENTS, DEPARTURE_DATE,
      PLANNED_RETURN_DATE, LATEST_REQUEST_DATE, APPOINTMENT_DATE, APPOINTMENT_TIME, INM_OFFICE, RETURN_BY_DATE,
      REENTRY_DATE, PERMIT_RETURN_DUE_DATE, FIRM_FEE_MXN, INM_FEE_MXN, INM_FEE_YEAR);

  private final ClientLinks links;
  private final RuntimeService runtime;
  private final DocumentStore documents;
  private final AuditLog audit;
  private final Deadlines deadlines;
  private final MessageSource messages;
  private final FirmSettings firm;
  private final int maxUploadsPerCase;
  private final TransactionTemplate transactions;

  public ClientCases(ClientLinks links, RuntimeService runtime, DocumentStore documents, AuditLog audit,
      Deadlines deadlines, MessageSource messages, FirmSettings firm,
      @Value("${permiso.documents.max-client-uploads}") int maxUploadsPerCase, PlatformTransactionManager transactions) {
    this.maxUploadsPerCase = maxUploadsPerCase;
    this.transactions = new TransactionTemplate(transactions);
    this.links = links;
    this.runtime = runtime;
    this.documents = documents;
    this.audit = audit;
    this.deadlines = deadlines;
    this.messages = messages;
    this.firm = firm;
  }

  /** The running case a live link opens; empty for an unknown, revoked or ended case's link. */
  public Optional<OpenCase> open(String token) {
    return links.caseFor(token).flatMap(caseNumber -> runtime.createProcessInstanceQuery()
        .processDefinitionKey(ExitReentryPermitProcess.KEY).processInstanceBusinessKey(caseNumber).list().stream()
        .findFirst()
        .map(instance -> new OpenCase(caseNumber, instance.getId(),
            CaseFacts.of(runtime.getVariables(instance.getId(), SHOWN)))));
  }

  /** What the process waits to hear from the client now. */
  public Set<ClientAction> openActions(OpenCase open) {
    Set<ClientAction> actions = EnumSet.noneOf(ClientAction.class);
    for (EventSubscription subscription : runtime.createEventSubscriptionQuery()
        .processInstanceId(open.instanceId()).eventType("message").list()) {
      ClientAction.byMessage(subscription.getEventName()).ifPresent(actions::add);
    }
    return actions;
  }

  public ClientCaseView view(OpenCase open, Locale locale) {
    Set<ClientAction> actions = openActions(open);
    String language = locale.getLanguage();
    PeopleDates dates = new PeopleDates(language);
    List<String> active = runtime.getActiveActivityIds(open.instanceId());
    CasePhase current = CasePhase.current(active);
    boolean ending = endingNow(active);
    List<ClientCaseView.Step> timeline = new ArrayList<>();
    for (CasePhase phase : CasePhase.values()) {
      timeline.add(new ClientCaseView.Step(phase,
          phase.compareTo(current) < 0 ? "done" : phase == current ? "current" : "upcoming"));
    }

    Map<String, List<String>> uploaded = documents.listOf(open.caseNumber()).stream().collect(Collectors.groupingBy(
        DocumentStore.DocumentInfo::kind, Collectors.mapping(DocumentStore.DocumentInfo::fileName, Collectors.toList())));
    List<ClientCaseView.ChecklistItem> checklist = requiredDocuments(open).stream()
        .map(kind -> new ClientCaseView.ChecklistItem(kind, DocumentNames.name(kind, locale),
            uploaded.getOrDefault(kind, List.of())))
        .toList();

    return new ClientCaseView(open.caseNumber(), open.facts().clientName(), timeline,
        dateLines(open, dates, locale, current), !ending && uploadsOpen(current, actions), documents.maxSize(),
        checklist, checklist.stream().filter(item -> item.files().isEmpty()).map(ClientCaseView.ChecklistItem::name).toList(),
        actions.stream().map(ClientAction::message).collect(Collectors.toSet()), deadlines.today().toString(),
        new ClientCaseView.Firm(firm.phone(), firm.email(), firm.officeHours(language)),
        !ending && paymentPending(current) ? payment(open, language) : null);
  }

  /**
   * Whether the case is only finishing (its last email being written after a cancellation): no step of
   * any phase is active, so it neither takes documents nor asks for payment any more.
   */
  static boolean endingNow(List<String> activeSteps) {
    return !activeSteps.isEmpty() && activeSteps.stream().allMatch(step -> CasePhase.of(step).isEmpty());
  }

  /** Until staff confirm the payment, the page says what to pay and how, as the acknowledgement does. */
  private static boolean paymentPending(CasePhase current) {
    return current.compareTo(CasePhase.PAYMENT) <= 0;
  }

  private ClientCaseView.Payment payment(OpenCase open, String language) {
    return new ClientCaseView.Payment(open.facts().fees().sentence(deadlines.today().getYear(), language),
        firm.paymentInstructions(language) == null ? List.of()
            : firm.paymentInstructions(language).lines().map(String::strip).toList());
  }

  /**
   * Whether the client may upload now: from the intake on (the acknowledgement invites the documents at
   * once, and staff review sooner with them), until the client tells us everything is uploaded.
   */
  private static boolean uploadsOpen(CasePhase current, Set<ClientAction> actions) {
    return current == CasePhase.REVIEW || actions.contains(ClientAction.DOCUMENTS_SUBMITTED);
  }

  /** Keeps a document the client uploaded for one of the documents the case needs. */
  @Transactional
  public DocumentStore.StoredDocument upload(OpenCase open, String kind, String fileName, byte[] content) {
    List<String> active = runtime.getActiveActivityIds(open.instanceId());
    if (endingNow(active) || !uploadsOpen(CasePhase.current(active), openActions(open))) {
      throw new ClientRequestException("file", "case.error.documentsClosed", HttpStatus.CONFLICT);
    }
    List<String> required = requiredDocuments(open);
    if (kind == null || !required.contains(kind)) {
      // Not one of the page's upload forms: shown at the top of the page, not next to a document.
      throw new ClientRequestException(null, "document.error.kind", HttpStatus.BAD_REQUEST);
    }
    // The limit guards against a flood through the link: what staff attached for the client does not use it up.
    if (documents.listOf(open.caseNumber()).stream().filter(document -> required.contains(document.kind()))
        .filter(document -> CLIENT.equals(document.uploadedBy())).count() >= maxUploadsPerCase) {
      throw new ClientRequestException("file", "case.error.tooManyFiles", HttpStatus.CONFLICT);
    }
    DocumentStore.StoredDocument stored = documents.store(open.caseNumber(), kind, fileName, content, CLIENT);
    audit.record(open.caseNumber(), CLIENT, "DocumentUploaded", kind + " " + stored.fileName());
    return stored;
  }

  /**
   * Tells the process what the client reports, if the process waits for it. A step of the case
   * running at the same moment (a reminder falling due) makes the engine refuse the change
   * (optimistic locking); the client's report is then tried again in a new transaction, and is
   * refused only if the case no longer waits for it (the same click twice at once: the other counted).
   */
  public void act(OpenCase open, ClientAction action, String date) {
    for (int attempt = 1; ; attempt++) {
      try {
        transactions.executeWithoutResult(status -> actOnce(open, action, date));
        return;
      } catch (OptimisticLockingException concurrentChange) {
        if (attempt >= ACT_ATTEMPTS) {
          throw new ClientRequestException(null, "case.error.notOpen", HttpStatus.CONFLICT);
        }
      }
    }
  }

  private void actOnce(OpenCase open, ClientAction action, String date) {
    if (!openActions(open).contains(action)) {
      throw new ClientRequestException(null, "case.error.notOpen", HttpStatus.CONFLICT);
    }
    Map<String, Object> variables = new HashMap<>();
    if (action == ClientAction.DOCUMENTS_SUBMITTED && documents.listOf(open.caseNumber()).stream()
        .noneMatch(document -> requiredDocuments(open).contains(document.kind()))) {
      throw new ClientRequestException("documents", "case.error.noDocuments", HttpStatus.BAD_REQUEST);
    }
    if (action.asksForDate()) {
      variables.put(action.dateVariable(), reportedDate(open, action, date).toString());
    }
    try {
      runtime.createMessageCorrelation(action.message()).processInstanceId(open.instanceId())
          .setVariables(variables).correlateWithResult();
    } catch (MismatchingMessageCorrelationException movedOn) {
      // Moved on since the page was shown.
      throw new ClientRequestException(null, "case.error.notOpen", HttpStatus.CONFLICT);
    }
    audit.record(open.caseNumber(), CLIENT, action.message(), action.asksForDate() ? (String) variables.get(
        action.dateVariable()) : null);
  }

  /** The date the client reports: a real day, not in the future, not before the step it follows. */
  private LocalDate reportedDate(OpenCase open, ClientAction action, String text) {
    if (text == null || text.isBlank()) {
      throw new ClientRequestException("date", "case.error.date.missing", HttpStatus.BAD_REQUEST);
    }
    LocalDate date;
    try {
      date = LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new ClientRequestException("date", "case.error.date.invalid", HttpStatus.BAD_REQUEST);
    }
    if (date.isAfter(deadlines.today())) {
      throw new ClientRequestException("date", "case.error.date.future", HttpStatus.BAD_REQUEST);
    }
    boolean reentry = action == ClientAction.REENTRY_CONFIRMED;
    Optional<LocalDate> earliest = reentry ? open.facts().departureDate() : open.facts().reentryDate();
    if (earliest.isPresent() && date.isBefore(earliest.get())) {
      throw new ClientRequestException("date", reentry ? "case.error.date.beforeDeparture"
          : "case.error.date.beforeReentry", HttpStatus.BAD_REQUEST);
    }
    return date;
  }

  private List<ClientCaseView.DateLine> dateLines(OpenCase open, PeopleDates dates, Locale locale, CasePhase current) {
    CaseFacts facts = open.facts();
    List<ClientCaseView.DateLine> lines = new ArrayList<>();
    if (current.compareTo(CasePhase.APPOINTMENT) < 0) {
      add(lines, "case.date.latestRequest", dates.day(facts.latestRequestDate()));
    }
    if (facts.appointmentDate().isPresent()) {
      // The time as staff wrote it on the booking form.
      add(lines, "case.date.appointment", messages.getMessage("case.date.appointmentAt",
          new Object[] {dates.day(facts.appointmentDate()), facts.text(APPOINTMENT_TIME).orElse(""),
              facts.inmOffice().orElse("")}, locale));
    }
    add(lines, "case.date.departure", dates.day(facts.departureDate()));
    if (facts.reentryDate().isEmpty()) {
      add(lines, "case.date.plannedReturn", dates.day(facts.plannedReturnDate()));
      add(lines, "case.date.returnBy", dates.day(facts.returnByDate()));
    } else {
      add(lines, "case.date.reentry", dates.day(facts.reentryDate()));
      add(lines, "case.date.handBack", dates.day(facts.permitReturnDueDate()));
    }
    return lines;
  }

  private static void add(List<ClientCaseView.DateLine> lines, String label, String text) {
    if (text != null && !text.isBlank()) {
      lines.add(new ClientCaseView.DateLine(label, text));
    }
  }

  private static List<String> requiredDocuments(OpenCase open) {
    return open.facts().requiredDocuments();
  }

  /** A running case as its link opens it: number, process instance and the variables the page uses. */
  public record OpenCase(String caseNumber, String instanceId, CaseFacts facts) {

    /** The client's language ({@code en} or {@code es}); {@code en} when the case has none. */
    public String language() {
      return facts.language();
    }
  }
}
