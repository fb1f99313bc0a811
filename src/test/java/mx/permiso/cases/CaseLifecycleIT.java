package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import mx.permiso.caseboard.CaseStatus;
import mx.permiso.caseboard.CaseSummaries;
import mx.permiso.caseboard.CaseSummary;
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

  @Autowired
  CaseSummaries board;

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  @Test
  void aCaseRunsFromIntakeToClosedWithTheJobExecutorFiringTheTimers() {
    LiveCase live = new LiveCase(engine, CASE).canjeToClosed(SampleCase.intake(CASE), () ->
        documents.store(CASE, "INM_PAPERWORK", "solicitud.pdf", SampleFiles.pdf("Solicitud"), "lucia"));

    HistoricProcessInstance closed = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(live.instanceId()).singleResult();
    assertThat(closed.getEndActivityId()).isEqualTo(END_EVENT_CASE_ENDED);
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(live.instanceId())
        .activityId(END_EVENT_CASE_CLOSED).finished().count()).isOne();
    // Every email the case caused waits in the outbox (no SMTP server here), in order, each once.
    assertThat(outbox.forCase(CASE)).extracting(OutboxMessage::noticeType).containsExactly(
        "ACKNOWLEDGEMENT", "PAPERWORK_READY", "APPOINTMENT_INSTRUCTIONS", "APPOINTMENT_REMINDER", "PERMIT_ISSUED",
        "DEPARTURE_REMINDER", "WELCOME_BACK", "HAND_BACK_REMINDER", "CASE_CLOSED");
    // The board's row followed the case to its end.
    CaseSummary row = board.find(CASE).orElseThrow();
    assertThat(row.status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(row.phase()).isEqualTo(CasePhase.CLOSED);
    assertThat(row.endedAt()).isEqualTo(closed.getEndTime().toInstant());
    assertThat(row.permitDate()).isEqualTo(LocalDate.of(2026, 11, 12));
    assertThat(row.reentryDate()).isEqualTo(LocalDate.of(2026, 12, 10));
    // Day 10 after re-entry is Sunday 20 December, when INM is closed: the last day is Friday 18.
    assertThat(row.permitReturnDueDate()).isEqualTo(LocalDate.of(2026, 12, 18));
    assertThat(row.nextDeadline()).isNull();
    assertThat(row.taskName()).isNull();
    assertThat(outbox.forCase(CASE)).allSatisfy(message -> {
      assertThat(message.status()).isEqualTo(Outbox.Status.PENDING);
      assertThat(message.recipient()).isEqualTo("jane@example.com");
    });
  }
}
