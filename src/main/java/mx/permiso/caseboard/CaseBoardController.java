package mx.permiso.caseboard;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.*;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import mx.permiso.cases.AuditLog;
import mx.permiso.cases.CaseCancellation;
import mx.permiso.cases.CaseFacts;
import mx.permiso.cases.CaseNotes;
import mx.permiso.cases.CasePhase;
import mx.permiso.cases.ClientContacts;
import mx.permiso.cases.TravelDates;
import mx.permiso.cases.StaffActionRefused;
import mx.permiso.cases.ContactRules;
import mx.permiso.cases.ExitReentryPermitProcess;
import mx.permiso.deadlines.Deadlines;
import mx.permiso.documents.DocumentStore;
import mx.permiso.documents.RejectedDocumentException;
import mx.permiso.documents.StaffDocuments;
import mx.permiso.intake.IntakeValidator;
import mx.permiso.mail.EmailResends;
import mx.permiso.mail.Outbox;
import mx.permiso.mail.OutboxComposer;
import mx.permiso.mail.OutboxMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The case board for the firm's staff ({@code /cases}): every open case with its phase, next
 * deadline and who works it, filtered, searched, paged and exported as CSV; and each case's own
 * page with its timeline, tasks, documents and communication log, where staff also act on the case
 * with plain forms (CSRF protected; each answers with a redirect to the page and a notice, or the
 * page again with the problems next to their fields).
 */
@Controller
public class CaseBoardController {

  private static final List<String> SCENARIOS = IntakeValidator.SCENARIOS;
  private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final Set<String> TRAVEL_FIELDS = Set.of(DEPARTURE_DATE, PLANNED_RETURN_DATE);

  private final CaseSummaries summaries;
  private final Deadlines deadlines;
  private final ZoneId zone;
  private final CaseDetails details;
  private final DocumentStore documents;
  private final Outbox outbox;
  private final OutboxComposer emails;
  private final AuditLog audit;
  private final StaffWords words;
  private final ClientContacts contacts;
  private final ContactRules contactRules;
  private final StaffDocuments staffDocuments;
  private final CaseCancellation cancellation;
  private final TravelDates travelDates;
  private final CaseNotes notes;
  private final EmailResends resends;
  private final MessageSource messages;
  private final int pageSize;

  public CaseBoardController(CaseSummaries summaries, Deadlines deadlines, ZoneId businessZone, CaseDetails details,
      DocumentStore documents, Outbox outbox, AuditLog audit, StaffWords words,
      ClientContacts contacts, ContactRules contactRules, StaffDocuments staffDocuments, CaseCancellation cancellation,
      TravelDates travelDates, CaseNotes notes, EmailResends resends, OutboxComposer emails, MessageSource messages,
      @Value("${permiso.board.page-size}") int pageSize) {
    this.emails = emails;
    this.summaries = summaries;
    this.deadlines = deadlines;
    this.zone = businessZone;
    this.details = details;
    this.documents = documents;
    this.outbox = outbox;
    this.audit = audit;
    this.words = words;
    this.contacts = contacts;
    this.contactRules = contactRules;
    this.staffDocuments = staffDocuments;
    this.cancellation = cancellation;
    this.travelDates = travelDates;
    this.notes = notes;
    this.resends = resends;
    this.messages = messages;
    this.pageSize = pageSize;
  }

  @GetMapping("/cases")
  public String board(@RequestParam(required = false) String status, @RequestParam(required = false) String phase,
      @RequestParam(required = false) String scenario, @RequestParam(defaultValue = "false") boolean overdue,
      @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model) {
    BoardQuery query = query(status, phase, scenario, overdue, q, page);
    LocalDate today = deadlines.today();
    Instant now = deadlines.now();
    long total = summaries.count(query, today, now);
    model.addAttribute("query", query);
    model.addAttribute("rows", summaries.page(query, today, now).stream().map(summary -> row(summary, today, now))
        .toList());
    model.addAttribute("total", total);
    model.addAttribute("pages", Math.max(1, (total + pageSize - 1) / pageSize));
    model.addAttribute("statuses", CaseStatus.values());
    model.addAttribute("phases", CasePhase.values());
    model.addAttribute("scenarios", SCENARIOS);
    model.addAttribute("today", today);
    model.addAttribute("filters", filters(query));
    model.addAttribute("words", words);
    return "board";
  }

