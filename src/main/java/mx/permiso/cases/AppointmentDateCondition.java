package mx.permiso.cases;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import mx.permiso.deadlines.Deadlines;
import mx.permiso.engine.TaskCompletionCondition;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * "Book appointment" takes only a date the client can still attend before flying: not in the past
 * (in the firm's time zone) and not after the departure. A Camunda Form cannot compare two dates.
 */
@Component
public class AppointmentDateCondition implements TaskCompletionCondition {

  private final Deadlines deadlines;
  private final MessageSource messages;

  public AppointmentDateCondition(Deadlines deadlines, MessageSource messages) {
    this.deadlines = deadlines;
    this.messages = messages;
  }

  @Override
  public Optional<String> unmet(String taskDefinitionKey, String caseNumber, Map<String, Object> variables) {
    if (!ExitReentryPermitProcess.Elements.USER_TASK_BOOK_APPOINTMENT.equals(taskDefinitionKey)) {
      return Optional.empty();
    }
    Object given = variables.get(ExitReentryPermitProcess.Variables.APPOINTMENT_DATE);
    LocalDate appointment = FormValues.date(given);
    if (appointment == null) {
      return Optional.of(message("task.error.appointmentDate.invalid", given == null ? "" : given));
    }
    LocalDate today = deadlines.today();
    if (appointment.isBefore(today)) {
      return Optional.of(message("task.error.appointmentDate.past", appointment, today));
    }
    LocalDate departure = FormValues.date(variables.get(ExitReentryPermitProcess.Variables.DEPARTURE_DATE));
    if (departure != null && appointment.isAfter(departure)) {
      return Optional.of(message("task.error.appointmentDate.afterDeparture", appointment, departure));
    }
    return Optional.empty();
  }


  private String message(String key, Object... arguments) {
    return FormValues.message(messages, key, arguments);
  }
}
