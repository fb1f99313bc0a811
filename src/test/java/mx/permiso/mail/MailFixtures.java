package mx.permiso.mail;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import mx.permiso.deadlines.Deadlines;
import mx.permiso.firm.FirmSettings;
import mx.permiso.support.SampleCase;
import mx.permiso.support.SampleSettings;

/** The firm, the day and the case the email tests compose their notices with. */
final class MailFixtures {

  static final ZoneId MEXICO_CITY = ZoneId.of("America/Mexico_City");
  static final String CLABE = "CLABE 012 180 00000000000 0";

  private MailFixtures() {
  }

  /** Tuesday 3 November 2026, 09:00 in Mexico City. */
  static Deadlines deadlines() {
    return new Deadlines(SampleSettings.deadlines(), Clock.fixed(Instant.parse("2026-11-03T15:00:00Z"), ZoneOffset.UTC),
        MEXICO_CITY);
  }

  /** A firm that has set everything: phone, email, office hours and how to pay, in both languages. */
  static FirmSettings firm() {
    return new FirmSettings("+52 442 555 0100", "permisos@despacho.example",
        Map.of("en", "Monday to Friday, 10:00 to 15:00 (Mexico City time)",
            "es", "de lunes a viernes, de 10:00 a 15:00 (hora de la Ciudad de México)"),
        Map.of("en", "Bank transfer to Despacho Ejemplo, S.C.\n" + CLABE + "\nReference: your case number",
            "es", "Transferencia a Despacho Ejemplo, S.C.\n" + CLABE + "\nReferencia: su número de caso"));
  }

  static MailComposer composer(FirmSettings firm, Deadlines deadlines) {
    return new MailComposer(firm, deadlines, MEXICO_CITY);
  }

  /**
   * A case far enough along that every notice has what it talks about: flight on 20 November, last
   * day to file 17 November, permit of 12 November, back on 10 December. Day 10 after re-entry is
   * Sunday 20 December, when INM is closed: the last day is Friday 18. Staff's free text is the
   * caller's, in the client's language.
   */
  static Map<String, Object> facts(String language, String declineReason, String notIssuedReason) {
    Map<String, Object> facts = new HashMap<>(SampleCase.intake("EXR-2026-0042"));
    facts.put("language", language);
    facts.put("phone", "+52 442 123 4567");
    facts.put("requiredDocuments", "FLIGHT_ITINERARY,APPLICATION_STATUS_NUT,PHOTO_CHILD_SIZE");
    facts.put("missingDocuments", "PHOTO_CHILD_SIZE");
    facts.put("latestRequestDate", "2026-11-17");
    facts.put("firmFeeMxn", 3500);
    facts.put("inmFeeMxn", 522);
    facts.put("inmFeeYear", 2023);
    facts.put("declineReason", declineReason);
    facts.put("appointmentDate", "2026-11-12");
    facts.put("appointmentTime", "09:30");
    facts.put("processAtOnce", false);
    facts.put("permitDate", "2026-11-12");
    facts.put("returnByDate", "2027-01-11");
    facts.put("notIssuedReason", notIssuedReason);
    facts.put("permitIssueDate", "2026-11-17");
    facts.put("reentryDate", "2026-12-10");
    facts.put("permitReturnDueDate", "2026-12-18");
    facts.put("returnByAtLatest", "2027-01-19");
    facts.put("tripTooLong", false);
    return facts;
  }
}
