package mx.permiso.mail;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.*;

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
          fact(notice, APPOINTMENT_DATE) + "T" + fact(notice, APPOINTMENT_TIME);
      // One per combination of planned return and return-by date.
      case RETURN_AFTER_EXPIRY -> fact(notice, PLANNED_RETURN_DATE) + "/" + fact(notice, RETURN_BY_DATE);
      // One per change of the client's contact.
      case CONTACT_CHANGED, CONTACT_REPLACED -> fact(notice, Notice.CONTACT_CHANGE);
      // One per date INM gave for issuing the permit.
      case PERMIT_DELAYED -> fact(notice, PERMIT_ISSUE_DATE);
      // One per round of paperwork: the first, then one per request of corrections by INM.
      case PAPERWORK_READY, PAPERWORK_CORRECTIONS -> notice.caseFacts().text(PAPERWORK_CORRECTIONS_ASKED_AT)
          .orElse("once");
      // One per day staff find the permit the client said they handed back (on that date) not handed back.
      case HAND_BACK_NOT_CONFIRMED -> fact(notice, PERMIT_RETURNED_DATE) + "/" + notice.on();
      // One per change of the travel dates (a change back to earlier dates is told again).
      case TRAVEL_DATES_CHANGED -> fact(notice, Notice.TRAVEL_DATES_CHANGE);
      default -> "once";
    };
  }

  /** The fact as stored (an ISO date as its text), so a key stays the same for the same occurrence. */
  private static String fact(Notice notice, String name) {
    return notice.caseFacts().text(name).orElse("");
  }
}
