package mx.permiso.deadlines;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The moments the engagement model's timers and task due dates use, read from the case's ISO
 * date variables ({@code ${caseTimers.departureReminder(departureDate)}} in the BPMN). Every rule
 * lives in {@link Deadlines}; this only converts for the engine. Re-evaluated when travel dates
 * change, so the model's expressions are the single description of each timer.
 *
 * <p>Every user task has a due and a follow-up date, e.g. {@code camunda:dueDate="${caseTimers.dueOn(returnByDate)}"}
 * and {@code camunda:followUpDate="${caseTimers.followUpOn(returnByDate)}"}. Both count from the
 * moment the task arrives: now, or the task's creation when they are re-evaluated later
 * ({@link #asOfTaskCreation}).
 *
 * <p>An emergency case goes first: every user task has {@code camunda:priority="${caseTimers.priority(scenario)}"},
 * and a task staff can work at once is due within the emergency office time
 * ({@code ${caseTimers.dueOnArrival(scenario)}}, {@code ${caseTimers.dueOnArrivalBy(latestRequestDate, scenario)}}).
 * A task that waits for a date (the appointment, the flight, the return) keeps its date's due moment.
 */
@Component("caseTimers")
public class CaseTimers {

  private final Deadlines deadlines;
  /** Set while a task's expressions are re-evaluated after it was created; empty at creation. */
  private final ThreadLocal<Instant> taskCreated = new ThreadLocal<>();

  public CaseTimers(Deadlines deadlines) {
    this.deadlines = deadlines;
  }

  /** Cycle of reminders while documents are missing, from today until the day before the flight. */
  public String documentsReminders(String departureDate) {
    return cycle(deadlines.documentsReminders(deadlines.today(), date(departureDate)));
  }

  /** Cycle of reminders while the fees are unpaid. */
  public String paymentReminders(String departureDate) {
    return cycle(deadlines.paymentReminders(date(departureDate)));
  }

  /** Cycle of reminders to hand the permit back during the days after re-entry. */
  public String handBackReminders(String reentryDate, String permitReturnDueDate) {
    return cycle(deadlines.handBackReminders(date(reentryDate), date(permitReturnDueDate)));
  }

  /** Documents are late on the morning of the last day the request can be filed. */
  public Date documentsLate(String latestRequestDate) {
    return from(deadlines.reminderAt(date(latestRequestDate)));
  }

  public Date appointmentReminder(String appointmentDate) {
    return from(deadlines.appointmentReminder(date(appointmentDate)));
  }

  public Date departureReminder(String departureDate) {
    return from(deadlines.departureReminder(date(departureDate)));
  }

  public Date returnByReminder(String returnByDate) {
    return from(deadlines.returnByReminder(date(returnByDate)));
  }

  public Date returnByPassed(String returnByDate) {
    return from(deadlines.returnByPassed(date(returnByDate)));
  }

  /** INM said it issues the permit on {@code permitIssueDate}: staff are asked for the outcome again that morning. */
  public Date permitIssueMorning(String permitIssueDate) {
    return from(deadlines.reminderAt(date(permitIssueDate)));
  }

  public Date handBackDeadline(String permitReturnDueDate) {
    return from(deadlines.handBackDeadline(date(permitReturnDueDate)));
  }

  /**
   * When staff decide on documents that never came: the morning after the flight date, or the
   * morning of the day staff agreed to wait until ({@code waitUntil}, blank when none).
   */
  public Date documentsNeverCame(String departureDate, String waitUntil) {
    return from(isBlank(waitUntil) ? deadlines.documentsNeverCame(date(departureDate)) : deadlines.reminderAt(date(waitUntil)));
  }

  /** When staff decide on a payment that never came; {@code waitUntil} as for {@link #documentsNeverCame}. */
  public Date paymentNeverCame(String latestRequestDate, String waitUntil) {
    return from(isBlank(waitUntil) ? deadlines.paymentNeverCame(date(latestRequestDate)) : deadlines.reminderAt(date(waitUntil)));
  }

  /** Escalation when nobody has confirmed the flight two days after it. */
  public Date departureUnconfirmed(String departureDate) {
    return from(deadlines.departureUnconfirmed(date(departureDate)));
  }

  /** The case's scenario that puts its tasks on the fast track. */
  public static final String EMERGENCY = "EMERGENCY";

  /** A staff task that can be worked as soon as it arrives: due after the office time for the case's scenario. */
  public Date dueOnArrival(String scenario) {
    return from(deadlines.staffDueOnArrival(arrived(), isEmergency(scenario)));
  }

  /**
   * A staff task that can be worked as soon as it arrives and must be done by {@code isoDate}: due
   * when the office closes on the last office day on or before it, and for an emergency within the
   * emergency office time.
   */
  public Date dueOnArrivalBy(String isoDate, String scenario) {
    return from(deadlines.staffDueOnArrivalBy(date(isoDate), arrived(), isEmergency(scenario)));
  }

  /** Tasklist priority of a staff task of a case with this scenario. */
  public int priority(String scenario) {
    return deadlines.staffTaskPriority(isEmergency(scenario));
  }

  /** A staff task to be done by {@code isoDate}: due when the office closes on the last office day on or before it. */
  public Date dueOn(String isoDate) {
    return from(deadlines.staffDueBy(date(isoDate), arrived()));
  }

  /** Follow-up of a task staff can work on as soon as it arrives: when it arrives, or the office next opens. */
  public Date followUpOnArrival() {
    return from(deadlines.staffFollowUpOnArrival(arrived()));
  }

  /** Follow-up of a task that waits for {@code isoDate}: the configured lead before its {@link #dueOn} moment. */
  public Date followUpOn(String isoDate) {
    Instant arrived = arrived();
    return from(deadlines.staffFollowUp(deadlines.staffDueBy(date(isoDate), arrived), arrived));
  }

  /**
   * A staff task about something that happens {@code days} calendar days after {@code isoDate}:
   * due when the office closes on the first office day on or after that day.
   */
  public Date dueAfter(String isoDate, int days) {
    return from(deadlines.staffDueFrom(date(isoDate).plusDays(days), arrived()));
  }

  /** Follow-up of a task that waits for a day: the configured lead before its {@link #dueAfter} moment. */
  public Date followUpAfter(String isoDate, int days) {
    Instant arrived = arrived();
    return from(deadlines.staffFollowUp(deadlines.staffDueFrom(date(isoDate).plusDays(days), arrived), arrived));
  }

  /**
   * Evaluates a task's date expressions as they would have been evaluated when the task was
   * created at {@code created}, with today's case variables: a routine task keeps its dates when
   * the travel dates change, and a deadline task moves only as far as its deadline did.
   */
  public <T> T asOfTaskCreation(Instant created, Supplier<T> evaluation) {
    Instant outer = taskCreated.get();
    taskCreated.set(created);
    try {
      return evaluation.get();
    } finally {
      if (outer == null) {
        taskCreated.remove();
      } else {
        taskCreated.set(outer);
      }
    }
  }

  private Instant arrived() {
    Instant created = taskCreated.get();
    return created != null ? created : deadlines.now();
  }

  /**
   * The engine's cycle notation: {@code R<n>/<start>/<period>} fires at start and n more times.
   * An empty series still needs a valid cycle: it fires once, after the last useful day, and the
   * reminder is then found pointless and not sent.
   */
  static String cycle(ReminderSeries series) {
    return "R" + Math.max(series.count() - 1, 0) + "/" + series.first() + "/" + series.interval();
  }

  private static boolean isEmergency(String scenario) {
    return EMERGENCY.equals(scenario);
  }

  /** A variable the model reads with {@code execution.getVariable}: absent arrives as null or, coerced, as "". */
  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static LocalDate date(String isoDate) {
    if (isoDate == null || isoDate.isBlank()) {
      throw new IllegalArgumentException("A date the timer needs is missing");
    }
    return LocalDate.parse(isoDate);
  }

  private static Date from(Instant instant) {
    return Date.from(instant);
  }
}
