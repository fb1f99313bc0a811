package mx.permiso.bench;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mx.permiso.cases.ExitReentryPermitProcess;
import mx.permiso.documents.DocumentStore;
import mx.permiso.support.LiveCase;
import mx.permiso.support.SampleCase;
import mx.permiso.support.SampleFiles;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A year of finished cases for a benchmark: a few hundred canje cases driven from intake to closed
 * through the product (tasks completed, messages correlated, timers brought due by the clock, with
 * the job executor running), then their history multiplied in the database: every history row of
 * each driven case copied once per copy with new ids, times moved back, and new case numbers and
 * client names, so the engine's history tables hold the rows of that many cases in the engine's own
 * shapes. Driving 100,000 cases through the engine would take hours (about 10 cases a second).
 */
final class FinishedCases {

  /** Copies are spread over a year back from the driven cases: 499 copies, 17 h 31 min apart. */
  static final String SHIFT = "interval '17 hours 31 minutes'";
  private static final String UUID = "'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'";
  private static final Duration PATIENCE = Duration.ofMinutes(3);
  private static final int DRIVERS = 8;
  private static final int COPIES_PER_STATEMENT = 25;

  private final ProcessEngine engine;
  private final JdbcTemplate jdbc;
  private final DocumentStore documents;
  private final ExecutorService drivers = Executors.newFixedThreadPool(DRIVERS);

  FinishedCases(ProcessEngine engine, JdbcTemplate jdbc, DocumentStore documents) {
    this.engine = engine;
    this.jdbc = jdbc;
    this.documents = documents;
  }

