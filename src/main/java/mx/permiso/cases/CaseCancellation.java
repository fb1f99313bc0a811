package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.CANCEL_REASON;
import static mx.permiso.cases.ExitReentryPermitProcess.Variables.CANCEL_REQUESTED_BY;

import java.util.Optional;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff cancel a running case: the model's {@code CaseCancelled} message ends the engagement and
 * sends the client the cancellation (worded for who asked for it), and the audit log names who
 * cancelled, why and at whose request, in one transaction. The application correlates the message
 * itself: no staff member needs the engine's right to do so.
 */
@Service
public class CaseCancellation {

  static final String AUDIT_ACTION = "CaseCancelled";
  /** Longest reason kept; the firm's reason is shown to the client. */
  public static final int REASON_MAX_LENGTH = 1000;

  /** Who asked for the cancellation: the client, or the firm's own decision. */
  public enum RequestedBy {
    CLIENT,
    FIRM;

    /** The choice of this name; null for anything else (no choice, another value). */
    public static RequestedBy of(Object name) {
      return FormValues.choice(RequestedBy.class, name);
    }
  }

  private final RuntimeService runtime;
  private final RunningCases cases;
  private final AuditLog audit;

  public CaseCancellation(RuntimeService runtime, RunningCases cases, AuditLog audit) {
    this.runtime = runtime;
    this.cases = cases;
    this.audit = audit;
  }

  /**
   * Cancels the case. {@code reason} is required (not blank, at most {@link #REASON_MAX_LENGTH});
   * when the firm decided, the client reads it in the cancellation email.
   *
   * @throws StaffActionRefused 404 for an unknown case; 409 for an ended or already cancelled one
   * @throws IllegalArgumentException for a blank or too long reason (the controller checks first)
   */
  @Transactional
  public void cancel(String caseNumber, String reason, RequestedBy requestedBy, String actor) {
    if (reasonProblem(reason).isPresent() || requestedBy == null) {
      throw new IllegalArgumentException("A reason (1-" + REASON_MAX_LENGTH + " characters) and who asked are needed");
    }
    String kept = kept(reason);
    ProcessInstance instance = cases.require(caseNumber);
    try {
      runtime.createMessageCorrelation(ExitReentryPermitProcess.Messages.CASE_CANCELLED)
          .processInstanceId(instance.getId())
          .setVariable(CANCEL_REASON, kept)
          .setVariable(CANCEL_REQUESTED_BY, requestedBy.name())
          .correlateWithResult();
    } catch (MismatchingMessageCorrelationException | NullValueException e) {
      // The engagement is over already (cancelled a moment ago; its last email is on its way).
      throw new StaffActionRefused(HttpStatus.CONFLICT, null, "cancel.error.alreadyCancelled", caseNumber);
    } catch (OptimisticLockingException e) {
      throw StaffActionRefused.busy(caseNumber);
    }
    audit.record(caseNumber, actor, AUDIT_ACTION, "requestedBy: " + requestedBy + "; reason: " + kept);
  }

  /**
   * Why this reason cannot be kept, as a message code taking {@link #REASON_MAX_LENGTH} as its
   * argument; empty when it can. The JSON API and the case page ask the same question.
   */
  public static Optional<String> reasonProblem(String reason) {
    if (reason == null || reason.isBlank()) {
      return Optional.of("cancel.error.reason.missing");
    }
    return kept(reason).length() > REASON_MAX_LENGTH ? Optional.of("cancel.error.reason.tooLong") : Optional.empty();
  }

  /** The reason as kept and shown to the client: on one line, without runs of spaces. */
  static String kept(String reason) {
    return reason.strip().replaceAll("\\s+", " ");
  }
}
