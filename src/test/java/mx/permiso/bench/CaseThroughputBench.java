package mx.permiso.bench;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import com.zaxxer.hikari.HikariDataSource;
import mx.permiso.cases.ExitReentryPermitProcess;
import mx.permiso.documents.DocumentStore;
import mx.permiso.support.LiveCase;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.SampleCase;
import mx.permiso.support.SampleFiles;
import mx.permiso.support.TestPostgres;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Whole canje cases from intake to closed, driven through every wait state with the job executor
 * running (tasks completed, messages correlated, the clock moved so timers fall due), against a
 * baseline: the same model without the product's code ({@link BaselineModel}), driven by the same
 * code; rounds of each interleaved in one run. Cases per second for both and their ratio, the CPU
 * each case took in the application and the database, and the rows it wrote.
 */
@PostgresApplicationTest
@TestPropertySource(properties = {
    "permiso.mail.dispatcher-enabled=false",
    "permiso.retention.enabled=false",
    // Timers fall due when the clock moves, not when a job is added: look for them at least every half second.
    "camunda.bpm.job-execution.max-wait=500"
})
class CaseThroughputBench {

  private static final int CASES = 100;
  private static final int ROUNDS = 3;
  private static final int DRIVERS = 8;
  // How long a step may take for all cases of a round before the run fails: minutes on a durable server
  // (every commit waits for the disk) or on a machine busy with other work. It bounds waiting, not the figures.
  private static final Duration PATIENCE = Duration.ofMinutes(10);

  @Autowired
  ProcessEngine engine;

  @Autowired
  DocumentStore documents;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  HikariDataSource pool;

  private final ExecutorService drivers = Executors.newFixedThreadPool(DRIVERS);
  private int next;

  @AfterEach
  void realTimeAgain() {
    drivers.shutdownNow();
    ClockUtil.reset();
    Awaitility.reset();
  }

  @Test
  void productCasesPerSecondAgainstTheBaseline() throws Exception {
    engine.getRepositoryService().createDeployment().name("bench-baseline")
        .addModelInstance(BaselineModel.KEY + ".bpmn", BaselineModel.fromProductModel()).deploy();
    Awaitility.setDefaultPollInterval(Duration.ofMillis(10));
    Awaitility.setDefaultPollDelay(Duration.ZERO);
    // One round of each first, not counted: the JIT compiler, caches and the database warm up.
    drive(true);
    drive(false);
    Rounds product = new Rounds();
    Rounds baseline = new Rounds();
    for (int round = 0; round < ROUNDS; round++) {
      boolean productFirst = round % 2 == 0;
      for (int half = 0; half < 2; half++) {
        boolean isProduct = productFirst == (half == 0);
        ResourceUse before = ResourceUse.before(jdbc, pool);
        double seconds = drive(isProduct);
        (isProduct ? product : baseline).add(seconds, ResourceUse.after(jdbc, pool).since(before));
      }
    }
    double ratio = product.perSecond().median() / baseline.perSecond().median();
    // On a durable server the run writes a section of its own, beside the usual one.
    BenchReport.write(TestPostgres.durable() ? "case-throughput-durable" : "case-throughput", """
        ## Case throughput%s

        %d canje cases per round from intake to closed, all at once (%d driver threads), with the job
        executor running: 6 tasks completed, 4 messages correlated, 3 timers brought due by moving the
        clock. The baseline is the product's own model with the product's code taken out (`bench/
        BaselineModel`: every service task a no-op, no listeners, input mappings or computed dates;
        the same subprocesses, gateways, events, boundary timers and asynchronous steps), driven by
        the same code: %.0f activity instances and %.0f jobs per case in both. One round of each to
        warm up, then %d rounds of each, interleaved. The driver waits for each state by polling
        every 10 ms, the same for both. CPU is this JVM's (the driver's polling included) and the
        database server's processes', divided by the cases of the round.

        | measured | median | p95 | min | max | rounds |
        |---|---|---|---|---|---|
        %s
        %s
        %s
        %s
        %s
        %s

        Product / baseline (medians of cases per second): **%.2f**. Goal: 0.8 or more (%s).

        Rows written per case in the last round of each, by table (inserted, updated or deleted, as
        the database counted them):

        | table | product | baseline |
        |---|---|---|
        %s

        %s
        """.formatted(TestPostgres.durable() ? " on durable PostgreSQL" : "", CASES, DRIVERS, activityInstancesPerCase(), jobsPerCase(), ROUNDS,
        product.perSecond().row("product, cases per second"), baseline.perSecond().row("baseline, cases per second"),
        product.cpu(true).row("product, application CPU ms per case"),
        baseline.cpu(true).row("baseline, application CPU ms per case"),
        product.cpu(false).row("product, database CPU ms per case"),
        baseline.cpu(false).row("baseline, database CPU ms per case"), ratio, ratio >= 0.8 ? "met" : "**not met**",
        writtenPerCase(product.last(), baseline.last()),
        BenchReport.machine("PostgreSQL " + jdbc.queryForObject("show server_version", String.class)
            + " (" + TestPostgres.describeServer() + ")")));
  }

