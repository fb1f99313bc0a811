package mx.permiso.cases;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/cases/{caseNumber}} for staff: where a case stands, its dates and its notes (newest first). */
@RestController
public class CaseSummaryController {

  private static final List<String> SHOWN = List.of("clientName", "scenario", "language", "departureDate",
      "plannedReturnDate", "latestRequestDate", "appointmentDate", "permitDate", "returnByDate", "reentryDate",
      "permitReturnDueDate");

  private final CaseRecords cases;
  private final CaseNotes notes;

  public CaseSummaryController(CaseRecords cases, CaseNotes notes) {
    this.cases = cases;
    this.notes = notes;
  }

  @GetMapping("/api/cases/{caseNumber}")
  public Map<String, Object> summary(@PathVariable String caseNumber) {
    CaseRecords.CaseRecord record = cases.find(caseNumber, SHOWN)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseNumber));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("caseNumber", caseNumber);
    summary.put("state", record.state());
    summary.put("openTasks", cases.openTaskNames(record.instanceId()));
    summary.putAll(record.variables());
    summary.put("notes", notes.of(caseNumber));
    return summary;
  }
}
