package mx.permiso.caseboard;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.*;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mx.permiso.cases.CaseFacts;
import mx.permiso.cases.CasePhase;
import mx.permiso.cases.ExitReentryPermitProcess;
import mx.permiso.engine.InstanceChange;
import mx.permiso.engine.InstanceChange.TaskEvent;
import mx.permiso.engine.InstanceChangeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps {@code case_summary} in step with the engine: every change to an engagement
 * (instance started or ended, step reached, staff task created/claimed/completed, variable set)
 * is gathered per transaction and written just before it commits, in the same transaction as
 * the engine's own writes, so the board never shows a step that rolled back. One update per
 * case and transaction, whatever the number of events.
 */
@Component
public class CaseProjection implements InstanceChangeListener {

  private static final Logger LOG = LoggerFactory.getLogger(CaseProjection.class);

  /** Process variables the board keeps, by column. */
  private static final Map<String, String> TEXT_COLUMNS = Map.of(
      CLIENT_NAME, "client_name", CLIENT_EMAIL, "client_email", LANGUAGE, "language", SCENARIO, "scenario");
  private static final Map<String, String> DATE_COLUMNS = Map.of(
      DEPARTURE_DATE, "departure_date", PLANNED_RETURN_DATE, "planned_return_date",
      LATEST_REQUEST_DATE, "latest_request_date", APPOINTMENT_DATE, "appointment_date", PERMIT_DATE, "permit_date",
      RETURN_BY_DATE, "return_by_date", REENTRY_DATE, "reentry_date", PERMIT_RETURN_DUE_DATE,
      "permit_return_due_date");

  private final JdbcTemplate jdbc;
  private final CaseSummaries summaries;
  private final Object transactionKey = new Object();

  public CaseProjection(JdbcTemplate jdbc, CaseSummaries summaries) {
    this.jdbc = jdbc;
    this.summaries = summaries;
  }

