package mx.permiso.cases;

import java.util.List;

/**
 * Names of the engagement process ({@code processes/exit-reentry-permit.bpmn}) that code, tests
 * and other systems rely on. {@code ModelConventionsTest} fails when these and the model drift.
 */
public final class ExitReentryPermitProcess {

  public static final String KEY = "exit-reentry-permit";
  public static final String DECISION_PERMIT_REQUIREMENTS = "permit-requirements";

  private ExitReentryPermitProcess() {
  }

  /** Ids of the model's elements. */
  public static final class Elements {
    public static final String START_EVENT_INTAKE_RECEIVED = "StartEvent_IntakeReceived";
    public static final String SERVICE_TASK_DETERMINE_REQUIREMENTS = "ServiceTask_DetermineRequirements";
    public static final String SUB_PROCESS_ENGAGEMENT = "SubProcess_Engagement";
    public static final String GATEWAY_EMERGENCY = "Gateway_Emergency";
    public static final String SERVICE_TASK_ALERT_FIRM = "ServiceTask_AlertFirm";
    public static final String SERVICE_TASK_SEND_ACKNOWLEDGEMENT = "ServiceTask_SendAcknowledgement";
    public static final String USER_TASK_REVIEW_INTAKE = "UserTask_ReviewIntake";
    public static final String SERVICE_TASK_SEND_DECLINED = "ServiceTask_SendDeclined";
    public static final String END_EVENT_INTAKE_DECLINED = "EndEvent_IntakeDeclined";
    public static final String SUB_PROCESS_DOCUMENTS = "SubProcess_Documents";
    public static final String RECEIVE_TASK_AWAIT_DOCUMENTS = "ReceiveTask_AwaitDocuments";
    public static final String TIMER_DOCUMENTS_REMINDER = "Timer_DocumentsReminder";
    public static final String SERVICE_TASK_SEND_DOCUMENTS_REMINDER = "ServiceTask_SendDocumentsReminder";
    public static final String USER_TASK_VERIFY_DOCUMENTS = "UserTask_VerifyDocuments";
    public static final String SERVICE_TASK_REQUEST_MISSING_DOCUMENTS = "ServiceTask_RequestMissingDocuments";
    public static final String TIMER_DOCUMENTS_LATE = "Timer_DocumentsLate";
    public static final String USER_TASK_HANDLE_LATE_DOCUMENTS = "UserTask_HandleLateDocuments";
    public static final String USER_TASK_CONFIRM_PAYMENT = "UserTask_ConfirmPayment";
    public static final String TIMER_PAYMENT_REMINDER = "Timer_PaymentReminder";
    public static final String SERVICE_TASK_SEND_PAYMENT_REMINDER = "ServiceTask_SendPaymentReminder";
    public static final String USER_TASK_PREPARE_INM_PAPERWORK = "UserTask_PrepareInmPaperwork";
    public static final String SERVICE_TASK_SEND_PAPERWORK = "ServiceTask_SendPaperwork";
    public static final String USER_TASK_BOOK_APPOINTMENT = "UserTask_BookAppointment";
    public static final String SERVICE_TASK_SEND_APPOINTMENT_INSTRUCTIONS = "ServiceTask_SendAppointmentInstructions";
    public static final String USER_TASK_RECORD_OUTCOME = "UserTask_RecordOutcome";
    public static final String TIMER_APPOINTMENT_REMINDER = "Timer_AppointmentReminder";
    public static final String SERVICE_TASK_SEND_APPOINTMENT_REMINDER = "ServiceTask_SendAppointmentReminder";
    public static final String SERVICE_TASK_COMPUTE_RETURN_BY = "ServiceTask_ComputeReturnBy";
    public static final String SERVICE_TASK_SEND_PERMIT_ISSUED = "ServiceTask_SendPermitIssued";
    public static final String SERVICE_TASK_WARN_LATE_RETURN = "ServiceTask_WarnLateReturn";
    public static final String SERVICE_TASK_SEND_PERMIT_NOT_ISSUED = "ServiceTask_SendPermitNotIssued";
    public static final String END_EVENT_PERMIT_NOT_ISSUED = "EndEvent_PermitNotIssued";
    public static final String USER_TASK_CONFIRM_DEPARTURE = "UserTask_ConfirmDeparture";
    public static final String BOUNDARY_EVENT_DEPARTURE_CONFIRMED = "BoundaryEvent_DepartureConfirmed";
    public static final String TIMER_DEPARTURE_REMINDER = "Timer_DepartureReminder";
    public static final String SERVICE_TASK_SEND_DEPARTURE_REMINDER = "ServiceTask_SendDepartureReminder";
    public static final String USER_TASK_CONFIRM_REENTRY = "UserTask_ConfirmReentry";
    public static final String BOUNDARY_EVENT_REENTRY_CONFIRMED = "BoundaryEvent_ReentryConfirmed";
    public static final String TIMER_RETURN_BY_REMINDER = "Timer_ReturnByReminder";
    public static final String SERVICE_TASK_SEND_RETURN_BY_REMINDER = "ServiceTask_SendReturnByReminder";
    public static final String TIMER_RETURN_BY_PASSED = "Timer_ReturnByPassed";
    public static final String USER_TASK_HANDLE_RETURN_BY_PASSED = "UserTask_HandleReturnByPassed";
    public static final String SERVICE_TASK_COMPUTE_PERMIT_RETURN_DUE = "ServiceTask_ComputePermitReturnDue";
    public static final String SERVICE_TASK_SEND_WELCOME_BACK = "ServiceTask_SendWelcomeBack";
    public static final String USER_TASK_RECORD_PERMIT_RETURNED = "UserTask_RecordPermitReturned";
    public static final String BOUNDARY_EVENT_PERMIT_RETURNED = "BoundaryEvent_PermitReturned";
    public static final String TIMER_HAND_BACK_REMINDER = "Timer_HandBackReminder";
    public static final String SERVICE_TASK_SEND_HAND_BACK_REMINDER = "ServiceTask_SendHandBackReminder";
    public static final String TIMER_HAND_BACK_DEADLINE = "Timer_HandBackDeadline";
    public static final String USER_TASK_HANDLE_HAND_BACK_OVERDUE = "UserTask_HandleHandBackOverdue";
    public static final String SERVICE_TASK_SEND_CASE_CLOSED = "ServiceTask_SendCaseClosed";
    public static final String END_EVENT_CASE_CLOSED = "EndEvent_CaseClosed";
    public static final String SUB_PROCESS_TRAVEL_DATES_CHANGED = "SubProcess_TravelDatesChanged";
    public static final String START_EVENT_TRAVEL_DATES_CHANGED = "StartEvent_TravelDatesChanged";
    public static final String SERVICE_TASK_RESCHEDULE_DEADLINES = "ServiceTask_RescheduleDeadlines";
    public static final String BOUNDARY_EVENT_CASE_CANCELLED = "BoundaryEvent_CaseCancelled";
    public static final String SERVICE_TASK_SEND_CASE_CANCELLED = "ServiceTask_SendCaseCancelled";
    public static final String END_EVENT_CASE_CANCELLED = "EndEvent_CaseCancelled";
    public static final String END_EVENT_CASE_ENDED = "EndEvent_CaseEnded";
    public static final String GATEWAY_INTAKE_ACCEPTED = "Gateway_IntakeAccepted";
    public static final String GATEWAY_DOCUMENTS_COMPLETE = "Gateway_DocumentsComplete";
    public static final String GATEWAY_PAYMENT_RECEIVED = "Gateway_PaymentReceived";
    public static final String GATEWAY_PERMIT_ISSUED = "Gateway_PermitIssued";
    public static final String GATEWAY_REBOOK = "Gateway_Rebook";
    public static final String GATEWAY_RETURN_PLAN_FITS = "Gateway_ReturnPlanFits";
    public static final String TIMER_DOCUMENTS_NEVER_CAME = "Timer_DocumentsNeverCame";
    public static final String USER_TASK_HANDLE_DOCUMENTS_NEVER_CAME = "UserTask_HandleDocumentsNeverCame";
    public static final String GATEWAY_DOCUMENTS_WAIT_DECISION = "Gateway_DocumentsWaitDecision";
    public static final String SERVICE_TASK_NEW_DATES_FOR_DOCUMENTS = "ServiceTask_NewDatesForDocuments";
    public static final String END_EVENT_DOCUMENTS_NEVER_CAME_CANCELLED = "EndEvent_DocumentsNeverCameCancelled";
    public static final String TIMER_PAYMENT_NEVER_CAME = "Timer_PaymentNeverCame";
    public static final String USER_TASK_HANDLE_PAYMENT_NEVER_CAME = "UserTask_HandlePaymentNeverCame";
    public static final String GATEWAY_PAYMENT_WAIT_DECISION = "Gateway_PaymentWaitDecision";
    public static final String SERVICE_TASK_NEW_DATES_FOR_PAYMENT = "ServiceTask_NewDatesForPayment";
    public static final String END_EVENT_PAYMENT_NEVER_CAME_CANCELLED = "EndEvent_PaymentNeverCameCancelled";
    public static final String TIMER_DEPARTURE_UNCONFIRMED = "Timer_DepartureUnconfirmed";
    public static final String USER_TASK_HANDLE_DEPARTURE_UNCONFIRMED = "UserTask_HandleDepartureUnconfirmed";
    public static final String GATEWAY_DEPARTURE_OUTCOME = "Gateway_DepartureOutcome";
    public static final String SERVICE_TASK_NEW_DATES_FOR_DEPARTURE = "ServiceTask_NewDatesForDeparture";
    public static final String SERVICE_TASK_SEND_DID_NOT_TRAVEL = "ServiceTask_SendDidNotTravel";
    public static final String END_EVENT_DID_NOT_TRAVEL = "EndEvent_DidNotTravel";
    public static final String BOUNDARY_EVENT_CANCELLED_BY_FIRM = "BoundaryEvent_CancelledByFirm";
    public static final String GATEWAY_NEW_PAPERWORK = "Gateway_NewPaperwork";
    public static final String SERVICE_TASK_SEND_PAPERWORK_CORRECTIONS = "ServiceTask_SendPaperworkCorrections";
    public static final String SERVICE_TASK_SEND_PERMIT_DELAYED = "ServiceTask_SendPermitDelayed";
    public static final String TIMER_PERMIT_ISSUE_DATE = "Timer_PermitIssueDate";
    public static final String USER_TASK_CONFIRM_PERMIT_RETURNED = "UserTask_ConfirmPermitReturned";
    public static final String GATEWAY_HAND_BACK_CONFIRMED = "Gateway_HandBackConfirmed";
    public static final String SERVICE_TASK_SEND_HAND_BACK_NOT_CONFIRMED = "ServiceTask_SendHandBackNotConfirmed";

