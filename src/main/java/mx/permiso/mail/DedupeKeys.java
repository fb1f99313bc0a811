package mx.permiso.mail;

import java.util.Objects;
import mx.permiso.cases.Notice;

/**
 * The identity of an email: case, purpose, occurrence and recipient. A second attempt to send
 * the same email (a retried job, a second node) finds the key taken and adds nothing; a new
 * occurrence (the next reminder, a rebooked appointment) gets a new key.
 */
final class DedupeKeys {

  private DedupeKeys() {
  }

  static String of(Notice notice, String recipientRole) {
    return notice.caseNumber() + "|" + notice.type() + "|" + occurrence(notice) + "|" + recipientRole;
  }

  private static String occurrence(Notice notice) {
    return switch (notice.type()) {
      // Reminders: at most one of each kind a day.
      case DOCUMENTS_REMINDER, MISSING_DOCUMENTS, PAYMENT_REMINDER, DEPARTURE_REMINDER, RETURN_BY_REMINDER,
           HAND_BACK_REMINDER -> notice.on().toString();
      // One per booked appointment.
      case APPOINTMENT_INSTRUCTIONS, APPOINTMENT_REMINDER ->
          fact(notice, "appointmentDate") + "T" + fact(notice, "appointmentTime");
      // One per combination of planned return and return-by date.
      case RETURN_AFTER_EXPIRY -> fact(notice, "plannedReturnDate") + "/" + fact(notice, "returnByDate");
      // One per change of the client's contact.
      case CONTACT_CHANGED, CONTACT_REPLACED -> fact(notice, "contactChange");
      // One per date INM gave for issuing the permit.
      case PERMIT_DELAYED -> fact(notice, "permitIssueDate");
      // One per round of paperwork: the first, then one per request of corrections by INM.
      case PAPERWORK_READY, PAPERWORK_CORRECTIONS -> notice.facts().get("paperworkCorrectionsAskedAt") instanceof String asked
          ? asked : "once";
      // One per day staff find the permit the client said they handed back (on that date) not handed back.
      case HAND_BACK_NOT_CONFIRMED -> fact(notice, "permitReturnedDate") + "/" + notice.on();
      // One per change of the travel dates (a change back to earlier dates is told again).
      case TRAVEL_DATES_CHANGED -> fact(notice, "travelDatesChange");
      default -> "once";
    };
  }

  private static String fact(Notice notice, String name) {
    return Objects.toString(notice.facts().get(name), "");
  }
}
