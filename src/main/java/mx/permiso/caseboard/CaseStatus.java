package mx.permiso.caseboard;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.END_EVENT_CASE_CANCELLED;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.END_EVENT_CASE_CLOSED;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.END_EVENT_DID_NOT_TRAVEL;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.END_EVENT_INTAKE_DECLINED;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.END_EVENT_PERMIT_NOT_ISSUED;

import java.util.Arrays;
import java.util.Optional;

/** Whether a case is open and, once it has ended, how: the outcome kept in its anonymised record. */
public enum CaseStatus {
  OPEN(null),
  CLOSED(END_EVENT_CASE_CLOSED),
  CANCELLED(END_EVENT_CASE_CANCELLED),
  DECLINED(END_EVENT_INTAKE_DECLINED),
  NOT_ISSUED(END_EVENT_PERMIT_NOT_ISSUED),
  /** The permit was issued but the client did not travel on it. */
  DID_NOT_TRAVEL(END_EVENT_DID_NOT_TRAVEL),
  /** Ended outside the model, by someone deleting the process instance in Cockpit or over REST. */
  DELETED(null);

  private final String endEvent;

  CaseStatus(String endEvent) {
    this.endEvent = endEvent;
  }

  /** The outcome a case reaching this step of the model ends with, if the step ends it. */
  public static Optional<CaseStatus> endedBy(String activityId) {
    return Arrays.stream(values()).filter(status -> status.endEvent != null && status.endEvent.equals(activityId))
        .findFirst();
  }

  public boolean isOpen() {
    return this == OPEN;
  }
}
