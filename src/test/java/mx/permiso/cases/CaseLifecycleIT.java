package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.RecordingNotifier;
import mx.permiso.support.SampleCase;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * One canje case from intake to closed on PostgreSQL with the job executor running: the test
 * moves the engine clock to each moment a timer falls due and lets the job executor fire it.
 */
@PostgresApplicationTest
@Import(CaseLifecycleIT.Notices.class)
@TestPropertySource(properties = {
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"
})
class CaseLifecycleIT {

  private static final String CASE = "EXR-2026-0100";

  @TestConfiguration
  static class Notices {
    @Bean
    RecordingNotifier recordingNotifier() {
      return new RecordingNotifier();
    }
  }

  @Autowired
  RuntimeService runtime;

  @Autowired
  TaskService tasks;

  @Autowired
  HistoryService history;

  @Autowired
  RecordingNotifier notices;

  private String instanceId;

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  @Test
  void aCaseRunsFromIntakeToClosedWithTheJobExecutorFiringTheTimers() {
    clockAt("2026-11-03", "09:00");
    instanceId = runtime.startProcessInstanceByKey(ExitReentryPermitProcess.KEY, CASE, SampleCase.intake(CASE)).getId();

    complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true));
    correlate(ExitReentryPermitProcess.Messages.DOCUMENTS_SUBMITTED, Map.of());
    complete(USER_TASK_VERIFY_DOCUMENTS, Map.of("documentsComplete", true));
    complete(USER_TASK_CONFIRM_PAYMENT, Map.of("paymentReceived", true));
    complete(USER_TASK_PREPARE_INM_PAPERWORK, Map.of("paperworkReady", true));
    complete(USER_TASK_BOOK_APPOINTMENT, Map.of("appointmentDate", "2026-11-12", "appointmentTime", "09:30",
        "inmOffice", "Querétaro", "processAtOnce", false));
    awaitTask(USER_TASK_RECORD_OUTCOME);

    clockAt("2026-11-11", "10:01");
    awaitPassed(SERVICE_TASK_SEND_APPOINTMENT_REMINDER);

    clockAt("2026-11-12", "12:00");
    complete(USER_TASK_RECORD_OUTCOME, Map.of("permitIssued", true, "permitDate", "2026-11-12"));
    awaitTask(USER_TASK_CONFIRM_DEPARTURE);

    clockAt("2026-11-19", "10:01");
    awaitPassed(SERVICE_TASK_SEND_DEPARTURE_REMINDER);
    correlate(ExitReentryPermitProcess.Messages.DEPARTURE_CONFIRMED, Map.of());
    awaitTask(USER_TASK_CONFIRM_REENTRY);

    clockAt("2026-12-10", "20:00");
    correlate(ExitReentryPermitProcess.Messages.REENTRY_CONFIRMED, Map.of("reentryDate", "2026-12-10"));
    awaitTask(USER_TASK_RECORD_PERMIT_RETURNED);

    clockAt("2026-12-13", "10:01");
    awaitPassed(SERVICE_TASK_SEND_HAND_BACK_REMINDER);
    correlate(ExitReentryPermitProcess.Messages.PERMIT_RETURNED, Map.of("permitReturnedDate", "2026-12-14"));

    HistoricProcessInstance closed = await().atMost(Duration.ofSeconds(30)).until(() -> history
        .createHistoricProcessInstanceQuery().processInstanceId(instanceId).singleResult(),
        instance -> instance.getEndTime() != null);
    assertThat(closed.getEndActivityId()).isEqualTo(END_EVENT_CASE_ENDED);
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
        .activityId(END_EVENT_CASE_CLOSED).finished().count()).isOne();
    assertThat(notices.of(NoticeType.APPOINTMENT_REMINDER)).extracting(Notice::on).containsExactly(LocalDate.of(2026, 11, 11));
    assertThat(notices.sent()).filteredOn(notice -> notice.caseNumber().equals(CASE)).extracting(Notice::type).containsExactly(
        NoticeType.ACKNOWLEDGEMENT, NoticeType.PAPERWORK_READY, NoticeType.APPOINTMENT_INSTRUCTIONS,
        NoticeType.APPOINTMENT_REMINDER, NoticeType.PERMIT_ISSUED, NoticeType.DEPARTURE_REMINDER,
        NoticeType.WELCOME_BACK, NoticeType.HAND_BACK_REMINDER, NoticeType.CASE_CLOSED);
  }

  private static void clockAt(String date, String time) {
    ClockUtil.setCurrentTime(Date.from(LocalDate.parse(date).atTime(LocalTime.parse(time))
        .atZone(java.time.ZoneId.of("America/Mexico_City")).toInstant()));
  }

  private Task awaitTask(String key) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery()
        .processInstanceId(instanceId).taskDefinitionKey(key).singleResult(), Objects::nonNull);
  }

  private void complete(String key, Map<String, Object> variables) {
    tasks.complete(awaitTask(key).getId(), variables);
  }

  private void correlate(String message, Map<String, Object> variables) {
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
      runtime.createMessageCorrelation(message).processInstanceBusinessKey(CASE).setVariables(variables).correlate();
      return true;
    });
  }

  private void awaitPassed(String activityId) {
    await().atMost(Duration.ofSeconds(30)).until(() -> history.createHistoricActivityInstanceQuery()
        .processInstanceId(instanceId).activityId(activityId).finished().count() > 0);
  }
}
