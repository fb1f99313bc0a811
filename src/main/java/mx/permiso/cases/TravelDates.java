package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.DEPARTURE_DATE;
import static mx.permiso.cases.ExitReentryPermitProcess.Variables.PLANNED_RETURN_DATE;
import static mx.permiso.cases.ExitReentryPermitProcess.Variables.RETURN_BY_DATE;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import mx.permiso.deadlines.Deadlines;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff change a running case's travel dates: the model's {@code TravelDatesChanged} message sets
 * them, and its event sub-process recomputes the deadlines, moves every pending timer and open
 * task and emails the client the new dates ({@link RescheduleDeadlinesDelegate}); the audit log
 * names who changed which date from what to what, in the same transaction. Once the client has
 * left Mexico only the planned return may change; once back, neither.
 */
@Service
public class TravelDates {

  static final String AUDIT_ACTION = "TravelDatesChanged";

  private final RuntimeService runtime;
  private final HistoryService history;
  private final RunningCases running;
  private final AuditLog audit;
  private final Deadlines deadlines;

  public TravelDates(RuntimeService runtime, HistoryService history, RunningCases running, AuditLog audit,
      Deadlines deadlines) {
    this.runtime = runtime;
    this.history = history;
    this.running = running;
    this.audit = audit;
    this.deadlines = deadlines;
  }

  /** A date the case cannot take: the field and the message code ({@code messages*.properties}). */
  public record Problem(String field, String code) {
  }

  /** Dates the case cannot take (400), each with its field. */
  public static class InvalidDatesException extends RuntimeException {
    private final List<Problem> problems;

    InvalidDatesException(List<Problem> problems) {
      super(problems.toString());
      this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
      return problems;
    }
  }

  /**
   * A travel date as staff give it ({@code YYYY-MM-DD}); null, with the problem added, when it is
   * missing or no date. The JSON API and the case page read dates alike.
   */
  public static LocalDate date(String field, String text, List<Problem> problems) {
    if (text == null || text.isBlank()) {
      problems.add(new Problem(field, "intake.error.date.missing"));
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      problems.add(new Problem(field, "intake.error.date.invalid"));
      return null;
    }
  }

  /**
   * What is wrong with these travel dates, each under the given field name: a changed departure must
   * be from {@code today} to a year ahead and, once a permit is issued ({@code returnBy} not null),
   * before it expires; the return after the departure. Staff changing the dates on the case page and
   * in a task's form meet the same rules.
   */
  public static List<Problem> problems(LocalDate departureDate, LocalDate plannedReturnDate, boolean departureChanged,
      LocalDate returnBy, LocalDate today, String departureField, String returnField) {
    List<Problem> problems = new ArrayList<>();
    if (departureChanged && departureDate.isBefore(today)) {
      problems.add(new Problem(departureField, "intake.error.departureDate.past"));
    } else if (departureChanged && departureDate.isAfter(today.plusYears(1))) {
      problems.add(new Problem(departureField, "intake.error.departureDate.tooFar"));
    } else if (departureChanged && returnBy != null && !departureDate.isBefore(returnBy)) {
      problems.add(new Problem(departureField, "travel.error.departureAfterPermit"));
    }
    if (!plannedReturnDate.isAfter(departureDate)) {
      problems.add(new Problem(returnField, "intake.error.plannedReturnDate.beforeDeparture"));
    }
    return problems;
  }

  /** The case's dates after the change, and which of them changed (none: nothing was done). */
  public record Outcome(LocalDate departureDate, LocalDate plannedReturnDate, List<String> changed) {
  }

  /**
   * Changes the case's departure and planned return. An unchanged departure may lie in the past (the
   * client has left); a changed one must be from today (the business time zone's) to a year ahead, and
   * the return after the departure.
   *
   * @throws InvalidDatesException 400, naming each wrong date
   * @throws StaffActionRefused 404 for an unknown case; 409 for an ended or cancelled case, a
   *     changed departure once the client has left, or any change once the client is back
   */
  @Transactional
  public Outcome change(String caseNumber, LocalDate departureDate, LocalDate plannedReturnDate, String actor) {
    ProcessInstance instance = running.require(caseNumber);
    CaseFacts before;
    try {
      before = CaseFacts.of(runtime.getVariables(instance.getId(),
          List.of(DEPARTURE_DATE, PLANNED_RETURN_DATE, RETURN_BY_DATE)));
    } catch (NullValueException | NotFoundException e) {
      // It ended a moment ago (its last step ran in the background).
      throw StaffActionRefused.ended(caseNumber);
    }
    LocalDate oldDeparture = before.requiredDate(DEPARTURE_DATE);
    LocalDate oldReturn = before.requiredDate(PLANNED_RETURN_DATE);
    boolean departureChanged = !departureDate.equals(oldDeparture);
    boolean returnChanged = !plannedReturnDate.equals(oldReturn);

    if (reached(instance, ExitReentryPermitProcess.Elements.SERVICE_TASK_COMPUTE_PERMIT_RETURN_DUE)
        && (departureChanged || returnChanged)) {
      throw new StaffActionRefused(HttpStatus.CONFLICT, returnChanged ? PLANNED_RETURN_DATE : DEPARTURE_DATE,
          "travel.error.back", caseNumber);
    }
    if (departureChanged && reached(instance, ExitReentryPermitProcess.Elements.USER_TASK_CONFIRM_REENTRY)) {
      throw new StaffActionRefused(HttpStatus.CONFLICT, DEPARTURE_DATE, "travel.error.departed", caseNumber, oldDeparture);
    }
    LocalDate returnBy = before.returnByDate().orElse(null);
    List<Problem> problems = problems(departureDate, plannedReturnDate, departureChanged, returnBy, deadlines.today(),
        DEPARTURE_DATE, PLANNED_RETURN_DATE);
    if (!problems.isEmpty()) {
      throw new InvalidDatesException(problems);
    }
    List<String> changed = new ArrayList<>();
    if (departureChanged) {
      changed.add(DEPARTURE_DATE);
    }
    if (returnChanged) {
      changed.add(PLANNED_RETURN_DATE);
    }
    if (changed.isEmpty()) {
      return new Outcome(departureDate, plannedReturnDate, List.of());
    }
    try {
      runtime.createMessageCorrelation(ExitReentryPermitProcess.Messages.TRAVEL_DATES_CHANGED)
          .processInstanceId(instance.getId())
          .setVariable(DEPARTURE_DATE, departureDate.toString())
          .setVariable(PLANNED_RETURN_DATE, plannedReturnDate.toString())
          .correlateWithResult();
    } catch (MismatchingMessageCorrelationException | NullValueException e) {
      // Cancelled or ended a moment ago: the engagement, and with it its deadlines, is over.
      throw StaffActionRefused.ended(caseNumber);
    } catch (OptimisticLockingException e) {
      throw StaffActionRefused.busy(caseNumber);
    }
    audit.record(caseNumber, actor, AUDIT_ACTION, DEPARTURE_DATE + ": " + oldDeparture + " -> " + departureDate
        + "; " + PLANNED_RETURN_DATE + ": " + oldReturn + " -> " + plannedReturnDate);
    return new Outcome(departureDate, plannedReturnDate, List.copyOf(changed));
  }

  private boolean reached(ProcessInstance instance, String activityId) {
    return history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).activityId(activityId)
        .count() > 0;
  }
}
