package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static mx.permiso.cases.ExitReentryPermitProcess.Variables.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mx.permiso.deadlines.Deadlines;
import mx.permiso.engine.TaskCompletionCondition;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The decisions staff take when a wait runs out ("Documents never came", "Payment never came") and
 * when they record what became of the flight ("Confirm exit stamp") are complete and possible before
 * the case acts on them: a choice is made; new dates follow the case page's rules (and a postponed
 * flight leaves before the permit expires); an agreed wait ends after today; a cancellation says why.
 * A Camunda Form cannot compare dates or require a field only for one choice.
 */
@Component
public class WaitDecisionCondition implements TaskCompletionCondition {

  private final Deadlines deadlines;
  private final MessageSource messages;

  public WaitDecisionCondition(Deadlines deadlines, MessageSource messages) {
    this.deadlines = deadlines;
    this.messages = messages;
  }

  @Override
  public Optional<String> unmet(String taskDefinitionKey, String caseNumber, Map<String, Object> variables) {
    List<String> problems = switch (taskDefinitionKey) {
      case USER_TASK_HANDLE_DOCUMENTS_NEVER_CAME -> waitDecision(variables, DOCUMENTS_WAIT_UNTIL);
      case USER_TASK_HANDLE_PAYMENT_NEVER_CAME -> waitDecision(variables, PAYMENT_WAIT_UNTIL);
      case USER_TASK_CONFIRM_DEPARTURE -> departureOutcome(variables);
      default -> List.of();
    };
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", problems));
  }

  private List<String> waitDecision(Map<String, Object> variables, String waitUntilField) {
    WaitDecision decision = WaitDecision.of(variables.get(WAIT_DECISION));
    if (decision == null) {
      return List.of(message("task.error.waitDecision.missing"));
    }
    LocalDate today = deadlines.today();
    return switch (decision) {
      case NEW_DATES -> newDates(variables, today, null);
      case KEEP_WAITING -> {
        LocalDate until = FormValues.date(variables.get(waitUntilField));
        if (until == null) {
          yield List.of(message("task.error.waitUntil.missing", waitUntilField));
        }
        if (!until.isAfter(today)) {
          yield List.of(message("task.error.waitUntil.notAfterToday", waitUntilField, until, today));
        }
        yield until.isAfter(today.plusYears(1))
            ? List.of(message("task.error.waitUntil.tooFar", waitUntilField, until))
            : List.of();
      }
      case CANCEL -> CaseCancellation.reasonProblem(text(variables.get(WAIT_DECISION_NOTE)))
          .map(code -> List.of(message("task.error.field", WAIT_DECISION_NOTE,
              message(code, CaseCancellation.REASON_MAX_LENGTH))))
          .orElse(List.of());
    };
  }

  private List<String> departureOutcome(Map<String, Object> variables) {
    DepartureOutcome outcome = DepartureOutcome.of(variables.get(DEPARTURE_OUTCOME));
    if (outcome == null) {
      return List.of(message("task.error.departureOutcome.missing"));
    }
    return switch (outcome) {
      case TRAVELLED -> Boolean.TRUE.equals(variables.get(EXIT_STAMP_CONFIRMED))
          ? List.of()
          : List.of(message("task.error.exitStampConfirmed.missing"));
      case POSTPONED -> newDates(variables, deadlines.today(), FormValues.date(variables.get(RETURN_BY_DATE)));
      case DID_NOT_TRAVEL -> List.of();
    };
  }

  /** New travel dates; with a permit issued ({@code returnBy} not null), the new flight must leave before it expires. */
  private List<String> newDates(Map<String, Object> variables, LocalDate today, LocalDate returnBy) {
    List<String> problems = new ArrayList<>();
    LocalDate departure = FormValues.date(variables.get(NEW_DEPARTURE_DATE));
    LocalDate plannedReturn = FormValues.date(variables.get(NEW_PLANNED_RETURN_DATE));
    if (departure == null) {
      problems.add(message("task.error.field", NEW_DEPARTURE_DATE, message("intake.error.date.missing")));
    }
    if (plannedReturn == null) {
      problems.add(message("task.error.field", NEW_PLANNED_RETURN_DATE, message("intake.error.date.missing")));
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    for (TravelDates.Problem problem : TravelDates.problems(departure, plannedReturn, true, returnBy, today,
        NEW_DEPARTURE_DATE, NEW_PLANNED_RETURN_DATE)) {
      problems.add(message("task.error.field", problem.field(), message(problem.code())));
    }
    return problems;
  }



  private static String text(Object value) {
    return value instanceof String text ? text : null;
  }

  private String message(String key, Object... arguments) {
    return FormValues.message(messages, key, arguments);
  }
}