    private Elements() {
    }
  }

  /** What staff may choose when INM did not issue the permit ({@link Variables#INM_NEXT_STEP}). */
  public enum InmNextStep {
    /** INM will issue it on a later date ({@link Variables#PERMIT_ISSUE_DATE}). */
    ISSUE_LATER,
    /** A new appointment with the same paperwork. */
    REBOOK,
    /** INM wants corrected forms: new paperwork, then a new appointment. */
    NEW_PAPERWORK,
    /** No permit: the case ends. */
    END
  }

  /** Message names correlated by the client's case page, staff and other systems. */
  public static final class Messages {
    public static final String DOCUMENTS_SUBMITTED = "DocumentsSubmitted";
    public static final String DEPARTURE_CONFIRMED = "DepartureConfirmed";
    public static final String REENTRY_CONFIRMED = "ReentryConfirmed";
    public static final String PERMIT_RETURNED = "PermitReturned";
    public static final String TRAVEL_DATES_CHANGED = "TravelDatesChanged";
    public static final String CASE_CANCELLED = "CaseCancelled";

    private Messages() {
    }
  }

  /**
   * Process variables; dates are ISO strings ({@code yyyy-MM-dd}), documents comma-separated codes, as the
   * model, the forms and running cases read them. Java reads them as types through {@link CaseFacts}.
   */
  public static final class Variables {
    public static final String CASE_NUMBER = "caseNumber";
    public static final String CLIENT_NAME = "clientName";
    public static final String CLIENT_EMAIL = "clientEmail";
    public static final String PHONE = "phone";
    public static final String LANGUAGE = "language";
    public static final String SCENARIO = "scenario";
    public static final String NUT = "nut";
    public static final String NUMERO_PIEZA = "numeroPieza";
    public static final String INM_OFFICE = "inmOffice";
    public static final String EMERGENCY_REASON = "emergencyReason";
    /** The client accepted the firm's terms when sending the intake (always true: the intake refuses otherwise). */
    public static final String ACCEPTED_TERMS = "acceptedTerms";
    /** The client accepted the privacy notice when sending the intake (always true, as {@link #ACCEPTED_TERMS}). */
    public static final String ACCEPTED_PRIVACY = "acceptedPrivacy";
    public static final String DEPARTURE_DATE = "departureDate";
    public static final String PLANNED_RETURN_DATE = "plannedReturnDate";
    public static final String INTAKE_DATE = "intakeDate";
    public static final String REQUIRED_DOCUMENTS = "requiredDocuments";
    public static final String MISSING_DOCUMENTS = "missingDocuments";
    /** Task variable of the verification task: the uploaded documents as Markdown links. */
    public static final String UPLOADED_DOCUMENTS = "uploadedDocuments";
    /** Task variable of the verification task: its checklist's options, the required documents by staff name. */
    public static final String DOCUMENT_CHECKLIST = "documentChecklist";
    /** The codes of the required documents staff ticked as received and readable on the verification form. */
    public static final String RECEIVED_DOCUMENTS = "receivedDocuments";
    /** Anything else the client must send or redo, written by staff in the client's language. */
    public static final String OTHER_MISSING_DOCUMENTS = "otherMissingDocuments";
    /** The required documents by staff name, a Markdown list that forms show. */
    public static final String REQUIRED_DOCUMENT_NAMES = "requiredDocumentNames";
    /** What is still missing by staff name, a Markdown list kept in step with {@code missingDocuments}. */
    public static final String MISSING_DOCUMENT_NAMES = "missingDocumentNames";
    public static final String LEAD_TIME_DAYS = "leadTimeDays";
    public static final String LATEST_REQUEST_DATE = "latestRequestDate";
    public static final String LEAD_TIME_MET = "leadTimeMet";
    /** The firm's fee for the case's scenario (permiso.fees.firm-mxn-by-scenario); not set while the firm has none. */
    public static final String FIRM_FEE_MXN = "firmFeeMxn";
    public static final String INM_FEE_MXN = "inmFeeMxn";
    /** The year INM published the figure in {@code inmFeeMxn} for (an earlier year's figure is quoted as "about"). */
    public static final String INM_FEE_YEAR = "inmFeeYear";
    public static final String INTAKE_ACCEPTED = "intakeAccepted";
    public static final String DECLINE_REASON = "declineReason";
    public static final String DOCUMENTS_COMPLETE = "documentsComplete";
    public static final String PAYMENT_RECEIVED = "paymentReceived";
    /** What the client paid in all, in MXN, as staff recorded it when confirming the payment. */
    public static final String AMOUNT_PAID_MXN = "amountPaidMxn";
    /** The payment's reference (transfer, receipt or invoice number), free text. */
    public static final String PAYMENT_REFERENCE = "paymentReference";
    public static final String APPOINTMENT_DATE = "appointmentDate";
    public static final String APPOINTMENT_TIME = "appointmentTime";
    public static final String PROCESS_AT_ONCE = "processAtOnce";
    public static final String PERMIT_ISSUED = "permitIssued";
    public static final String PERMIT_DATE = "permitDate";
    public static final String NOT_ISSUED_REASON = "notIssuedReason";
    /**
     * What happens next when INM did not issue the permit, as staff chose in "Record INM outcome": one of
     * {@link InmNextStep}.
     */
    public static final String INM_NEXT_STEP = "inmNextStep";
    /** The date INM said it will issue the permit on ({@code ISSUE_LATER}); the case asks staff again that morning. */
    public static final String PERMIT_ISSUE_DATE = "permitIssueDate";
    public static final String RETURN_BY_DATE = "returnByDate";
    public static final String RETURNS_AFTER_EXPIRY = "returnsAfterExpiry";
    /** The last return-by date any permit for this flight can give: departure + validity. */
    public static final String RETURN_BY_AT_LATEST = "returnByAtLatest";
    /** Whether the planned return is after {@link #RETURN_BY_AT_LATEST}: flagged to staff and client before payment. */
    public static final String TRIP_TOO_LONG = "tripTooLong";
    public static final String REENTRY_DATE = "reentryDate";
    public static final String PERMIT_RETURN_DUE_DATE = "permitReturnDueDate";
    public static final String PERMIT_RETURNED_DATE = "permitReturnedDate";
    /** Staff's answer to the client's "I handed the permit back": whether INM really has it. */
    public static final String PERMIT_RETURN_CONFIRMED = "permitReturnConfirmed";
    /** The reference of INM's receipt for the permit handed back (when the receipt itself is not attached). */
    public static final String INM_RECEIPT_REFERENCE = "inmReceiptReference";
    /**
     * The moment (ISO instant) INM asked for corrected forms: only INM paperwork attached from then on counts for,
     * and is sent with, the next round of paperwork.
     */
    public static final String PAPERWORK_CORRECTIONS_ASKED_AT = "paperworkCorrectionsAskedAt";
    /** Why the case was cancelled, as staff wrote it (shown to the client when the firm decided). */
    public static final String CANCEL_REASON = "cancelReason";
    /** Who asked for the cancellation: {@code CLIENT} or {@code FIRM}. */
    public static final String CANCEL_REQUESTED_BY = "cancelRequestedBy";
    /** What staff decided when a wait ran out ({@link WaitDecision}): new dates, keep waiting, or cancel. */
    public static final String WAIT_DECISION = "waitDecision";
    /** Why, in the client's language: the cancellation email quotes it when the firm cancels. */
    public static final String WAIT_DECISION_NOTE = "waitDecisionNote";
    /** The new travel dates staff give when the client's plans changed (a decision, or a postponed flight). */
    public static final String NEW_DEPARTURE_DATE = "newDepartureDate";
    public static final String NEW_PLANNED_RETURN_DATE = "newPlannedReturnDate";
    /** Until when staff agreed to wait for the documents, or for the payment; asked again that morning. */
    public static final String DOCUMENTS_WAIT_UNTIL = "documentsWaitUntil";
    public static final String PAYMENT_WAIT_UNTIL = "paymentWaitUntil";
    /** What became of the flight ({@link DepartureOutcome}), as staff record it on "Confirm exit stamp". */
    public static final String DEPARTURE_OUTCOME = "departureOutcome";
    public static final String EXIT_STAMP_CONFIRMED = "exitStampConfirmed";
    /** The latest staff notes, as every task form shows them (written by {@code CaseNotes}). */
    public static final String CASE_NOTES = "caseNotes";

