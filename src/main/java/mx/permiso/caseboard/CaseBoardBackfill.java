package mx.permiso.caseboard;

import java.time.Instant;
import java.util.List;
import mx.permiso.cases.CasePhase;
import mx.permiso.cases.ExitReentryPermitProcess;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives every case that has no board row yet one, read from the engine: cases started before the
 * board existed, after an upgrade. Runs at start-up and does nothing when every case has a row;
 * any node may run it at the same time as another (a row is only ever added once).
 */
@Component
public class CaseBoardBackfill implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(CaseBoardBackfill.class);
  private static final int PAGE = 200;

  private final HistoryService history;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final CaseProjection projection;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;

  public CaseBoardBackfill(HistoryService history, RuntimeService runtime, TaskService tasks,
      CaseProjection projection, JdbcTemplate jdbc, TransactionTemplate transactions) {
    this.history = history;
    this.runtime = runtime;
    this.tasks = tasks;
    this.projection = projection;
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  @Override
  public void run(ApplicationArguments args) {
    int added = backfill();
    if (added > 0) {
      LOG.info("Added {} case(s) to the case board from the engine's records", added);
    }
  }

  /** Adds the missing rows; returns how many. */
  public int backfill() {
    long cases = history.createHistoricProcessInstanceQuery().processDefinitionKey(ExitReentryPermitProcess.KEY)
        .count();
    Long rows = jdbc.queryForObject("select count(*) from case_summary", Long.class);
    if (rows != null && rows >= cases) {
      return 0;
    }
    int added = 0;
    for (int first = 0; first < cases; first += PAGE) {
      List<HistoricProcessInstance> page = history.createHistoricProcessInstanceQuery()
          .processDefinitionKey(ExitReentryPermitProcess.KEY).orderByProcessInstanceId().asc().listPage(first, PAGE);
      for (HistoricProcessInstance instance : page) {
        if (instance.getBusinessKey() != null && !hasRow(instance.getId())) {
          try {
            transactions.executeWithoutResult(status -> projection.apply(changesOf(instance)));
            added++;
          } catch (DataIntegrityViolationException addedByAnotherNode) {
            LOG.debug("Case {} was added to the board by another node", instance.getBusinessKey());
          }
        }
      }
    }
    return added;
  }

  private boolean hasRow(String instanceId) {
    Long count = jdbc.queryForObject("select count(*) from case_summary where process_instance_id = ?", Long.class,
        instanceId);
    return count != null && count > 0;
  }

  private CaseChanges changesOf(HistoricProcessInstance instance) {
    CaseChanges changes = new CaseChanges(instance.getId());
    changes.startedCaseNumber = instance.getBusinessKey();
    changes.startedAt = instance.getStartTime().toInstant();
    for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableNameIn(CaseProjection.keptVariables()).list()) {
      CaseProjection.variable(changes, variable.getName(),
          variable.getValue() == null ? null : String.valueOf(variable.getValue()));
    }
    boolean running = instance.getEndTime() == null;
    if (running) {
      changes.reached(CasePhase.current(runtime.getActiveActivityIds(instance.getId())));
      for (Task task : tasks.createTaskQuery().processInstanceId(instance.getId()).list()) {
        changes.tasks.add(new CaseChanges.TaskChange(task.getId(), true, false, task.getName(), task.getAssignee(),
            instant(task.getDueDate()), instant(task.getCreateTime())));
      }
    } else {
      for (HistoricActivityInstance step : history.createHistoricActivityInstanceQuery()
          .processInstanceId(instance.getId()).list()) {
        CasePhase.of(step.getActivityId()).ifPresent(changes::reached);
        CaseStatus.endedBy(step.getActivityId()).ifPresent(outcome -> changes.outcome = outcome);
      }
      changes.ended = true;
      changes.endedAt = instance.getEndTime().toInstant();
    }
    return changes;
  }

  private static Instant instant(java.util.Date date) {
    return date == null ? null : date.toInstant();
  }
}