  /** Drives {@code count} canje cases (numbers EXR-2026-0001...) from intake to closed, all at once. */
  void drive(int count) throws Exception {
    try {
      Steps steps = new Steps(count);
      LiveCase.clockAt("2026-11-03", "09:00");
      List<String> numbers = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        numbers.add(String.format(Locale.ROOT, "EXR-2026-%04d", i));
      }
      inParallel(numbers, number -> {
        Map<String, Object> intake = SampleCase.intake(number);
        intake.put("clientName", "Client " + number.substring(9));
        intake.put("clientEmail", "client" + number.substring(9) + "@example.com");
        steps.started(engine.getRuntimeService().startProcessInstanceByKey(ExitReentryPermitProcess.KEY, number,
            intake).getId());
      });
      steps.complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true));
      steps.correlate("DocumentsSubmitted", Map.of());
      steps.complete(USER_TASK_VERIFY_DOCUMENTS, SampleCase.documentsVerified());
      steps.complete(USER_TASK_CONFIRM_PAYMENT, Map.of("paymentReceived", true));
      inParallel(numbers, number -> documents.store(number, "INM_PAPERWORK", "solicitud.pdf",
          SampleFiles.pdf("Solicitud"), "bench"));
      steps.complete(USER_TASK_PREPARE_INM_PAPERWORK, Map.of("paperworkReady", true));
      steps.complete(USER_TASK_BOOK_APPOINTMENT, Map.of("appointmentDate", "2026-11-12", "appointmentTime", "09:30",
          "inmOffice", "Querétaro", "processAtOnce", false));
      steps.awaitWaiting(USER_TASK_RECORD_OUTCOME);
      LiveCase.clockAt("2026-11-11", "10:01");
      steps.awaitNoJobDue();
      LiveCase.clockAt("2026-11-12", "12:00");
      steps.complete(USER_TASK_RECORD_OUTCOME, Map.of("permitIssued", true, "permitDate", "2026-11-12"));
      steps.awaitWaiting(USER_TASK_CONFIRM_DEPARTURE);
      LiveCase.clockAt("2026-11-19", "10:01");
      steps.awaitNoJobDue();
      steps.correlate("DepartureConfirmed", Map.of());
      steps.awaitWaiting(USER_TASK_CONFIRM_REENTRY);
      LiveCase.clockAt("2026-12-10", "20:00");
      steps.correlate("ReentryConfirmed", Map.of("reentryDate", "2026-12-10"));
      steps.awaitWaiting(USER_TASK_RECORD_PERMIT_RETURNED);
      LiveCase.clockAt("2026-12-13", "10:01");
      steps.awaitNoJobDue();
      steps.correlate("PermitReturned", Map.of("permitReturnedDate", "2026-12-14"));
      steps.awaitWaiting(USER_TASK_CONFIRM_PERMIT_RETURNED);
      steps.complete(USER_TASK_CONFIRM_PERMIT_RETURNED, Map.of("permitReturnConfirmed", "true",
          "inmReceiptReference", "INM-QRO-2026-5512"));
      await().atMost(PATIENCE).until(() -> engine.getHistoryService().createHistoricProcessInstanceQuery()
          .processDefinitionKey(ExitReentryPermitProcess.KEY).finished().count() == count);
    } finally {
      drivers.shutdownNow();
    }
  }

  /**
   * Copies every history row of the finished cases {@code copies - 1} times (the driven cases are the
   * first copy), with the case board's rows of those cases. Returns the rows added, by table.
   */
  Map<String, Long> multiply(int copies) {
    jdbc.execute("drop table if exists bench_template");
    jdbc.execute("create table bench_template as select proc_inst_id_ as id_, business_key_ as bk, "
        + "(row_number() over (order by business_key_) - 1)::int as k from act_hi_procinst where end_time_ is not null");
    jdbc.execute("create unique index bench_template_id on bench_template (id_)");
    jdbc.execute("analyze bench_template");
    Map<String, Long> added = new java.util.TreeMap<>();
    List<String> tables = jdbc.queryForList("select table_name from information_schema.columns "
        + "where table_schema = current_schema() and column_name = 'root_proc_inst_id_' "
        + "and (table_name like 'act_hi_%' or table_name = 'act_ge_bytearray') order by table_name", String.class);
    for (String table : tables) {
      added.put(table, copy(table, "root_proc_inst_id_", copies));
    }
    added.put("case_summary", copy("case_summary", "process_instance_id", copies));
    jdbc.execute("drop table bench_template");
    return added;
  }

  private long copy(String table, String caseColumn, int copies) {
    List<Map<String, Object>> columns = jdbc.queryForList("select column_name, data_type from information_schema.columns "
        + "where table_schema = current_schema() and table_name = ? order by ordinal_position", table);
    Set<String> names = new HashSet<>();
    columns.forEach(column -> names.add((String) column.get("column_name")));
    List<String> targets = new ArrayList<>();
    List<String> values = new ArrayList<>();
    String number = "'EXR-2025-' || lpad((t.k * " + copies + " + g.n)::text, 6, '0')";
    for (Map<String, Object> column : columns) {
      String name = (String) column.get("column_name");
      String type = (String) column.get("data_type");
      String value = "s." + name;
      String moved = "s." + name + " - g.n * " + SHIFT;
      if (type.startsWith("timestamp")) {
        value = moved;
      } else if (type.equals("date")) {
        value = "(" + moved + ")::date";
      } else if (type.equals("character varying") || type.equals("text")) {
        value = text(name, names, number);
      }
      targets.add(name);
      values.add(value);
    }
    long rows = 0;
    for (int from = 1; from < copies; from += COPIES_PER_STATEMENT) {
      int to = Math.min(from + COPIES_PER_STATEMENT - 1, copies - 1);
      rows += jdbc.update("insert into " + table + " (" + String.join(", ", targets) + ") select "
          + String.join(", ", values) + " from " + table + " s join bench_template t on t.id_ = s." + caseColumn
          + " cross join generate_series(" + from + ", " + to + ") g(n)");
    }
    return rows;
  }

  /** A text column of a copy: ids of the case made new, the case number and the client's details changed. */
  private static String text(String name, Set<String> names, String number) {
    String column = "s." + name;
    // Ids of what every case shares (definitions, the deployment) stay; every other value holding an id
    // (an execution's, an activity instance's "Activity:<id>", a job's) is one of the case's own.
    if (name.contains("def_") || Set.of("deployment_id_", "dec_req_id_", "tenant_id_").contains(name)) {
      return column;
    }
    if (name.equals("business_key_") || name.equals("case_number")) {
      return "case when " + column + " = t.bk then " + number + " else " + column + " end";
    }
    if (Set.of("client_name", "client_search").contains(name)) {
      return column + " || ' ' || g.n";
    }
    if (name.equals("client_email")) {
      return "g.n || '.' || " + column;
    }
    // The engine's ids are time-based UUIDs (the same node part in every id): a copy's ids take the copy's
    // number as their node part, so they keep their length and stay unique.
    String newId = "case when " + column + " ~ " + UUID + " then regexp_replace(" + column + ", "
        + "'([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-)[0-9a-f]{12}', '\\1' || lpad(to_hex(g.n), 12, '0'), 'g')";
    if (name.equals("text_") && names.contains("name_")) {
      // The client's own details differ from case to case (a search by name finds one case).
      return newId + " when s.name_ in ('clientName', 'clientEmail', 'nut') then g.n || '-' || " + column
          + " else replace(" + column + ", t.bk, " + number + ") end";
    }
    if (Set.of("text_", "text2_", "name_", "description_", "org_value_", "new_value_").contains(name)) {
      return newId + " else replace(" + column + ", t.bk, " + number + ") end";
    }
    return newId + " else " + column + " end";
  }

  /**
   * A year of the engine's metrics as a node reports them (every 15 minutes, one row per metric),
   * which Cockpit's dashboard charts: the names the engine has reported so far, or its usual ones.
   */
  long meterLogForAYear() {
    List<String> names = List.of("activity-instance-start", "activity-instance-end", "root-process-instance-start",
        "executed-decision-instances", "executed-decision-elements", "job-acquisition-attempt",
        "job-acquired-success", "job-acquired-failure", "job-successful", "job-failed", "job-locked-exclusive",
        "job-execution-rejected");
    long rows = 0;
    for (String name : names) {
      rows += jdbc.update("insert into act_ru_meter_log (id_, name_, reporter_, value_, timestamp_, milliseconds_) "
          + "select md5(? || i), ?, 'permiso-node-1', (abs(hashtext(? || i)) % 200)::bigint, "
          + "now() - i * interval '15 minutes', (extract(epoch from now() - i * interval '15 minutes') * 1000)::bigint "
          + "from generate_series(1, 4 * 24 * 365) i", name, name, name);
    }
    return rows;
  }

  /** The driven cases' steps: each done to every case as soon as it reaches it. */
  private final class Steps {

    private final int count;
    private final Set<String> instances = ConcurrentHashMap.newKeySet();

    Steps(int count) {
      this.count = count;
    }

    void started(String instanceId) {
      instances.add(instanceId);
    }

    void complete(String taskKey, Map<String, Object> variables) throws Exception {
      int done = 0;
      while (done < count) {
        List<String> waiting = await().atMost(PATIENCE).until(() -> engine.getTaskService().createTaskQuery()
            .processDefinitionKey(ExitReentryPermitProcess.KEY).taskDefinitionKey(taskKey).list(),
            tasks -> !tasks.isEmpty()).stream().map(Task::getId).toList();
        inParallel(waiting, task -> engine.getTaskService().complete(task, variables));
        done += waiting.size();
      }
    }

    void correlate(String message, Map<String, Object> variables) throws Exception {
      Set<String> done = new HashSet<>();
      while (done.size() < count) {
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
      await().atMost(PATIENCE).until(() -> engine.getTaskService().createTaskQuery()
          .processDefinitionKey(ExitReentryPermitProcess.KEY).taskDefinitionKey(taskKey).count() == count);
    }

    /** The timers the clock brought due have fired and what they started is done. */
    void awaitNoJobDue() {
      await().atMost(PATIENCE).until(() -> engine.getManagementService().createJobQuery()
          .processDefinitionKey(ExitReentryPermitProcess.KEY).executable().count() == 0);
      assertThat(engine.getManagementService().createJobQuery().withException().count()).isZero();
    }
  }

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
