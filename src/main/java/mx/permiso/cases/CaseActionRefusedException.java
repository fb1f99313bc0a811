package mx.permiso.cases;

/**
 * A staff action the case does not allow: no such case (404), or a case that has ended or is past
 * the point where the action makes sense (409). Carries the field to blame, if one, and the
 * message code ({@code messages*.properties}) with its arguments.
 */
public class CaseActionRefusedException extends RuntimeException {

  private final boolean notFound;
  private final String field;
  private final String code;
  private final transient Object[] args;

  CaseActionRefusedException(boolean notFound, String field, String code, Object... args) {
    super(code + " " + java.util.Arrays.toString(args));
    this.notFound = notFound;
    this.field = field;
    this.code = code;
    this.args = args;
  }

  static CaseActionRefusedException notFound(String caseNumber) {
    return new CaseActionRefusedException(true, null, "caseAction.error.notFound", caseNumber);
  }

  static CaseActionRefusedException conflict(String field, String code, Object... args) {
    return new CaseActionRefusedException(false, field, code, args);
  }

  /** True for an unknown case (404), false when the case's state refuses the action (409). */
  public boolean notFound() {
    return notFound;
  }

  /** The request field the refusal is about, or null when it is about the case as a whole. */
  public String field() {
    return field;
  }

  public String code() {
    return code;
  }

  public Object[] args() {
    return args.clone();
  }
}
