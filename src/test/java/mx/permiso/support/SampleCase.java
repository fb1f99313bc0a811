package mx.permiso.support;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A canje client's intake as the process receives it: leaving Friday 20 November 2026, back
 * 10 December. Tests change what their path needs.
 */
public final class SampleCase {

  private SampleCase() {
  }

  /** The verification form with every document any scenario requires ticked as received. */
  public static Map<String, Object> documentsVerified() {
    return Map.of("receivedDocuments", List.of("FLIGHT_ITINERARY", "APPLICATION_STATUS_NUT", "PHOTO_CHILD_SIZE",
        "EMERGENCY_PROOF", "FORCE_MAJEURE_LETTER"));
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

  /**
   * Client number {@code i}'s intake as the firm's website posts it to {@code /api/intake}: leaving in
   * 90 days, back 30 days later; every third in Spanish.
   */
  public static String intakeJson(int i) {
    LocalDate today = LocalDate.now(ZoneId.of("America/Mexico_City"));
    return """
        {"clientName": "Client %1$d", "clientEmail": "client%1$d@example.com", "phone": "+52 442 123 4567",
         "language": "%2$s", "scenario": "CANJE_PENDING", "nut": "NUT-%1$06d", "numeroPieza": "PZ-%1$d",
         "inmOffice": "Querétaro", "departureDate": "%3$s", "plannedReturnDate": "%4$s",
         "acceptTerms": true, "acceptPrivacy": true}""".formatted(i, i % 3 == 0 ? "es" : "en",
        today.plusDays(90), today.plusDays(120));
  }

  /** The name client number {@code i} gives in {@link #intakeJson(int)}. */
  public static String clientName(int i) {
    return "Client " + i;
  }
}