  @GetMapping(value = "/cases.csv")
  public void csv(@RequestParam(required = false) String status, @RequestParam(required = false) String phase,
      @RequestParam(required = false) String scenario, @RequestParam(defaultValue = "false") boolean overdue,
      @RequestParam(required = false) String q, HttpServletResponse response) throws IOException {
    BoardQuery query = query(status, phase, scenario, overdue, q, 0);
    LocalDate today = deadlines.today();
    Instant now = deadlines.now();
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"cases-" + today + ".csv\"");
    response.setHeader("X-Content-Type-Options", "nosniff");
    PrintWriter out = response.getWriter();
    out.print(CsvRows.HEADER);
    summaries.each(query, today, now, summary -> out.print(CsvRows.line(row(summary, today, now))));
    out.flush();
  }

  @GetMapping("/cases/{caseNumber}")
  public String detail(@PathVariable String caseNumber, Model model) {
    CaseSummary summary = find(caseNumber);
    page(summary, model);
    contactForm(summary, model);
    return "case-detail";
  }

  /** Staff attach a document to the case (such as the INM paperwork), as with the staff API. */
  @PostMapping("/cases/{caseNumber}/documents")
  public Object upload(@PathVariable String caseNumber, @RequestParam(required = false) String kind,
      @RequestParam(required = false) MultipartFile file, Principal staff, Model model, HttpServletResponse response,
      RedirectAttributes redirect) throws IOException {
    CaseSummary summary = find(caseNumber);
    if (!summary.status().isOpen()) {
      return refused(summary, model, response, HttpStatus.CONFLICT, words.text("staff.error.ended", caseNumber));
    }
    Map<String, String> errors = new LinkedHashMap<>();
    if (kind == null || !staffDocuments.kindsFor(summary.caseNumber()).contains(kind)) {
      errors.put("kind", messages.getMessage("document.error.kind", null, Locale.ENGLISH));
    }
    if (file == null || file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
      errors.put("file", messages.getMessage("document.error.missing", null, Locale.ENGLISH));
    }
    if (errors.isEmpty()) {
      try {
        DocumentStore.StoredDocument stored = staffDocuments.attach(summary.caseNumber(), kind,
            file.getOriginalFilename(), file.getBytes(), staff.getName());
        redirect.addFlashAttribute("notice", words.text("staff.notice.uploaded", stored.fileName(),
            words.documentKind(kind)));
        return backTo(summary, "documents");
      } catch (RejectedDocumentException e) {
        errors.put(e.field(), e.reason(messages, Locale.ENGLISH));
      } catch (StaffActionRefused e) {
        return refused(summary, model, response, e.status(), e.reason(messages, Locale.ENGLISH));
      }
    }
    model.addAttribute("uploadErrors", errors);
    model.addAttribute("uploadKind", kind);
    return refused(summary, model, response, HttpStatus.BAD_REQUEST, null);
  }

  /** Staff change the client's name, email, phone or language, as with {@code PUT /api/cases/{n}/client}. */
  @PostMapping("/cases/{caseNumber}/client")
  public Object contact(@PathVariable String caseNumber, @RequestParam Map<String, String> form, Principal staff,
      Model model, HttpServletResponse response, RedirectAttributes redirect) {
    CaseSummary summary = find(caseNumber);
    if (!summary.status().isOpen()) {
      return refused(summary, model, response, HttpStatus.CONFLICT, words.text("staff.error.ended", caseNumber));
    }
    Map<String, String> current = currentContact(summary);
    Map<String, String> values = new HashMap<>();
    for (String field : ExitReentryPermitProcess.Variables.CLIENT_CONTACT) {
      String given = form.get(field);
      // An empty field the case has no value for is no change (a client without a phone).
      if (given != null && !(given.isBlank() && Objects.toString(current.get(field), "").isBlank())) {
        values.put(field, given);
      }
    }
    Map<String, String> errors = new LinkedHashMap<>();
    contactRules.checkContact(values.get(CLIENT_NAME), values.get(CLIENT_EMAIL), values.get(PHONE),
        values.get(LANGUAGE), Locale.ENGLISH).forEach(problem -> errors.putIfAbsent(problem.field(),
        problem.message()));
    if (errors.isEmpty()) {
      try {
        ClientContacts.Outcome outcome = contacts.change(summary.caseNumber(), new ClientContacts.Change(values),
            staff.getName());
        redirect.addFlashAttribute("notice", outcome.changed().isEmpty() ? words.text("staff.notice.contactUnchanged")
            : words.text("staff.notice.contactChanged", outcome.changed().stream()
                .map(field -> words.text("staff.field." + field)).collect(Collectors.joining(", "))));
        return backTo(summary, "contact");
      } catch (StaffActionRefused e) {
        return refused(summary, model, response, e.status(), e.reason(messages, Locale.ENGLISH));
      }
    }
    Map<String, String> shown = new HashMap<>(current);
    ExitReentryPermitProcess.Variables.CLIENT_CONTACT.forEach(field -> {
      if (form.containsKey(field)) {
        shown.put(field, form.get(field));
      }
    });
    model.addAttribute("contactErrors", errors);
    model.addAttribute("contactForm", shown);
    return refused(summary, model, response, HttpStatus.BAD_REQUEST, null);
  }

  /** Staff cancel the case, as with {@code POST /api/cases/{n}/cancel}: the client is told, worded for who asked. */
  @PostMapping("/cases/{caseNumber}/cancel")
  public Object cancel(@PathVariable String caseNumber, @RequestParam(required = false) String reason,
      @RequestParam(required = false) String requestedBy, Principal staff, Model model,
      HttpServletResponse response, RedirectAttributes redirect) {
    CaseSummary summary = find(caseNumber);
    if (!summary.status().isOpen()) {
      return refused(summary, model, response, HttpStatus.CONFLICT, words.text("staff.error.ended", caseNumber));
    }
    Map<String, String> errors = new LinkedHashMap<>();
    CaseCancellation.reasonProblem(reason).ifPresent(code -> errors.put("reason",
        words.text(code, CaseCancellation.REASON_MAX_LENGTH)));
    CaseCancellation.RequestedBy who = CaseCancellation.RequestedBy.of(requestedBy);
    if (who == null) {
      errors.put("requestedBy", words.text("staff.cancel.error.requestedBy"));
    }
    if (errors.isEmpty()) {
      try {
        cancellation.cancel(summary.caseNumber(), reason, who, staff.getName());
        redirect.addFlashAttribute("notice", words.text("staff.notice.cancelled", summary.caseNumber()));
        return backTo(summary, "");
      } catch (StaffActionRefused e) {
        return refused(summary, model, response, e.status(), e.reason(messages, Locale.ENGLISH));
      }
    }
    model.addAttribute("cancelErrors", errors);
    model.addAttribute("cancelForm", Map.of("reason", Objects.toString(reason, ""),
        "requestedBy", Objects.toString(requestedBy, "")));
    return refused(summary, model, response, HttpStatus.BAD_REQUEST, null);
  }

  /** Staff change the departure and planned return, as with {@code POST /api/cases/{n}/travel-dates}. */
  @PostMapping("/cases/{caseNumber}/travel-dates")
  public Object travelDates(@PathVariable String caseNumber, @RequestParam(required = false) String departureDate,
      @RequestParam(required = false) String plannedReturnDate, Principal staff, Model model,
      HttpServletResponse response, RedirectAttributes redirect) {
    CaseSummary summary = find(caseNumber);
    if (!summary.status().isOpen()) {
      return refused(summary, model, response, HttpStatus.CONFLICT, words.text("staff.error.ended", caseNumber));
    }
    List<TravelDates.Problem> problems = new ArrayList<>();
    LocalDate departure = TravelDates.date(DEPARTURE_DATE, departureDate, problems);
    LocalDate plannedReturn = TravelDates.date(PLANNED_RETURN_DATE, plannedReturnDate, problems);
    HttpStatus status = HttpStatus.BAD_REQUEST;
    Map<String, String> errors = new LinkedHashMap<>();
    if (problems.isEmpty()) {
      try {
        TravelDates.Outcome outcome = travelDates.change(summary.caseNumber(), departure, plannedReturn,
            staff.getName());
        redirect.addFlashAttribute("notice", outcome.changed().isEmpty() ? words.text("staff.notice.datesUnchanged")
            : words.text("staff.notice.datesChanged", words.day(outcome.departureDate()),
                words.day(outcome.plannedReturnDate())));
        return backTo(summary, "dates");
      } catch (TravelDates.InvalidDatesException e) {
        problems.addAll(e.problems());
      } catch (StaffActionRefused e) {
        if (!TRAVEL_FIELDS.contains(e.field())) {
          return refused(summary, model, response, e.status(), e.reason(messages, Locale.ENGLISH));
        }
        status = e.status();
        errors.put(e.field(), e.reason(messages, Locale.ENGLISH));
      }
    }
    problems.forEach(problem -> errors.putIfAbsent(problem.field(), words.text(problem.code())));
    model.addAttribute("datesErrors", errors);
    model.addAttribute("datesForm", Map.of(DEPARTURE_DATE, Objects.toString(departureDate, ""),
        PLANNED_RETURN_DATE, Objects.toString(plannedReturnDate, "")));
    return refused(summary, model, response, status, null);
  }

  /** Staff write a note on the case, as with {@code POST /api/cases/{n}/notes}; an ended case still takes notes. */
  @PostMapping("/cases/{caseNumber}/notes")
  public Object note(@PathVariable String caseNumber, @RequestParam(required = false) String text, Principal staff,
      Model model, HttpServletResponse response, RedirectAttributes redirect) {
    CaseSummary summary = find(caseNumber);
    try {
      notes.add(summary.caseNumber(), text, staff.getName());
      redirect.addFlashAttribute("notice", words.text("staff.notice.noteAdded"));
      return backTo(summary, "notes");
    } catch (StaffActionRefused e) {
      if (!"text".equals(e.field())) {
        return refused(summary, model, response, e.status(), e.reason(messages, Locale.ENGLISH));
      }
      model.addAttribute("noteError", e.reason(messages, Locale.ENGLISH));
      model.addAttribute("noteText", text);
      return refused(summary, model, response, e.status(), null);
    }
  }

  /** Staff send an email of the case again, as with {@code POST /api/cases/{n}/emails/{id}/resend}. */
  @PostMapping("/cases/{caseNumber}/emails/{id}/resend")
  public Object resend(@PathVariable String caseNumber, @PathVariable long id, Principal staff, Model model,
      HttpServletResponse response, RedirectAttributes redirect) {
    CaseSummary summary = find(caseNumber);
    if (!summary.status().isOpen()) {
      return refused(summary, model, response, HttpStatus.CONFLICT, words.text("staff.error.ended", caseNumber));
    }
    try {
      OutboxMessage copy = resends.resend(summary.caseNumber(), id, staff.getName());
      redirect.addFlashAttribute("notice", words.text("staff.notice.resent", words.email(copy.noticeType()),
          copy.recipient()));
      return backTo(summary, "email-" + copy.id());
    } catch (StaffActionRefused e) {
      return refused(summary, model, response, e.status(), e.reason(messages, Locale.ENGLISH));
    }
  }

  private CaseSummary find(String caseNumber) {
    return summaries.find(caseNumber)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseNumber));
  }

  /** The case page again, answering {@code status}, with what went wrong. */
  private String refused(CaseSummary summary, Model model, HttpServletResponse response, HttpStatus status,
      String problem) {
    response.setStatus(status.value());
    if (problem != null) {
      model.addAttribute("problem", problem);
    }
    page(summary, model);
    contactForm(summary, model);
    return "case-detail";
  }

  /** After a change, the page is fetched again (POST-redirect-GET), at the section that changed. */
  private static RedirectView backTo(CaseSummary summary, String section) {
    RedirectView view = new RedirectView("/cases/" + summary.caseNumber() + (section.isEmpty() ? "" : "#" + section),
        true);
    view.setStatusCode(HttpStatus.SEE_OTHER);
    view.setExposeModelAttributes(false);
    return view;
  }

  /** What staff recorded on confirming the payment ("MXN 4022 · reference ..."), or null before that. */
  private String payment(CaseSummary summary) {
    Map<String, Object> recorded = new HashMap<>();
    // From history, so a closed case still shows it.
    details.recorded(summary.processInstanceId(), ExitReentryPermitProcess.Variables.AMOUNT_PAID_MXN,
            ExitReentryPermitProcess.Variables.PAYMENT_REFERENCE)
        .forEach(variable -> recorded.put(variable.name(), variable.value()));
    Object amount = recorded.get(ExitReentryPermitProcess.Variables.AMOUNT_PAID_MXN);
    Object reference = recorded.get(ExitReentryPermitProcess.Variables.PAYMENT_REFERENCE);
    if (amount == null && reference == null) {
      return null;
    }
    String shownAmount = amount instanceof Number number
        ? "MXN " + new java.math.BigDecimal(number.toString()).stripTrailingZeros().toPlainString()
        : "amount not recorded";
    return reference == null || reference.toString().isBlank() ? shownAmount
        : shownAmount + " · reference " + reference;
  }

  /** A text staff recorded on the case (from history, so a closed case still shows it), or null. */
  private String recorded(CaseSummary summary, String variable) {
    return details.recorded(summary.processInstanceId(), variable).stream().map(CaseDetails.RecordedValue::value)
        .filter(value -> value != null && !value.toString().isBlank()).map(Object::toString).findFirst().orElse(null);
  }

  /** The client's contact as the running case holds it; empty when the case has just ended. */
  private Map<String, String> currentContact(CaseSummary summary) {
    Map<String, String> contact = new HashMap<>();
    CaseFacts facts = details.current(summary.processInstanceId(), CLIENT_CONTACT);
    CLIENT_CONTACT.forEach(field -> facts.text(field).ifPresent(value -> contact.put(field, value)));
    return contact;
  }

  /** The contact form, filled in, while the case runs. */
  private void contactForm(CaseSummary summary, Model model) {
    if (!model.containsAttribute("contactForm") && summary.status().isOpen()) {
      Map<String, String> contact = currentContact(summary);
      if (!contact.isEmpty()) {
        model.addAttribute("contactForm", contact);
      }
    }
  }

  private void page(CaseSummary summary, Model model) {
    LocalDate today = deadlines.today();
    Instant now = deadlines.now();
    model.addAttribute("row", row(summary, today, now));
    model.addAttribute("case", summary);
    model.addAttribute("timeline", Arrays.stream(CasePhase.values()).map(phase -> new Step(phase,
        phase.compareTo(summary.phase()) < 0 || !summary.status().isOpen() && phase == summary.phase(),
        summary.status().isOpen() && phase == summary.phase())).toList());
    model.addAttribute("tasks", summary.status().isOpen()
        ? details.openTasks(summary.processInstanceId())
        : List.of());
    model.addAttribute("documents", documents.listOf(summary.caseNumber()));
    model.addAttribute("messages", emails.forCase(summary.caseNumber()));
    model.addAttribute("resendOf", outbox.resendsOf(summary.caseNumber()));
    model.addAttribute("notes", notes.of(summary.caseNumber()));
    model.addAttribute("payment", payment(summary));
    model.addAttribute("inmReceipt", recorded(summary, ExitReentryPermitProcess.Variables.INM_RECEIPT_REFERENCE));
    if (!model.containsAttribute("datesForm")) {
      model.addAttribute("datesForm", Map.of(DEPARTURE_DATE, Objects.toString(summary.departureDate(), ""),
          PLANNED_RETURN_DATE, Objects.toString(summary.plannedReturnDate(), "")));
    }
    model.addAttribute("requestedByChoices", CaseCancellation.RequestedBy.values());
    model.addAttribute("audit", audit.of(summary.caseNumber()));
    model.addAttribute("zone", zone);
    model.addAttribute("words", words);
    model.addAttribute("uploadKinds", summary.status().isOpen() ? staffDocuments.kindsFor(summary.caseNumber())
        : List.of());
    model.addAttribute("languages", List.of("en", "es"));
  }

  private BoardQuery query(String status, String phase, String scenario, boolean overdue, String q, int page) {
    return new BoardQuery(parse(CaseStatus.class, "status", status), parse(CasePhase.class, "phase", phase),
        scenario(scenario), overdue, q, page, pageSize);
  }

  private static String scenario(String scenario) {
    if (scenario == null || scenario.isBlank()) {
      return null;
    }
    if (!SCENARIOS.contains(scenario)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "scenario: must be one of " + SCENARIOS);
    }
    return scenario;
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, field + ": must be one of "
          + Arrays.toString(type.getEnumConstants()));
    }
  }

  /** The query string of the filters, for the pager and the CSV link. */
  private static String filters(BoardQuery query) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("status", query.status().name());
    if (query.phase() != null) {
      params.put("phase", query.phase().name());
    }
    if (query.scenario() != null) {
      params.put("scenario", query.scenario());
    }
    if (query.overdue()) {
      params.put("overdue", "true");
    }
    if (query.search() != null) {
      params.put("q", query.search());
    }
    return params.entrySet().stream()
        .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private BoardRow row(CaseSummary summary, LocalDate today, Instant now) {
    return new BoardRow(summary.caseNumber(), summary.processInstanceId(),
        summary.anonymisedAt() == null ? summary.clientName() : "(anonymised)", summary.scenario(),
        summary.status(), summary.phase(), summary.nextDeadline(), summary.nextDeadlineKind(),
        summary.daysLeft(today), summary.deadlinePassed(today), summary.taskOverdue(now), summary.taskName(),
        summary.taskDueAt() == null ? null : MOMENT.format(summary.taskDueAt().atZone(zone)), summary.taskDueAt(),
        summary.assignee());
  }

  /** A line of the board, as shown and exported. */
  public record BoardRow(String caseNumber, String processInstanceId, String clientName, String scenario,
                         CaseStatus status, CasePhase phase, LocalDate nextDeadline, DeadlineKind deadlineKind,
                         Long daysLeft, boolean deadlinePassed, boolean taskOverdue, String taskName, String taskDue,
                         Instant taskDueAt, String assignee) {

    public boolean overdue() {
      return deadlinePassed || taskOverdue;
    }
  }

  /** A phase on the case's timeline. */
  public record Step(CasePhase phase, boolean done, boolean current) {
  }
}