  /** The figures of one model's rounds. */
  private static final class Rounds {

    private final List<Double> perSecond = new ArrayList<>();
    private final List<Double> applicationCpu = new ArrayList<>();
    private final List<Double> databaseCpu = new ArrayList<>();
    private ResourceUse last;

    void add(double seconds, ResourceUse used) {
      perSecond.add(CASES / seconds);
      applicationCpu.add(used.applicationCpuNanos() / 1e6 / CASES);
      databaseCpu.add(used.databaseCpuNanos() / 1e6 / CASES);
      last = used;
    }

    BenchReport.Spread perSecond() {
      return BenchReport.Spread.of(perSecond);
    }

    BenchReport.Spread cpu(boolean application) {
      return BenchReport.Spread.of(application ? applicationCpu : databaseCpu);
    }

    ResourceUse last() {
      return last;
    }
  }

  private static String writtenPerCase(ResourceUse product, ResourceUse baseline) {
    SortedSet<String> tables = new TreeSet<>(product.rowsWritten().keySet());
    tables.addAll(baseline.rowsWritten().keySet());
    List<String> rows = new ArrayList<>();
    for (String table : tables) {
      rows.add(String.format(Locale.ROOT, "| `%s` | %.1f | %.1f |", table,
          product.rowsWritten().getOrDefault(table, 0L) / (double) CASES,
          baseline.rowsWritten().getOrDefault(table, 0L) / (double) CASES));
    }
    rows.add(String.format(Locale.ROOT, "| all tables | %.1f | %.1f |",
        product.rowsWrittenTotal() / (double) CASES, baseline.rowsWrittenTotal() / (double) CASES));
    return String.join("\n", rows);
  }

  /** Activity instances per case of each model; the same, or the comparison is not fair. */
  private double activityInstancesPerCase() {
    return samePerCase("select count(*) from act_hi_actinst a join act_re_procdef d on d.id_ = a.proc_def_id_ "
        + "where d.key_ = ?");
  }

  private double jobsPerCase() {
    return samePerCase("select count(*) from act_hi_job_log j where j.process_def_key_ = ? and j.job_state_ = 0");
  }

  private double samePerCase(String countOfModel) {
    double cases = (ROUNDS + 1) * CASES;
    Long product = jdbc.queryForObject(countOfModel, Long.class, ExitReentryPermitProcess.KEY);
    Long baseline = jdbc.queryForObject(countOfModel, Long.class, BaselineModel.KEY);
    assertThat(baseline).as("the baseline's shape: " + countOfModel)
        .isEqualTo(product);
    return product / cases;
  }

