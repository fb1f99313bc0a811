package mx.permiso.retention;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import mx.permiso.caseboard.CaseStatus;
import mx.permiso.caseboard.CaseSummaries;
import mx.permiso.caseboard.CaseSummary;
import mx.permiso.cases.AuditLog;
import mx.permiso.cases.CaseNotes;
import mx.permiso.documents.DocumentStore;
import mx.permiso.support.LiveCase;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.SampleCase;
import mx.permiso.support.SampleFiles;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A cancelled case aged past the retention period: its documents, email texts and addresses,
 * client link, audit details and engine history are gone, while its anonymised record stays; a
 * case still open and one that ended recently are left alone.
 */
@PostgresApplicationTest
@TestPropertySource(properties = {
    "permiso.retention.enabled=false",
    "permiso.retention.keep-for=P365D",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"
})
class RetentionIT {

  /** The client of the case that ends early: nothing of them may remain. */
  private static final String EMAIL = "rosa.retencion@example.com";
  private static final String NAME = "Rosa Retención";
  private static final String OTHER_EMAIL = "otto@example.com";
  private static final String OTHER_NAME = "Otto Ortega";

  @Autowired
  ProcessEngine engine;

  @Autowired
  CaseRetention retention;

  @Autowired
  CaseSummaries summaries;

  @Autowired
  DocumentStore documents;

  @Autowired
  AuditLog audit;

  @Autowired
  CaseNotes notes;

  @Autowired
  JdbcTemplate jdbc;

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  @Test
  void aFinishedCaseLosesItsPersonalDataAfterTheRetentionPeriodAndKeepsItsAnonymisedRecord() {
    LiveCase.clockAt("2026-11-03", "09:00");
    LiveCase old = started("EXR-2026-0501", NAME, EMAIL);
    documents.store("EXR-2026-0501", "PASSPORT", "pasaporte.pdf", SampleFiles.pdf("Pasaporte"), "client");
    audit.record("EXR-2026-0501", "client", "DOCUMENT_UPLOADED", "pasaporte.pdf");
    notes.add("EXR-2026-0501", NAME + " called from " + EMAIL, "lucia");
    old.correlate("CaseCancelled", Map.of()).awaitEnded();
    LiveCase open = started("EXR-2026-0502", OTHER_NAME, OTHER_EMAIL);

    LiveCase.clockAt("2027-10-30", "09:00");
    LiveCase recent = started("EXR-2027-0001", OTHER_NAME, OTHER_EMAIL);
    recent.correlate("CaseCancelled", Map.of()).awaitEnded();

    assertThat(retention.purgeExpired()).as("nothing is a year old yet").isZero();

    LiveCase.clockAt("2027-11-04", "23:30");
    assertThat(retention.purgeExpired()).isEqualTo(1);

    CaseSummary record = summaries.find("EXR-2026-0501").orElseThrow();
    assertThat(record.status()).isEqualTo(CaseStatus.CANCELLED);
    assertThat(record.scenario()).isEqualTo("CANJE_PENDING");
    assertThat(record.startedAt()).isNotNull();
    assertThat(record.endedAt()).isNotNull();
    assertThat(record.departureDate()).isNotNull();
    assertThat(record.anonymisedAt()).isNotNull();
    assertThat(record.clientName()).isNull();
    assertThat(record.clientEmail()).isNull();

    assertThat(documents.listOf("EXR-2026-0501")).isEmpty();
    assertThat(count("select count(*) from client_link where case_number = ?", "EXR-2026-0501")).isZero();
    assertThat(count("select count(*) from outbox_message where case_number = ?", "EXR-2026-0501"))
        .as("the emails' record stays").isEqualTo(2);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(old.instanceId())
        .count()).isZero();
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(old.instanceId())
        .count()).isZero();
    assertThat(audit.of("EXR-2026-0501")).extracting(AuditLog.Entry::detail)
        .noneMatch(detail -> detail != null && detail.contains("pasaporte"));
    assertThat(jdbc.queryForList("select author || ':' || text from case_note where case_number = ?", String.class,
        "EXR-2026-0501")).as("who wrote a note, and when, stays; its text goes").containsExactly("lucia:");
    // The client's name and address are nowhere in the application's tables or the engine's history.
    for (String table : new String[] {"outbox_message", "case_note", "case_summary", "audit_event", "act_hi_varinst",
        "act_hi_taskinst", "act_hi_detail"}) {
      String rows = jdbc.queryForList("select cast(t.* as text) from " + table + " t", String.class).toString();
      assertThat(rows).as(table).doesNotContain(EMAIL).doesNotContain(NAME);
    }
    assertThat(summaries.find("EXR-2026-0502").orElseThrow().clientName()).isEqualTo(OTHER_NAME);
    assertThat(summaries.find("EXR-2027-0001").orElseThrow().clientEmail()).isEqualTo(OTHER_EMAIL);
    assertThat(count("select count(*) from client_link where case_number = ?", "EXR-2026-0502")).isOne();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(open.instanceId()).count())
        .isOne();
    assertThat(retention.purgeExpired()).as("purged once").isZero();
  }

  @Test
  void historyCleanupIsScheduledInTheNightlyWindow() {
    assertThat(engine.getHistoryService().findHistoryCleanupJobs()).isNotEmpty().allSatisfy((Job job) ->
        assertThat(job.getDuedate().toInstant().atZone(java.time.ZoneOffset.UTC).getHour()).isBetween(4, 9));
  }

  private LiveCase started(String number, String name, String email) {
    Map<String, Object> intake = SampleCase.intake(number);
    intake.put("clientEmail", email);
    intake.put("clientName", name);
    intake.put("departureDate", "2027-12-18");
    intake.put("plannedReturnDate", "2028-01-10");
    LiveCase live = new LiveCase(engine, number).start(intake);
    live.awaitTask(USER_TASK_REVIEW_INTAKE);
    return live;
  }

  private long count(String sql, Object... args) {
    return jdbc.queryForObject(sql, Long.class, args);
  }
}
