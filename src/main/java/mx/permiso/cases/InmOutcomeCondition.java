package mx.permiso.cases;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import mx.permiso.cases.ExitReentryPermitProcess.InmNextStep;
import mx.permiso.cases.ExitReentryPermitProcess.Variables;
import mx.permiso.deadlines.Deadlines;
import mx.permiso.engine.TaskCompletionCondition;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * "Record INM outcome" takes a permit not issued only with what happens next, and "INM will issue
 * on a date" only with a date the client can still use: not missing, not in the past (in the firm's
 * time zone), not after the departure. A Camunda Form cannot compare two dates.
 */
@Component
public class InmOutcomeCondition implements TaskCompletionCondition {

  private final Deadlines deadlines;
  private final MessageSource messages;

  public InmOutcomeCondition(Deadlines deadlines, MessageSource messages) {
    this.deadlines = deadlines;
    this.messages = messages;
  }

  @Override
  public Optional<String> unmet(String taskDefinitionKey, String caseNumber, Map<String, Object> variables) {
    if (!ExitReentryPermitProcess.Elements.USER_TASK_RECORD_OUTCOME.equals(taskDefinitionKey)
        || isTrue(variables.get(Variables.PERMIT_ISSUED))) {
      return Optional.empty();
    }
    Object step = variables.get(Variables.INM_NEXT_STEP);
    if (FormValues.choice(InmNextStep.class, step) == null) {
      return Optional.of(message("task.error.inmNextStep.invalid", step == null ? "" : step));
    }
    if (!InmNextStep.ISSUE_LATER.name().equals(step)) {
      return Optional.empty();
    }
    Object given = variables.get(Variables.PERMIT_ISSUE_DATE);
    LocalDate issueDate = FormValues.date(given);
    if (issueDate == null) {
      return Optional.of(message("task.error.permitIssueDate.invalid", given == null ? "" : given));
    }
    LocalDate today = deadlines.today();
    if (issueDate.isBefore(today)) {
      return Optional.of(message("task.error.permitIssueDate.past", issueDate, today));
    }
    LocalDate departure = FormValues.date(variables.get(Variables.DEPARTURE_DATE));
    if (departure != null && issueDate.isAfter(departure)) {
      return Optional.of(message("task.error.permitIssueDate.afterDeparture", issueDate, departure));
    }
    return Optional.empty();
  }

  private static boolean isTrue(Object value) {
    return Boolean.TRUE.equals(value) || "true".equals(value);
  }


  private String message(String key, Object... arguments) {
    return FormValues.message(messages, key, arguments);
  }
}
