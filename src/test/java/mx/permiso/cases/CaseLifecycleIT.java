package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static mx.permiso.support.LiveCase.clockAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import mx.permiso.documents.DocumentStore;
import mx.permiso.mail.Outbox;
import mx.permiso.mail.OutboxMessage;
import mx.permiso.support.LiveCase;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.SampleCase;
import mx.permiso.support.SampleFiles;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * One canje case from intake to closed on PostgreSQL with the job executor running: the test
 * moves the engine clock to each moment a timer falls due and lets the job executor fire it.
 */
@PostgresApplicationTest
@TestPropertySource(properties = {
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"
})
class CaseLifecycleIT {

  private static final String CASE = "EXR-2026-0100";

  @Autowired
  ProcessEngine engine;

  @Autowired
  Outbox outbox;

  @Autowired
  DocumentStore documents;

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  @Test
  void aCaseRunsFromIntakeToClosedWithTheJobExecutorFiringTheTimers() {
    clockAt("2026-11-03", "09:00");
    LiveCase live = new LiveCase(engine, CASE).start(SampleCase.intake(CASE))
        .complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true))
        .correlate(ExitReentryPermitProcess.Messages.DOCUMENTS_SUBMITTED, Map.of())
        .complete(USER_TASK_VERIFY_DOCUMENTS, Map.of("documentsComplete", true))
        .complete(USER_TASK_CONFIRM_PAYMENT, Map.of("paymentReceived", true));
    documents.store(CASE, "INM_PAPERWORK", "solicitud.pdf", SampleFiles.pdf("Solicitud"), "lucia");
    live.complete(USER_TASK_PREPARE_INM_PAPERWORK, Map.of("paperworkReady", true))
        .complete(USER_TASK_BOOK_APPOINTMENT, Map.of("appointmentDate", "2026-11-12", "appointmentTime", "09:30",
            "inmOffice", "Querétaro", "processAtOnce", false));
    live.awaitTask(USER_TASK_RECORD_OUTCOME);

    clockAt("2026-11-11", "10:01");
    live.awaitPassed(SERVICE_TASK_SEND_APPOINTMENT_REMINDER);

    clockAt("2026-11-12", "12:00");
    live.complete(USER_TASK_RECORD_OUTCOME, Map.of("permitIssued", true, "permitDate", "2026-11-12"))
        .awaitTask(USER_TASK_CONFIRM_DEPARTURE);

    clockAt("2026-11-19", "10:01");
    live.awaitPassed(SERVICE_TASK_SEND_DEPARTURE_REMINDER)
        .correlate(ExitReentryPermitProcess.Messages.DEPARTURE_CONFIRMED, Map.of())
        .awaitTask(USER_TASK_CONFIRM_REENTRY);

    clockAt("2026-12-10", "20:00");
    live.correlate(ExitReentryPermitProcess.Messages.REENTRY_CONFIRMED, Map.of("reentryDate", "2026-12-10"))
        .awaitTask(USER_TASK_RECORD_PERMIT_RETURNED);

    clockAt("2026-12-13", "10:01");
    live.awaitPassed(SERVICE_TASK_SEND_HAND_BACK_REMINDER)
        .correlate(ExitReentryPermitProcess.Messages.PERMIT_RETURNED, Map.of("permitReturnedDate", "2026-12-14"))
        .awaitEnded();

    HistoricProcessInstance closed = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(live.instanceId()).singleResult();
    assertThat(closed.getEndActivityId()).isEqualTo(END_EVENT_CASE_ENDED);
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(live.instanceId())
        .activityId(END_EVENT_CASE_CLOSED).finished().count()).isOne();
    // Every email the case caused waits in the outbox (no SMTP server here), in order, each once.
    assertThat(outbox.forCase(CASE)).extracting(OutboxMessage::noticeType).containsExactly(
        "ACKNOWLEDGEMENT", "PAPERWORK_READY", "APPOINTMENT_INSTRUCTIONS", "APPOINTMENT_REMINDER", "PERMIT_ISSUED",
        "DEPARTURE_REMINDER", "WELCOME_BACK", "HAND_BACK_REMINDER", "CASE_CLOSED");
    assertThat(outbox.forCase(CASE)).allSatisfy(message -> {
      assertThat(message.status()).isEqualTo(Outbox.Status.PENDING);
      assertThat(message.recipient()).isEqualTo("jane@example.com");
    });
  }
}
