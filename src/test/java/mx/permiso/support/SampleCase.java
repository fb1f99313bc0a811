package mx.permiso.support;

import java.util.HashMap;
import java.util.Map;

/**
 * A canje client's intake as the process receives it: leaving Friday 20 November 2026, back
 * 10 December. Tests change what their path needs.
 */
public final class SampleCase {

  private SampleCase() {
  }

  public static Map<String, Object> intake(String caseNumber) {
    Map<String, Object> intake = new HashMap<>();
    intake.put("caseNumber", caseNumber);
    intake.put("clientName", "Jane Doe");
    intake.put("clientEmail", "jane@example.com");
    intake.put("language", "en");
    intake.put("scenario", "CANJE_PENDING");
    intake.put("nut", "NUT-123456");
    intake.put("numeroPieza", "PZ-987");
    intake.put("inmOffice", "Querétaro");
    intake.put("departureDate", "2026-11-20");
    intake.put("plannedReturnDate", "2026-12-10");
    return intake;
  }
}
