package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.*;

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

  private static final List<String> SHOWN = List.of(CLIENT_NAME, SCENARIO, LANGUAGE, DEPARTURE_DATE,
      PLANNED_RETURN_DATE, LATEST_REQUEST_DATE, APPOINTMENT_DATE, PERMIT_DATE, RETURN_BY_DATE, REENTRY_DATE,
      PERMIT_RETURN_DUE_DATE);

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
    summary.put(CASE_NUMBER, caseNumber);
    summary.put("state", record.state());
    summary.put("openTasks", cases.openTaskNames(record.instanceId()));
    // As stored: the answer's dates are the case's ISO dates.
    summary.putAll(record.variables());
    summary.put("notes", notes.of(caseNumber));
    return summary;
  }
}
