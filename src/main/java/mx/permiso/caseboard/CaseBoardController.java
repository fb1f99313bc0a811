package mx.permiso.caseboard;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import mx.permiso.cases.AuditLog;
import mx.permiso.cases.CasePhase;
import mx.permiso.deadlines.Deadlines;
import mx.permiso.documents.DocumentStore;
import mx.permiso.intake.IntakeValidator;
import mx.permiso.mail.Outbox;
import org.camunda.bpm.engine.TaskService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The case board for the firm's staff ({@code /cases}): every open case with its phase, next
 * deadline and who works it, filtered, searched, paged and exported as CSV; and each case's own
 * page with its timeline, tasks, documents and communication log.
 */
@Controller
public class CaseBoardController {

  private static final List<String> SCENARIOS = IntakeValidator.SCENARIOS;
  private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final CaseSummaries summaries;
  private final Deadlines deadlines;
  private final ZoneId zone;
  private final TaskService tasks;
  private final DocumentStore documents;
  private final Outbox outbox;
  private final AuditLog audit;
  private final int pageSize;

  public CaseBoardController(CaseSummaries summaries, Deadlines deadlines, ZoneId businessZone, TaskService tasks,
      DocumentStore documents, Outbox outbox, AuditLog audit, @Value("${permiso.board.page-size}") int pageSize) {
    this.summaries = summaries;
    this.deadlines = deadlines;
    this.zone = businessZone;
    this.tasks = tasks;
    this.documents = documents;
    this.outbox = outbox;
    this.audit = audit;
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
    CaseSummary summary = summaries.find(caseNumber)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseNumber));
    LocalDate today = deadlines.today();
    Instant now = deadlines.now();
    model.addAttribute("row", row(summary, today, now));
    model.addAttribute("case", summary);
    model.addAttribute("timeline", Arrays.stream(CasePhase.values()).map(phase -> new Step(phase,
        phase.compareTo(summary.phase()) < 0 || !summary.status().isOpen() && phase == summary.phase(),
        summary.status().isOpen() && phase == summary.phase())).toList());
    model.addAttribute("tasks", summary.status().isOpen()
        ? tasks.createTaskQuery().processInstanceId(summary.processInstanceId()).orderByDueDate().asc().list()
        : List.of());
    model.addAttribute("documents", documents.listOf(caseNumber));
    model.addAttribute("messages", outbox.forCase(caseNumber));
    model.addAttribute("audit", audit.of(caseNumber));
    model.addAttribute("zone", zone);
    return "case-detail";
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
        summary.taskDueAt() == null ? null : MOMENT.format(summary.taskDueAt().atZone(zone)), summary.assignee());
  }

  /** A line of the board, as shown and exported. */
  public record BoardRow(String caseNumber, String processInstanceId, String clientName, String scenario,
                         CaseStatus status, CasePhase phase, LocalDate nextDeadline, DeadlineKind deadlineKind,
                         Long daysLeft, boolean deadlinePassed, boolean taskOverdue, String taskName, String taskDue,
                         String assignee) {

    public boolean overdue() {
      return deadlinePassed || taskOverdue;
    }
  }

  /** A phase on the case's timeline. */
  public record Step(CasePhase phase, boolean done, boolean current) {
  }
}
