package mx.permiso.operations;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import mx.permiso.caseboard.CaseStatus;
import mx.permiso.cases.CasePhase;
import org.springframework.stereotype.Component;

/**
 * The product's own metrics (Prometheus at {@code /actuator/prometheus}, for managers and
 * admins): cases started and ended by outcome, open cases by phase, reminders sent and failed,
 * the outbox backlog and its oldest message's age, overdue staff tasks, and the job executor's
 * backlog, failed jobs and incidents. Counts come from the shared database, so every node of a
 * cluster reports the same figures; sum nothing across nodes.
 */
@Component
public class OperationsMetrics implements MeterBinder {

  private final OperationsSnapshot snapshot;

  OperationsMetrics(OperationsSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    FunctionCounter.builder("permiso.cases.started", snapshot,
            s -> s.figures().casesByStatus().values().stream().mapToLong(Long::longValue).sum())
        .description("Cases started, ever").register(registry);
    for (CaseStatus status : CaseStatus.values()) {
      if (!status.isOpen()) {
        FunctionCounter.builder("permiso.cases.ended", snapshot, s -> s.figures().casesByStatus().get(status))
            .tag("outcome", status.name().toLowerCase()).description("Cases ended, by outcome").register(registry);
      }
    }
    for (CasePhase phase : CasePhase.values()) {
      Gauge.builder("permiso.cases.open", snapshot, s -> s.figures().openByPhase().get(phase))
          .tag("phase", phase.name().toLowerCase()).description("Open cases, by phase").register(registry);
    }
    FunctionCounter.builder("permiso.reminders.sent", snapshot, s -> s.figures().remindersSent())
        .description("Reminder emails delivered to the SMTP server").register(registry);
    FunctionCounter.builder("permiso.reminders.failed", snapshot, s -> s.figures().remindersFailed())
        .description("Reminder emails given up on (an incident each)").register(registry);
    Gauge.builder("permiso.outbox.pending", snapshot, s -> s.figures().outboxPending())
        .description("Emails waiting to be sent").register(registry);
    Gauge.builder("permiso.outbox.oldest.pending.age", snapshot, s -> s.figures().oldestPendingSeconds())
        .baseUnit("seconds").description("Age of the oldest email waiting to be sent").register(registry);
    Gauge.builder("permiso.tasks.overdue", snapshot, s -> s.figures().overdueTasks())
        .description("Staff tasks past their due date").register(registry);
    Gauge.builder("permiso.jobs.executable", snapshot, s -> s.figures().executableJobs())
        .description("Jobs due and waiting for the job executor (its backlog)").register(registry);
    Gauge.builder("permiso.jobs.failed", snapshot, s -> s.figures().failedJobs())
        .description("Jobs out of retries").register(registry);
    Gauge.builder("permiso.incidents", snapshot, s -> s.figures().incidents())
        .description("Open incidents (Cockpit)").register(registry);
  }
}
