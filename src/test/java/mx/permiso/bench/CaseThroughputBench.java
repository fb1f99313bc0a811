package mx.permiso.bench;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import mx.permiso.cases.ExitReentryPermitProcess;
import mx.permiso.documents.DocumentStore;
import mx.permiso.support.LiveCase;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.SampleCase;
import mx.permiso.support.SampleFiles;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Whole canje cases from intake to closed, driven through every wait state with the job executor
 * running (tasks completed, messages correlated, the clock moved so timers fall due), against a
 * baseline model with the same wait states and as many no-op steps, driven by the same code;
 * rounds of each interleaved in one run. Cases per second for both, and their ratio.
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
  private static final String BASELINE = "baseline-engagement";

  @Autowired
  ProcessEngine engine;

  @Autowired
  DocumentStore documents;

  @Autowired
  JdbcTemplate jdbc;

  private int next;

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
    Awaitility.reset();
  }

  @Test
  void productCasesPerSecondAgainstTheBaseline() throws Exception {
    engine.getRepositoryService().createDeployment().name("bench-baseline")
        .addClasspathResource("bench/baseline-engagement.bpmn").deploy();
    Awaitility.setDefaultPollInterval(Duration.ofMillis(10));
    Awaitility.setDefaultPollDelay(Duration.ZERO);
    List<Double> product = new ArrayList<>();
    List<Double> baseline = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      boolean productFirst = round % 2 == 0;
      for (int half = 0; half < 2; half++) {
        boolean isProduct = productFirst == (half == 0);
        double seconds = drive(isProduct);
        (isProduct ? product : baseline).add(CASES / seconds);
      }
    }
    BenchReport.Spread productSpread = BenchReport.Spread.of(product);
    BenchReport.Spread baselineSpread = BenchReport.Spread.of(baseline);
    double ratio = productSpread.median() / baselineSpread.median();
    BenchReport.write("case-throughput", """
        ## Case throughput

        %d canje cases per round from intake to closed, all at once (%d driver threads), with the job
        executor running: 6 tasks completed, 4 messages correlated, 3 timers brought due by moving the
        clock, and 12 steps (9 asynchronous) per case. The baseline (`src/test/resources/bench/
        baseline-engagement.bpmn`) has the same wait states and steps, each a no-op; %d rounds of each,
        interleaved. The driver waits for each state by polling every 10 ms, the same for both.

        | measured | median | p95 | min | max | rounds |
        |---|---|---|---|---|---|
        %s
        %s

        Product / baseline (medians): **%.2f**.

        %s
        """.formatted(CASES, DRIVERS, ROUNDS,
        productSpread.row("product, cases per second"), baselineSpread.row("baseline, cases per second"), ratio,
        BenchReport.machine("PostgreSQL " + jdbc.queryForObject("show server_version", String.class)
            + " (embedded)")));
  }

  /** Drives {@link #CASES} cases from intake to closed; returns the seconds it took. */
  private double drive(boolean isProduct) throws Exception {
    List<LiveCase> cases = new ArrayList<>();
    LiveCase.clockAt("2026-11-03", "09:00");
    long start = System.nanoTime();
    for (int i = 0; i < CASES; i++) {
      String number = String.format(isProduct ? "EXR-2026-%04d" : "BASE-2026-%04d", ++next);
      Map<String, Object> intake = SampleCase.intake(number);
      cases.add(new LiveCase(engine, number).start(isProduct ? ExitReentryPermitProcess.KEY : BASELINE, intake));
    }
    inParallel(cases, live -> live
        .complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true))
        .correlate("DocumentsSubmitted", Map.of())
        .complete(USER_TASK_VERIFY_DOCUMENTS, Map.of("documentsComplete", true))
        .paidToAppointment(() -> {
          if (isProduct) {
            documents.store(number(live), "INM_PAPERWORK", "solicitud.pdf", SampleFiles.pdf("Solicitud"), "bench");
          }
        }));
    LiveCase.clockAt("2026-11-11", "10:01");
    inParallel(cases, live -> live.awaitPassed(SERVICE_TASK_SEND_APPOINTMENT_REMINDER));
    LiveCase.clockAt("2026-11-12", "12:00");
    inParallel(cases, live -> live
        .complete(USER_TASK_RECORD_OUTCOME, Map.of("permitIssued", true, "permitDate", "2026-11-12"))
        .awaitTask(USER_TASK_CONFIRM_DEPARTURE));
    LiveCase.clockAt("2026-11-19", "10:01");
    inParallel(cases, live -> live.awaitPassed(SERVICE_TASK_SEND_DEPARTURE_REMINDER)
        .correlate("DepartureConfirmed", Map.of())
        .awaitTask(USER_TASK_CONFIRM_REENTRY));
    LiveCase.clockAt("2026-12-10", "20:00");
    inParallel(cases, live -> live.correlate("ReentryConfirmed", Map.of("reentryDate", "2026-12-10"))
        .awaitTask(USER_TASK_RECORD_PERMIT_RETURNED));
    LiveCase.clockAt("2026-12-13", "10:01");
    inParallel(cases, live -> live.awaitPassed(SERVICE_TASK_SEND_HAND_BACK_REMINDER)
        .correlate("PermitReturned", Map.of("permitReturnedDate", "2026-12-14"))
        .awaitEnded());
    return (System.nanoTime() - start) / 1e9;
  }

  private String number(LiveCase live) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(live.instanceId())
        .singleResult().getBusinessKey();
  }

  private static void inParallel(List<LiveCase> cases, Consumer<LiveCase> step) throws Exception {
    ExecutorService drivers = Executors.newFixedThreadPool(DRIVERS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (LiveCase live : cases) {
        done.add(drivers.submit(() -> step.accept(live)));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      drivers.shutdownNow();
    }
  }
}
