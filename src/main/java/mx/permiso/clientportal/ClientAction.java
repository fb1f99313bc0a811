package mx.permiso.clientportal;

import java.util.Arrays;
import java.util.Optional;
import mx.permiso.cases.ExitReentryPermitProcess.Messages;
import mx.permiso.cases.ExitReentryPermitProcess.Variables;

/**
 * What the client tells us from the case page; each correlates the process message of the same
 * name, and is offered only while the process waits for it.
 *
 * @param message the process message
 * @param dateVariable the date the client gives with it, if any
 */
public enum ClientAction {
  DOCUMENTS_SUBMITTED(Messages.DOCUMENTS_SUBMITTED, null),
  DEPARTURE_CONFIRMED(Messages.DEPARTURE_CONFIRMED, null),
  REENTRY_CONFIRMED(Messages.REENTRY_CONFIRMED, Variables.REENTRY_DATE),
  PERMIT_RETURNED(Messages.PERMIT_RETURNED, Variables.PERMIT_RETURNED_DATE);

  private final String message;
  private final String dateVariable;

  ClientAction(String message, String dateVariable) {
    this.message = message;
    this.dateVariable = dateVariable;
  }

  public String message() {
    return message;
  }

  public String dateVariable() {
    return dateVariable;
  }

  public boolean asksForDate() {
    return dateVariable != null;
  }

  public static Optional<ClientAction> byMessage(String message) {
    return Arrays.stream(values()).filter(action -> action.message.equals(message)).findFirst();
  }
}
