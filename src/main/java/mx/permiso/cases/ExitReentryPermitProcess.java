package mx.permiso.cases;

/** Names of the engagement process ({@code processes/exit-reentry-permit.bpmn}) that code relies on. */
public final class ExitReentryPermitProcess {

  public static final String KEY = "exit-reentry-permit";

  private ExitReentryPermitProcess() {
  }

  /** Ids of the model's elements. */
  public static final class Elements {
    public static final String START_EVENT_INTAKE_RECEIVED = "StartEvent_IntakeReceived";
    public static final String USER_TASK_REVIEW_INTAKE = "UserTask_ReviewIntake";
    public static final String END_EVENT_CASE_CLOSED = "EndEvent_CaseClosed";

    private Elements() {
    }
  }

  /** Process variables. */
  public static final class Variables {
    public static final String CASE_NUMBER = "caseNumber";
    public static final String CLIENT_NAME = "clientName";
    public static final String SCENARIO = "scenario";
    public static final String INTAKE_ACCEPTED = "intakeAccepted";

    private Variables() {
    }
  }
}
