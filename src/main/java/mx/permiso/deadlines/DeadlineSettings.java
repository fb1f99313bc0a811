package mx.permiso.deadlines;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The firm's timing rules ({@code permiso.deadlines.*} in application.yaml). INM's rules change
 * and sources disagree, so none of these is a constant in code.
 *
 * @param permitValidityDays days a permit is valid, counted from the date printed on it
 * @param permitReturnDays days after re-entry to hand the permit back to INM
 * @param reminderTime local time at which client reminders and escalations fall due
 * @param officeCloses local time by which a staff task is due on its due day
 * @param staffTaskBusinessDays business days staff get for a routine task
 * @param documentsReminderInterval time between reminders while documents are missing
 * @param paymentReminderInterval time between reminders while the fees are unpaid
 * @param handBackReminderInterval time between reminders to hand the permit back
 * @param returnByReminderDaysBefore days before the return-by date the client is reminded
 * @param departureReminderDaysBefore days before the flight the client is reminded
 * @param extraClosedDays days INM or the firm is closed besides the federal holidays
 */
@ConfigurationProperties("permiso.deadlines")
public record DeadlineSettings(
    int permitValidityDays,
    int permitReturnDays,
    LocalTime reminderTime,
    LocalTime officeCloses,
    int staffTaskBusinessDays,
    Period documentsReminderInterval,
    Period paymentReminderInterval,
    Period handBackReminderInterval,
    int returnByReminderDaysBefore,
    int departureReminderDaysBefore,
    List<LocalDate> extraClosedDays) {

  public DeadlineSettings {
    extraClosedDays = extraClosedDays == null ? List.of() : List.copyOf(extraClosedDays);
  }
}
