package mx.permiso.cases;

/**
 * What staff decide when a wait runs out (the documents or the payment never came): the model's
 * gateways read the choice from {@link ExitReentryPermitProcess.Variables#WAIT_DECISION}.
 */
public enum WaitDecision {
  /** The client travels on other dates: the case takes them and waits again, reminders and all. */
  NEW_DATES,
  /** Wait until a date staff agreed with the client; then staff are asked again. */
  KEEP_WAITING,
  /** The firm ends the case; the client is told why. */
  CANCEL;

  /** The decision of this name; null for anything else. */
  public static WaitDecision of(Object name) {
    return FormValues.choice(WaitDecision.class, name);
  }
}
