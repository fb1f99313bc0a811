package mx.permiso.cases;

/**
 * What the case tells the client (and, for warnings, the staff; {@link #staffOnly()} ones only the staff). A reminder with a
 * {@code pointlessFrom} variable is not sent on or after that date: reminding about documents
 * once the flight has left helps nobody.
 */
public enum NoticeType {
  /** To the firm's inbox only, at once: an emergency intake arrived (case number, flight date, reason). */
  EMERGENCY_INTAKE,
  ACKNOWLEDGEMENT,
  INTAKE_DECLINED,
  DOCUMENTS_REMINDER(ExitReentryPermitProcess.Variables.DEPARTURE_DATE),
  MISSING_DOCUMENTS,
  PAYMENT_REMINDER(ExitReentryPermitProcess.Variables.DEPARTURE_DATE),
  PAPERWORK_READY,
  APPOINTMENT_INSTRUCTIONS,
  APPOINTMENT_REMINDER(ExitReentryPermitProcess.Variables.APPOINTMENT_DATE),
  PERMIT_ISSUED,
  RETURN_AFTER_EXPIRY,
  PERMIT_NOT_ISSUED,
  /** Staff recorded that the client did not travel: the case ends; what to do with the unused, single-use permit. */
  DID_NOT_TRAVEL,
  /** INM will issue the permit on a later date: which, that the firm tells them when it is ready, not to travel without it. */
  PERMIT_DELAYED,
  /** INM asked for corrected forms: the firm prepares new ones for the client to sign, then books a new appointment. */
  PAPERWORK_CORRECTIONS,
  DEPARTURE_REMINDER(ExitReentryPermitProcess.Variables.DEPARTURE_DATE),
  RETURN_BY_REMINDER(ExitReentryPermitProcess.Variables.RETURN_BY_DATE),
  WELCOME_BACK,
  HAND_BACK_REMINDER(ExitReentryPermitProcess.Variables.PERMIT_RETURN_DUE_DATE),
  /** Staff could not confirm the permit the client said they handed back: it is still due at INM. */
  HAND_BACK_NOT_CONFIRMED,
  CASE_CLOSED,
  CASE_CANCELLED,
  /** To the client's address after staff changed their contact details (a new address gets a new case link). */
  CONTACT_CHANGED,
  /** To the address staff replaced: it no longer receives the case's emails; no case link. */
  CONTACT_REPLACED,
  /** After staff changed the travel dates: the new dates and the deadlines that follow from them. */
  TRAVEL_DATES_CHANGED;

  private final String pointlessFrom;

  NoticeType() {
    this(null);
  }

  NoticeType(String pointlessFrom) {
    this.pointlessFrom = pointlessFrom;
  }

  /** Whether only the firm's inbox gets this notice, never the client. */
  public boolean staffOnly() {
    return this == EMERGENCY_INTAKE;
  }

  /** The date variable on and after which this reminder is no longer sent, if any. */
  public String pointlessFrom() {
    return pointlessFrom;
  }
}
