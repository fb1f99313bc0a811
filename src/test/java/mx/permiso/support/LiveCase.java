package mx.permiso.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A case in the running application, driven the way staff and the client would while the job
 * executor works in the background: the test waits for each wait state instead of running jobs.
 */
public final class LiveCase {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final ProcessEngine engine;
  private final String caseNumber;
  private String instanceId;

  public LiveCase(ProcessEngine engine, String caseNumber) {
    this.engine = engine;
    this.caseNumber = caseNumber;
  }

  /** Sets the engine clock (and so the application's) to a local time in Mexico City. */
  public static void clockAt(String date, String time) {
    ClockUtil.setCurrentTime(Date.from(LocalDate.parse(date).atTime(LocalTime.parse(time))
        .atZone(ZoneId.of("America/Mexico_City")).toInstant()));
  }

  /** A case already started (by the intake page or API), found by its number. */
  public static LiveCase existing(ProcessEngine engine, String caseNumber) {
    LiveCase live = new LiveCase(engine, caseNumber);
    live.instanceId = await().atMost(PATIENCE).until(() -> engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(caseNumber).singleResult(), Objects::nonNull).getId();
    return live;
  }

  public LiveCase start(Map<String, Object> intake) {
    return start("exit-reentry-permit", intake);
  }

  /** Starts the case on another model with the same steps (a benchmark's baseline). */
  public LiveCase start(String processKey, Map<String, Object> intake) {
    instanceId = engine.getRuntimeService().startProcessInstanceByKey(processKey, caseNumber, intake).getId();
    return this;
  }

  /** The case's secret client link token, once the first email has made it. */
  public String clientToken(JdbcTemplate jdbc) {
    return await().atMost(PATIENCE).until(() -> jdbc.queryForList(
        "select token from client_link where case_number = ?", String.class, caseNumber), tokens -> !tokens.isEmpty())
        .get(0);
  }

  public String instanceId() {
    return instanceId;
  }

  public Task awaitTask(String key) {
    return await().atMost(PATIENCE).until(() -> engine.getTaskService().createTaskQuery()
        .processInstanceId(instanceId).taskDefinitionKey(key).singleResult(), Objects::nonNull);
  }

  /**
   * Completes the task once the case has it. A job of the case (a timer the test's clock has made due)
   * may change the case at the same moment; the engine then refuses the completion (optimistic
   * locking) and it is tried again, as a staff member would.
   */
  public LiveCase complete(String key, Map<String, Object> variables) {
    await().atMost(PATIENCE).ignoreException(OptimisticLockingException.class).until(() -> {
      engine.getTaskService().complete(awaitTask(key).getId(), variables);
      return true;
    });
    return this;
  }

  /** Correlates a message once the case waits for it (another transaction may still be finishing). */
  public LiveCase correlate(String message, Map<String, Object> variables) {
    await().atMost(PATIENCE).ignoreExceptions().until(() -> {
      engine.getRuntimeService().createMessageCorrelation(message).processInstanceBusinessKey(caseNumber)
          .setVariables(variables).correlate();
      return true;
    });
    return this;
  }

  /** Waits until the case stands at this step (a receive task, a user task, a pending job). */
  public LiveCase awaitAt(String activityId) {
    await().atMost(PATIENCE).until(() -> engine.getRuntimeService().getActiveActivityIds(instanceId)
        .contains(activityId));
    return this;
  }

  public LiveCase awaitPassed(String activityId) {
    await().atMost(PATIENCE).until(() -> engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(instanceId).activityId(activityId).finished().count() > 0);
    return this;
  }

  public LiveCase awaitPassedTimes(String activityId, int times) {
    await().atMost(PATIENCE).until(() -> engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(instanceId).activityId(activityId).finished().count() >= times);
    return this;
  }

  /**
   * The sample canje case (SampleCase) from intake on 3 November 2026 to closed on 14 December,
   * moving the clock to each reminder: appointment 12 November, flight 20 November, back
   * 10 December, the permit handed back on 14 December as staff confirm. {@code attachPaperwork} runs when
   * staff must attach the INM forms.
   */
  public LiveCase canjeToClosed(Map<String, Object> intake, Runnable attachPaperwork) {
    clockAt("2026-11-03", "09:00");
    start(intake)
        .complete("UserTask_ReviewIntake", Map.of("intakeAccepted", true))
        .correlate("DocumentsSubmitted", Map.of())
        .complete("UserTask_VerifyDocuments", SampleCase.documentsVerified())
        .paidToAppointment(attachPaperwork);
    clockAt("2026-11-11", "10:01");
    awaitPassed("ServiceTask_SendAppointmentReminder");
    clockAt("2026-11-12", "12:00");
    complete("UserTask_RecordOutcome", Map.of("permitIssued", true, "permitDate", "2026-11-12"))
        .awaitTask("UserTask_ConfirmDeparture");
    clockAt("2026-11-19", "10:01");
    awaitPassed("ServiceTask_SendDepartureReminder")
        .correlate("DepartureConfirmed", Map.of())
        .awaitTask("UserTask_ConfirmReentry");
    clockAt("2026-12-10", "20:00");
    correlate("ReentryConfirmed", Map.of("reentryDate", "2026-12-10"))
        .awaitTask("UserTask_RecordPermitReturned");
    clockAt("2026-12-13", "10:01");
    awaitPassed("ServiceTask_SendHandBackReminder")
        .correlate("PermitReturned", Map.of("permitReturnedDate", "2026-12-14"))
        .awaitTask("UserTask_ConfirmPermitReturned");
    // Staff check the client's word against INM's receipt before the case closes.
    return complete("UserTask_ConfirmPermitReturned", Map.of("permitReturnConfirmed", "true",
        "inmReceiptReference", "INM-QRO-2026-5512"))
        .awaitEnded();
  }

  /**
   * From documents verified to the INM appointment on 12 November: payment confirmed, the INM
   * forms attached ({@code attachPaperwork}) and sent, the appointment booked.
   */
  public LiveCase paidToAppointment(Runnable attachPaperwork) {
    complete("UserTask_ConfirmPayment", Map.of("paymentReceived", true));
    attachPaperwork.run();
    complete("UserTask_PrepareInmPaperwork", Map.of("paperworkReady", true))
        .complete("UserTask_BookAppointment", Map.of("appointmentDate", "2026-11-12", "appointmentTime", "09:30",
            "inmOffice", "Querétaro", "processAtOnce", false))
        .awaitTask("UserTask_RecordOutcome");
    return this;
  }

  public LiveCase awaitEnded() {
    await().atMost(PATIENCE).until(() -> engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(instanceId).singleResult().getEndTime() != null);
    return this;
  }
}
