package mx.permiso.operations;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import mx.permiso.caseboard.CaseStatus;
import mx.permiso.caseboard.CaseSummaries;
import mx.permiso.cases.CasePhase;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The figures the metrics report, read from the database (so every node reports the same, and a
 * restart loses nothing) and kept for a short while, so one scrape costs a handful of queries.
 */
@Component
class OperationsSnapshot {

  private final CaseSummaries cases;
  private final JdbcTemplate jdbc;
  private final TaskService tasks;
  private final ManagementService management;
  private final RuntimeService runtime;
  private final Clock clock;
  private final Duration refresh;
  private Figures figures;
  private Instant readAt;

  OperationsSnapshot(CaseSummaries cases, JdbcTemplate jdbc, TaskService tasks, ManagementService management,
      RuntimeService runtime, Clock clock, @Value("${permiso.metrics.refresh}") Duration refresh) {
    this.cases = cases;
    this.jdbc = jdbc;
    this.tasks = tasks;
    this.management = management;
    this.runtime = runtime;
    this.clock = clock;
    this.refresh = refresh;
  }

  synchronized Figures figures() {
    Instant now = clock.instant();
    if (figures == null || readAt == null || !now.isBefore(readAt.plus(refresh)) || now.isBefore(readAt)) {
      figures = read(now);
      readAt = now;
    }
    return figures;
  }

  private Figures read(Instant now) {
    Timestamp oldest = jdbc.queryForObject("select min(created_at) from outbox_message where status = 'PENDING'",
        Timestamp.class);
    return new Figures(
        cases.byStatus(),
        cases.openByPhase(),
        reminders("SENT"),
        reminders("FAILED"),
        count("select count(*) from outbox_message where status = 'PENDING'"),
        oldest == null ? 0 : Math.max(0, Duration.between(oldest.toInstant(), now).toSeconds()),
        tasks.createTaskQuery().dueBefore(Date.from(now)).count(),
        management.createJobQuery().executable().count(),
        management.createJobQuery().noRetriesLeft().count(),
        runtime.createIncidentQuery().count());
  }

  private long reminders(String status) {
    return count("select count(*) from outbox_message where status = '" + status
        + "' and notice_type like '%\\_REMINDER' escape '\\'");
  }

  private long count(String sql) {
    Long count = jdbc.queryForObject(sql, Long.class);
    return count == null ? 0 : count;
  }

  /** One reading of every figure. */
  record Figures(Map<CaseStatus, Long> casesByStatus, Map<CasePhase, Long> openByPhase, long remindersSent,
                 long remindersFailed, long outboxPending, long oldestPendingSeconds, long overdueTasks,
                 long executableJobs, long failedJobs, long incidents) {
  }
}