    /**
     * Who the client is and how the case reaches them: changed only by the audited case action
     * {@code PUT /api/cases/{caseNumber}/client}, never through a task's form.
     */
    public static final List<String> CLIENT_CONTACT = List.of(CLIENT_NAME, CLIENT_EMAIL, PHONE, LANGUAGE);

    /** The case's identity and the facts the model computes; no task's form may change them. */
    public static final List<String> COMPUTED = List.of(CASE_NUMBER, INTAKE_DATE, REQUIRED_DOCUMENTS, LEAD_TIME_DAYS,
        LATEST_REQUEST_DATE, LEAD_TIME_MET, FIRM_FEE_MXN, INM_FEE_MXN, UPLOADED_DOCUMENTS, RETURN_BY_DATE,
        RETURNS_AFTER_EXPIRY, RETURN_BY_AT_LATEST, TRIP_TOO_LONG, PERMIT_RETURN_DUE_DATE, CANCEL_REASON,
        CANCEL_REQUESTED_BY, CASE_NOTES, PAPERWORK_CORRECTIONS_ASKED_AT, MISSING_DOCUMENTS, DOCUMENTS_COMPLETE,
        DOCUMENT_CHECKLIST, REQUIRED_DOCUMENT_NAMES, MISSING_DOCUMENT_NAMES, INM_FEE_YEAR);

    private Variables() {
    }
  }
}