  /**
   * Drives {@link #CASES} cases of one model from intake to closed, step by step for all of them:
   * each step is done to every case as soon as it reaches it (one query finds those waiting,
   * {@link #DRIVERS} threads act on them), until all have passed it. Returns the seconds it took.
   */
  private double drive(boolean isProduct) throws Exception {
    String key = isProduct ? ExitReentryPermitProcess.KEY : BaselineModel.KEY;
    Steps steps = new Steps(key, SERVICE_TASK_SEND_APPOINTMENT_REMINDER, SERVICE_TASK_SEND_DEPARTURE_REMINDER,
        SERVICE_TASK_SEND_HAND_BACK_REMINDER);
    LiveCase.clockAt("2026-11-03", "09:00");
    long start = System.nanoTime();
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      numbers.add(String.format(isProduct ? "EXR-2026-%04d" : "BASE-2026-%04d", ++next));
    }
    inParallel(numbers, number -> {
      Map<String, Object> intake = SampleCase.intake(number);
      if (!isProduct) {
        // Set in the product by its step that compares the return plan with the permit's validity.
        intake.put("returnsAfterExpiry", false);
      }
      steps.started(engine.getRuntimeService().startProcessInstanceByKey(key, number, intake).getId());
    });
    steps.complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true));
    steps.correlate("DocumentsSubmitted", Map.of());
    steps.complete(USER_TASK_VERIFY_DOCUMENTS, isProduct ? SampleCase.documentsVerified() : Map.of("documentsComplete", true));
    steps.complete(USER_TASK_CONFIRM_PAYMENT, Map.of("paymentReceived", true));
    if (isProduct) {
      // Staff attach INM's forms before they send the paperwork (the product's step needs them).
      inParallel(numbers, number -> documents.store(number, "INM_PAPERWORK", "solicitud.pdf",
          SampleFiles.pdf("Solicitud"), "bench"));
    }
    steps.complete(USER_TASK_PREPARE_INM_PAPERWORK, Map.of("paperworkReady", true));
    steps.complete(USER_TASK_BOOK_APPOINTMENT, Map.of("appointmentDate", "2026-11-12", "appointmentTime", "09:30",
        "inmOffice", "Querétaro", "processAtOnce", false));
    steps.awaitWaiting(USER_TASK_RECORD_OUTCOME);
    LiveCase.clockAt("2026-11-11", "10:01");
    steps.awaitPassed(SERVICE_TASK_SEND_APPOINTMENT_REMINDER);
    LiveCase.clockAt("2026-11-12", "12:00");
    steps.complete(USER_TASK_RECORD_OUTCOME, Map.of("permitIssued", true, "permitDate", "2026-11-12"));
    steps.awaitWaiting(USER_TASK_CONFIRM_DEPARTURE);
    LiveCase.clockAt("2026-11-19", "10:01");
    steps.awaitPassed(SERVICE_TASK_SEND_DEPARTURE_REMINDER);
    steps.correlate("DepartureConfirmed", Map.of());
    steps.awaitWaiting(USER_TASK_CONFIRM_REENTRY);
    LiveCase.clockAt("2026-12-10", "20:00");
    steps.correlate("ReentryConfirmed", Map.of("reentryDate", "2026-12-10"));
    steps.awaitWaiting(USER_TASK_RECORD_PERMIT_RETURNED);
    LiveCase.clockAt("2026-12-13", "10:01");
    steps.awaitPassed(SERVICE_TASK_SEND_HAND_BACK_REMINDER);
    steps.correlate("PermitReturned", Map.of("permitReturnedDate", "2026-12-14"));
    // Staff check the client's word against INM's receipt before the case closes (the baseline's model has the task too).
    steps.awaitWaiting(USER_TASK_CONFIRM_PERMIT_RETURNED);
    steps.complete(USER_TASK_CONFIRM_PERMIT_RETURNED, Map.of("permitReturnConfirmed", "true",
        "inmReceiptReference", "INM-QRO-2026-5512"));
    steps.awaitEnded();
    return (System.nanoTime() - start) / 1e9;
  }

  /** The steps of one round: the cases of one model, all of them live in the engine now. */
  private final class Steps {

    private final String key;
    private final String definitionId;
    private final Set<String> instances = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> passedBefore = new HashMap<>();
    private final long endedBefore;

    /** {@code awaited}: the steps {@link #awaitPassed} waits for. */
    Steps(String key, String... awaited) {
      this.key = key;
      this.definitionId = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key)
          .latestVersion().singleResult().getId();
      for (String activityId : awaited) {
        passedBefore.put(activityId, passed(activityId));
      }
      this.endedBefore = engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(key)
          .finished().count();
    }

    void started(String instanceId) {
      instances.add(instanceId);
    }

    /** Completes the task of every case as each case reaches it. */
    void complete(String taskKey, Map<String, Object> variables) throws Exception {
      int done = 0;
      while (done < CASES) {
        List<String> waiting = await().atMost(PATIENCE).until(() -> engine.getTaskService().createTaskQuery()
            .processDefinitionKey(key).taskDefinitionKey(taskKey).list(), tasks -> !tasks.isEmpty())
            .stream().map(Task::getId).toList();
        inParallel(waiting, task -> engine.getTaskService().complete(task, variables));
        done += waiting.size();
      }
    }

    /** Correlates the message to every case as each case comes to wait for it. */
    void correlate(String message, Map<String, Object> variables) throws Exception {
      Set<String> done = new HashSet<>();
      while (done.size() < CASES) {
        List<String> waiting = await().atMost(PATIENCE).until(() -> engine.getRuntimeService()
            .createEventSubscriptionQuery().eventType("message").eventName(message).list().stream()
            .map(EventSubscription::getProcessInstanceId).filter(instances::contains).filter(id -> !done.contains(id))
            .distinct().toList(), ids -> !ids.isEmpty());
        inParallel(waiting, instance -> engine.getRuntimeService().createMessageCorrelation(message)
            .processInstanceId(instance).setVariables(variables).correlate());
        done.addAll(waiting);
      }
    }

    void awaitWaiting(String taskKey) {
      await().atMost(PATIENCE).until(() -> engine.getTaskService().createTaskQuery().processDefinitionKey(key)
          .taskDefinitionKey(taskKey).count() == CASES);
    }

    /**
     * Every case of the round has passed the step: nothing of the model is left to run now (the
     * timers the clock brought due have fired and the steps they started are done), and the step
     * was passed once more by every case.
     */
    void awaitPassed(String activityId) {
      await().atMost(PATIENCE).until(() -> engine.getManagementService().createJobQuery()
          .processDefinitionKey(key).executable().count() == 0);
      assertThat(passed(activityId)).as(activityId + " passed by every case").isEqualTo(
          passedBefore.get(activityId) + CASES);
    }

    private long passed(String activityId) {
      return engine.getHistoryService().createHistoricActivityInstanceQuery().processDefinitionId(definitionId)
          .activityId(activityId).finished().count();
    }

    void awaitEnded() {
      try {
        await().atMost(PATIENCE).until(() -> engine.getHistoryService().createHistoricProcessInstanceQuery()
            .processDefinitionKey(key).finished().count() == endedBefore + CASES);
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError("Cases of " + key + " did not end: " + whereTheyWait(), e);
      }
    }

    /** Where the round's unfinished cases stand: their activities and incidents, counted. */
    private String whereTheyWait() {
      Map<String, Long> at = new java.util.TreeMap<>();
      for (String instance : instances) {
        if (engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count() == 0) {
          continue;
        }
        engine.getRuntimeService().getActiveActivityIds(instance).forEach(activity -> at.merge(activity, 1L, Long::sum));
      }
      Map<String, Long> incidents = new java.util.TreeMap<>();
      engine.getRuntimeService().createIncidentQuery().list().stream().filter(i -> instances.contains(i.getProcessInstanceId()))
          .forEach(i -> incidents.merge(i.getActivityId() + ": " + i.getIncidentMessage(), 1L, Long::sum));
      return "waiting at " + at + "; incidents " + incidents;
    }
  }


  /** Acts on every item with the driver threads; returns when all are done (the first failure fails the run). */
  private <T> void inParallel(List<T> items, Action<T> action) throws Exception {
    List<Future<?>> done = new ArrayList<>();
    for (T item : items) {
      done.add(drivers.submit(() -> {
        action.on(item);
        return null;
      }));
    }
    for (Future<?> future : done) {
      future.get();
    }
  }

  @FunctionalInterface
  private interface Action<T> {
    void on(T item) throws Exception;
  }
}