  @Override
  public void changed(InstanceChange change) {
    String definitionKey = change.processDefinitionKey();
    if (definitionKey != null && !ExitReentryPermitProcess.KEY.equals(definitionKey)) {
      return;
    }
    Map<String, CaseChanges> pending = pending();
    CaseChanges changes = pending.computeIfAbsent(change.processInstanceId(), CaseChanges::new);
    gather(change, changes);
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      apply(changes);
    }
  }

  private void gather(InstanceChange change, CaseChanges changes) {
    if (change instanceof InstanceChange.Started started) {
      changes.startedCaseNumber = started.businessKey();
      changes.startedAt = started.at();
    } else if (change instanceof InstanceChange.Ended ended) {
      changes.ended = true;
      changes.endedAt = ended.at();
    } else if (change instanceof InstanceChange.TaskChanged task) {
      changes.tasks.add(new CaseChanges.TaskChange(task.taskId(), task.event() == TaskEvent.CREATED,
          task.event() == TaskEvent.GONE, task.name(), task.assignee(), task.dueAt(), task.createdAt()));
    } else if (change instanceof InstanceChange.StepReached step) {
      CasePhase.of(step.activityId()).ifPresent(changes::reached);
      CaseStatus.endedBy(step.activityId()).ifPresent(outcome -> changes.outcome = outcome);
    } else if (change instanceof InstanceChange.VariableChanged variable) {
      variable(changes, variable.name(), variable.textValue());
    }
  }

  /** Notes the new value of a process variable, if the board keeps it. */
  static void variable(CaseChanges changes, String name, String value) {
    if (TEXT_COLUMNS.containsKey(name)) {
      changes.columns.put(TEXT_COLUMNS.get(name), value);
      if (CLIENT_NAME.equals(name)) {
        changes.columns.put("client_search", CaseSummaries.searchable(value));
      }
    } else if (DATE_COLUMNS.containsKey(name)) {
      changes.columns.put(DATE_COLUMNS.get(name), isoDate(name, value));
    }
  }

  /** The variables the board keeps. */
  static String[] keptVariables() {
    return java.util.stream.Stream.concat(TEXT_COLUMNS.keySet().stream(), DATE_COLUMNS.keySet().stream())
        .toArray(String[]::new);
  }

  /** The changes of the current transaction, registered to be written before it commits. */
  @SuppressWarnings("unchecked")
  private Map<String, CaseChanges> pending() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return new LinkedHashMap<>();
    }
    Map<String, CaseChanges> pending = (Map<String, CaseChanges>) TransactionSynchronizationManager.getResource(
        transactionKey);
    if (pending == null) {
      Map<String, CaseChanges> created = new LinkedHashMap<>();
      TransactionSynchronizationManager.bindResource(transactionKey, created);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void beforeCommit(boolean readOnly) {
          created.values().forEach(CaseProjection.this::apply);
          created.clear();
        }

        @Override
        public void suspend() {
          TransactionSynchronizationManager.unbindResourceIfPossible(transactionKey);
        }

        @Override
        public void resume() {
          TransactionSynchronizationManager.bindResource(transactionKey, created);
        }

        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(transactionKey);
        }
      });
      pending = created;
    }
    return pending;
  }

  /** Writes one case's changes: its row, its open tasks, and what follows from them. */
  void apply(CaseChanges changes) {
    if (changes.isEmpty()) {
      return;
    }
    String instanceId = changes.processInstanceId;
    if (changes.startedCaseNumber != null) {
      jdbc.update("insert into case_summary (case_number, process_instance_id, status, phase, started_at) "
              + "select ?, ?, 'OPEN', ?, ? where not exists (select 1 from case_summary where case_number = ?)",
          changes.startedCaseNumber, instanceId, CasePhase.REVIEW.name(), timestamp(changes.startedAt),
          changes.startedCaseNumber);
    }
    CaseSummary current = summaries.lockByInstance(instanceId).orElse(null);
    if (current == null) {
      return;
    }
    applyTasks(instanceId, changes.tasks);
    if (changes.ended) {
      jdbc.update("delete from case_task where process_instance_id = ?", instanceId);
    }
    Map<String, Object> columns = new LinkedHashMap<>(changes.columns);
    CasePhase phase = changes.phase != null && changes.phase.compareTo(current.phase()) > 0
        ? changes.phase : current.phase();
    columns.put("phase", phase.name());
    CaseStatus status = current.status();
    if (changes.outcome != null) {
      status = changes.outcome;
    } else if (changes.ended && status.isOpen()) {
      status = CaseStatus.DELETED;
    }
    columns.put("status", status.name());
    if (changes.ended) {
      columns.put("ended_at", timestamp(changes.endedAt));
    }
    DeadlineKind.CaseDates dates = new DeadlineKind.CaseDates(
        date(columns, "latest_request_date", current.latestRequestDate()),
        date(columns, "departure_date", current.departureDate()),
        date(columns, "appointment_date", current.appointmentDate()),
        date(columns, "return_by_date", current.returnByDate()),
        date(columns, "permit_return_due_date", current.permitReturnDueDate()));
    DeadlineKind.Deadline next = status.isOpen() ? DeadlineKind.next(phase, dates).orElse(null) : null;
    columns.put("next_deadline", next == null ? null : java.sql.Date.valueOf(next.date()));
    columns.put("next_deadline_kind", next == null ? null : next.kind().name());
    if (!changes.tasks.isEmpty() || changes.ended) {
      FirstTask first = jdbc.query("select name, assignee, due_at from case_task where process_instance_id = ? "
              + "order by due_at nulls last, created_at", rs -> rs.next()
              ? new FirstTask(rs.getString(1), rs.getString(2), rs.getTimestamp(3)) : new FirstTask(null, null, null),
          instanceId);
      columns.put("task_name", first.name());
      columns.put("assignee", first.assignee());
      columns.put("task_due_at", first.dueAt());
    }
    // The row is written only when a value differs: most steps leave what the board shows as it was.
    String set = String.join(", ", columns.keySet().stream().map(column -> column + " = ?").toList());
    String differs = String.join(" or ", columns.keySet().stream().map(column -> column + " is distinct from ?")
        .toList());
    List<Object> args = new ArrayList<>(columns.values());
    args.add(instanceId);
    args.addAll(columns.values());
    jdbc.update("update case_summary set " + set + " where process_instance_id = ? and (" + differs + ")",
        args.toArray());
  }

  /** Each task's last state in the transaction, written once; a task created and gone in it, not at all. */
  private void applyTasks(String instanceId, List<CaseChanges.TaskChange> changes) {
    Map<String, CaseChanges.TaskChange> last = new LinkedHashMap<>();
    Set<String> created = new HashSet<>();
    for (CaseChanges.TaskChange task : changes) {
      last.put(task.taskId(), task);
      if (task.created()) {
        created.add(task.taskId());
      }
    }
    for (CaseChanges.TaskChange task : last.values()) {
      if (task.gone()) {
        if (!created.contains(task.taskId())) {
          jdbc.update("delete from case_task where task_id = ?", task.taskId());
        }
      } else if (created.contains(task.taskId())
          || jdbc.update("update case_task set name = ?, assignee = ?, due_at = ? where task_id = ? and (name is "
              + "distinct from ? or assignee is distinct from ? or due_at is distinct from ?)", task.name(),
          task.assignee(), timestamp(task.dueAt()), task.taskId(), task.name(), task.assignee(),
          timestamp(task.dueAt())) == 0) {
        // New, or (unchanged or) missing: a task of a case the board took up after it began.
        jdbc.update("insert into case_task (task_id, process_instance_id, name, assignee, due_at, created_at) "
                + "select ?, ?, ?, ?, ?, ? where not exists (select 1 from case_task where task_id = ?)",
            task.taskId(), instanceId, task.name(), task.assignee(), timestamp(task.dueAt()),
            timestamp(task.createdAt() == null ? Instant.now() : task.createdAt()), task.taskId());
      }
    }
  }

  private record FirstTask(String name, String assignee, Timestamp dueAt) {
  }

  private static LocalDate date(Map<String, Object> columns, String column, LocalDate current) {
    if (!columns.containsKey(column)) {
      return current;
    }
    Object value = columns.get(column);
    return value == null ? null : ((java.sql.Date) value).toLocalDate();
  }

  /** A date variable as the board keeps it; a value that is not an ISO date is left out, never an error. */
  private static java.sql.Date isoDate(String name, String text) {
    try {
      LocalDate date = CaseFacts.isoDate(name, text);
      return date == null ? null : java.sql.Date.valueOf(date);
    } catch (IllegalArgumentException e) {
      LOG.debug("Left off the board: {}", e.getMessage());
      return null;
    }
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
