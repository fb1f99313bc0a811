package mx.permiso.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import mx.permiso.cases.ExitReentryPermitProcess;
import mx.permiso.documents.DocumentStore;
import mx.permiso.security.StaffGroups;
import mx.permiso.support.Browser;
import mx.permiso.support.Http;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.SampleCase;
import mx.permiso.support.TestPostgres;
import mx.permiso.support.TestUsers;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What managers wait for in Cockpit with a year of cases: 100,000 finished cases (their full
 * history) and 10,000 open ones. The calls each Cockpit view makes are captured from the real
 * Cockpit in headless Chromium, logged in as a member of {@code managers}; each is then timed alone
 * in the same kind of web app session. Tasklist's "Case work" filter and the case board are timed on
 * the same database, as a member of {@code legal-staff}.
 */
@PostgresApplicationTest
@TestPropertySource(properties = {
    "permiso.mail.dispatcher-enabled=false",
    "permiso.retention.enabled=false",
    // Timers fall due when the clock moves, not when a job is added: look for them at least every half second.
    "camunda.bpm.job-execution.max-wait=500"
})
class CockpitBench {

  private static final int DRIVEN = Integer.getInteger("bench.cockpit.driven", 200);
  private static final int FINISHED = Integer.getInteger("bench.cockpit.finished", 100_000);
  private static final int OPEN = Integer.getInteger("bench.cockpit.open", 10_000);
  private static final int INCIDENTS = 20;
  private static final int WARM_UP = 5;
  private static final int ROUNDS = 50;
  private static final int STAFF_ROUNDS = 100;
  private static final double GOAL_MS = 1000;
  private static final double STAFF_GOAL_MS = 100;
  private static final int BATCH = 100;
  private static final int WRITERS = 4;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Records every call of the page to the web apps' API (XMLHttpRequest and fetch), and how many are under way. */
  private static final String RECORDER = """
      (function () {
        window.__calls = []; window.__pending = 0; window.__last = Date.now();
        var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
        XMLHttpRequest.prototype.open = function (method, url) {
          this.__call = {method: method, url: String(url)}; return open.apply(this, arguments);
        };
        XMLHttpRequest.prototype.send = function (body) {
          var call = this.__call;
          if (call && call.url.indexOf('/camunda/api/') >= 0) {
            // Listening before sending: a synchronous request ends within send().
            this.addEventListener('loadend', function () {
              call.status = this.status; window.__pending--; window.__last = Date.now();
            });
            call.body = typeof body === 'string' ? body : null;
            window.__calls.push(call); window.__pending++; window.__last = Date.now();
          }
          return send.apply(this, arguments);
        };
        var fetched = window.fetch;
        if (fetched) {
          window.fetch = function (input, init) {
            var call = {method: (init && init.method) || 'GET', url: String(typeof input === 'string' ? input : input.url),
              body: init && typeof init.body === 'string' ? init.body : null};
            if (call.url.indexOf('/camunda/api/') < 0) {
              return fetched.apply(this, arguments);
            }
            window.__calls.push(call); window.__pending++; window.__last = Date.now();
            return fetched.apply(this, arguments).finally(function () { window.__pending--; window.__last = Date.now(); });
          };
        }
      })();
      """;

  @Autowired
  ProcessEngine engine;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  TransactionTemplate transactions;

  @Autowired
  DocumentStore documents;

  @Autowired
  com.zaxxer.hikari.HikariDataSource pool;

  @LocalServerPort
  int port;

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  @Test
  void cockpitViewsWithAYearOfCases() throws Exception {
    TestUsers.ensure(engine.getIdentityService(), "marta", StaffGroups.MANAGERS);
    TestUsers.ensure(engine.getIdentityService(), "lucia", StaffGroups.LEGAL_STAFF);

    long started = System.nanoTime();
    FinishedCases finished = new FinishedCases(engine, jdbc, documents);
    finished.drive(DRIVEN);
    double drivenSeconds = seconds(started);
    // The open cases wait at their first task as StaffQueriesBench's do; no job of theirs runs meanwhile.
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor().shutdown();
    ClockUtil.reset();
    Map<String, Long> perDriven = rowsPerCase();

    started = System.nanoTime();
    int copies = FINISHED / DRIVEN;
    Map<String, Long> added = finished.multiply(copies);
    long meterRows = finished.meterLogForAYear();
    double multipliedSeconds = seconds(started);

    started = System.nanoTime();
    startOpenCases(OPEN);
    double openSeconds = seconds(started);
    List<String> incidentCases = raiseIncidents();
    jdbc.execute("vacuum analyze");

    long finishedCount = engine.getHistoryService().createHistoricProcessInstanceQuery().finished().count();
    long openCount = engine.getRuntimeService().createProcessInstanceQuery().count();
    assertThat(finishedCount).isEqualTo((long) DRIVEN * copies);
    assertThat(openCount).isEqualTo(OPEN);

    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(ExitReentryPermitProcess.KEY).latestVersion().singleResult().getId();
    String decisionId = engine.getRepositoryService().createDecisionDefinitionQuery()
        .decisionDefinitionKey(ExitReentryPermitProcess.DECISION_PERMIT_REQUIREMENTS).latestVersion().singleResult()
        .getId();
    String openCaseNumber = String.format(Locale.ROOT, "EXR-2030-%06d", OPEN / 2);
    String openCase = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(openCaseNumber)
        .singleResult().getId();
    String finishedCaseNumber = "EXR-2025-" + String.format(Locale.ROOT, "%06d", FINISHED / 2 + 1);
    String finishedCase = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(finishedCaseNumber).singleResult().getId();

    Map<String, String> views = new LinkedHashMap<>();
    views.put("Dashboard", "#/dashboard");
    views.put("Processes", "#/processes");
    views.put("Process definition: instances, statistics", "#/process-definition/" + definitionId + "/runtime");
    views.put("Process definition: incidents", "#/process-definition/" + definitionId + "/runtime?tab=incidents-tab");
    views.put("Process definition: search by case number", "#/process-definition/" + definitionId
        + "/runtime?searchQuery=" + URLEncoder.encode("[{\"type\":\"businessKey\",\"operator\":\"eq\",\"value\":\""
        + openCaseNumber + "\"}]", StandardCharsets.UTF_8));
    views.put("Open case: activity instances, variables", "#/process-instance/" + openCase + "/runtime?tab=variables-tab");
    views.put("Case with an incident: incidents", "#/process-instance/" + incidentCases.get(0)
        + "/runtime?tab=incidents-tab");
    views.put("Finished case", "#/process-instance/" + finishedCase + "/runtime");
    views.put("Decisions", "#/decisions");
    views.put("Decision definition: its evaluations", "#/decision-definition/" + decisionId);
    Map<String, String> names = new LinkedHashMap<>();
    names.put(definitionId, "{definition}");
    names.put(decisionId, "{decision}");
    names.put(openCase, "{open case}");
    names.put(incidentCases.get(0), "{case with incident}");
    names.put(finishedCase, "{finished case}");
    names.put(openCaseNumber, "{case number}");

    List<Call> calls = new ArrayList<>(capture(views));
    // What a history view of a finished case asks the engine (Cockpit's community edition has none).
    String history = "Finished case's history (REST)";
    String engineApi = "/camunda/api/engine/engine/default/history/";
    for (String path : List.of(
        "process-instance?processInstanceBusinessKey=" + finishedCaseNumber,
        "process-instance/count?processDefinitionId=" + definitionId + "&finished=true",
        "process-instance?processDefinitionId=" + definitionId + "&finished=true&sortBy=endTime&sortOrder=desc"
            + "&firstResult=0&maxResults=50",
        "activity-instance?processInstanceId=" + finishedCase + "&sortBy=startTime&sortOrder=asc",
        "variable-instance?processInstanceId=" + finishedCase + "&deserializeValues=false",
        "detail?processInstanceId=" + finishedCase + "&deserializeValues=false&firstResult=0&maxResults=50",
        "task?processInstanceId=" + finishedCase,
        "incident/count?processDefinitionId=" + definitionId + "&open=true",
        "incident?processDefinitionId=" + definitionId + "&firstResult=0&maxResults=50")) {
      calls.add(new Call(history, "GET", engineApi + path, null));
    }
    names.put(finishedCaseNumber, "{finished case number}");

    Http cockpit = Http.at(port);
    assertThat(cockpit.webappLogin("cockpit", "marta", TestUsers.PASSWORD).statusCode()).isEqualTo(200);
    String token = cockpit.webappToken();
    explainSlowStatements(true);
    StringBuilder table = new StringBuilder("| view | call | status | median ms | p95 ms | max ms |\n|---|---|---|---|---|---|");
    List<String> misses = new ArrayList<>();
    for (Call call : calls) {
      int[] status = new int[1];
      BenchReport.Spread spread = time(WARM_UP, ROUNDS, () -> {
        HttpResponse<String> response = cockpit.webappCall(call.method(), call.path(), call.body(), token);
        status[0] = response.statusCode();
        return response;
      }, false);
      String shown = call.method() + " `" + readable(call.path(), names) + "`"
          + (call.body() == null || call.body().isBlank() ? "" : " `" + readable(call.body(), names) + "`");
      table.append(String.format(Locale.ROOT, "%n| %s | %s | %d | %.1f | %.1f | %.1f |", call.view(), shown,
          status[0], spread.median(), spread.p95(), spread.max()));
      if (spread.p95() >= GOAL_MS) {
        misses.add(call.view() + ": " + shown);
      }
    }
    explainSlowStatements(false);

    String filterId = engine.getFilterService().createFilterQuery().filterName("Case work").singleResult().getId();
    Http staff = Http.at(port);
    BenchReport.Spread tasklist = time(20, STAFF_ROUNDS, () -> staff.postJson("/engine-rest/filter/" + filterId
        + "/list?firstResult=0&maxResults=15", "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}",
        "lucia", TestUsers.PASSWORD), true);
    BenchReport.Spread board = time(20, STAFF_ROUNDS, () -> staff.get("/cases", "lucia", TestUsers.PASSWORD), true);
    List<String> staffMisses = new ArrayList<>();
    if (tasklist.p95() >= STAFF_GOAL_MS) {
      staffMisses.add("Tasklist");
    }
    if (board.p95() >= STAFF_GOAL_MS) {
      staffMisses.add("case board");
    }

    StringBuilder rows = new StringBuilder("| table | rows per driven case | rows added by copying |\n|---|---|---|");
    added.forEach((tableName, count) -> rows.append(String.format(Locale.ROOT, "%n| `%s` | %s | %,d |", tableName,
        perDriven.containsKey(tableName) ? String.format(Locale.ROOT, "%.1f", perDriven.get(tableName) / (double) DRIVEN)
            : "", count)));
    BenchReport.write("cockpit", """
        ## Cockpit at 100,000 cases

        %,d finished cases with their full history and %,d open cases, on one database. Made so:
        %d canje cases were driven from intake to closed through the product (tasks completed, messages
        correlated, timers brought due by the engine clock, the job executor running; %.0f s); their
        history was then copied in SQL %d times over (`FinishedCases.multiply`: every row of every
        `act_hi_*` table and the history's `act_ge_bytearray` rows whose root process instance is a
        driven case, and the case board's `case_summary` rows; new ids (each UUID in an id with the copy's number as its last part), times moved back
        17 h 31 min per copy so the cases end over the year before, new case numbers `EXR-2025-000000`
        to `EXR-2025-%06d` in the business key, variables and task names, the client's name, email and
        NUT made distinct), and a year of the engine's metrics (%,d rows of `act_ru_meter_log`, one
        per metric and 15 minutes) added (%.0f s). Then %,d open cases were started through the engine,
        waiting at "Review intake" (as in "Staff queries"; %.0f s), %d of them with an incident (of the
        type a job out of retries raises), and the database vacuumed and analysed.

        %s

        Cockpit's calls: a member of `managers` logs in to the real Cockpit in headless Chromium and
        opens each view; every request the page sends to `/camunda/api` is recorded (method, address,
        body). Each call is then sent alone %d times to warm up and %d times timed, one after another,
        in a web app session of the same member (session cookie and CSRF token, as the browser sends
        it). Goal: p95 under %.0f ms for each. %s

        %s

        Tasklist's "Case work" filter (first 15, `POST /engine-rest/filter/{id}/list`) and the case board
        (`/cases`) on the same database as a member of `legal-staff` with HTTP Basic, 20 warm-up and %d
        timed requests each. Goal: p95 under %.0f ms. %s

        %s
        %s

        %s
        """.formatted(finishedCount, openCount, DRIVEN, drivenSeconds, copies - 1, FINISHED - 1, meterRows,
        multipliedSeconds, OPEN, openSeconds, incidentCases.size(), rows, WARM_UP, ROUNDS, GOAL_MS,
        misses.isEmpty() ? "Every call meets it." : "Missed by: " + String.join("; ", misses) + ".", table,
        STAFF_ROUNDS, STAFF_GOAL_MS,
        staffMisses.isEmpty() ? "Both meet it." : "Missed: " + String.join(", ", staffMisses) + ".",
        BenchReport.TABLE_HEAD + "\n" + tasklist.row("Tasklist \"Case work\", first 15"), board.row("case board, first page"),
        BenchReport.machine("PostgreSQL " + jdbc.queryForObject("show server_version", String.class)
            + " (" + TestPostgres.describeServer() + ")")));
  }

  /**
   * While on, statements slower than 300 ms are written to the database's log (this run's output) with
   * their plans as they ran ({@code auto_explain}: analyze, buffers), for the statements behind slow calls.
   */
  private void explainSlowStatements(boolean on) {
    try {
      jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Void>) connection -> {
        try (var statement = connection.createStatement()) {
          statement.execute("load 'auto_explain'");
          for (String setting : List.of("session_preload_libraries", "auto_explain.log_min_duration",
              "auto_explain.log_analyze", "auto_explain.log_buffers")) {
            statement.execute("alter system reset " + setting);
          }
          if (on) {
            statement.execute("alter system set session_preload_libraries = 'auto_explain'");
            statement.execute("alter system set auto_explain.log_min_duration = '300ms'");
            statement.execute("alter system set auto_explain.log_analyze = on");
            statement.execute("alter system set auto_explain.log_buffers = on");
          }
          statement.execute("select pg_reload_conf()");
        }
        return null;
      });
      // The pool's connections were opened before: new ones load the module.
      pool.getHikariPoolMXBean().softEvictConnections();
    } catch (RuntimeException e) {
      System.err.println("No plans of slow statements in this run: " + e);
    }
  }

  /** One request a Cockpit view sent. */
  record Call(String view, String method, String path, String body) {
  }

  /** Opens each view in Cockpit as the manager and records the calls it makes (each call once, first view first). */
  private List<Call> capture(Map<String, String> views) throws Exception {
    String base = "http://localhost:" + port + "/camunda/app/cockpit/default/";
    Map<String, Call> calls = new LinkedHashMap<>();
    try (Browser browser = new Browser()) {
      browser.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORDER));
      browser.open(base);
      browser.type(browser.awaitClickable(By.cssSelector("input[ng-model='username']")), "marta");
      browser.type(browser.driver().findElement(By.cssSelector("input[ng-model='password']")), TestUsers.PASSWORD);
      browser.click(browser.driver().findElement(By.cssSelector("button[type='submit']")));
      browser.awaitGone(By.cssSelector("input[ng-model='username']"));
      awaitQuiet(browser);
      recorded(browser);
      for (Map.Entry<String, String> view : views.entrySet()) {
        // Each view opened afresh, as from a link: no call of the view before it is still on its way.
        browser.open("about:blank");
        browser.open(base + view.getValue());
        awaitQuiet(browser);
        browser.screenshot("cockpit-" + view.getKey().replaceAll("[^A-Za-z]+", "-").toLowerCase(Locale.ROOT));
        for (JsonNode call : recorded(browser)) {
          String url = call.get("url").asText().replaceFirst("^https?://[^/]+", "");
          if (!url.startsWith("/camunda/api/") || url.startsWith("/camunda/api/admin/auth/")) {
            continue;
          }
          String body = call.hasNonNull("body") ? call.get("body").asText() : null;
          String method = call.get("method").asText().toUpperCase(Locale.ROOT);
          calls.putIfAbsent(method + " " + url + " " + body, new Call(view.getKey(), method, url, body));
        }
      }
    }
    assertThat(calls).as("calls Cockpit made").isNotEmpty();
    return new ArrayList<>(calls.values());
  }

  private static void awaitQuiet(Browser browser) {
    try {
      new WebDriverWait(browser.driver(), Duration.ofMinutes(1)).until(driver -> Boolean.TRUE.equals(browser.driver()
          .executeScript("return document.readyState === 'complete' && window.__calls !== undefined "
              + "&& window.__pending === 0 && Date.now() - window.__last > 2000;")));
    } catch (org.openqa.selenium.TimeoutException e) {
      browser.screenshot("cockpit-not-quiet");
      throw new IllegalStateException("Cockpit did not settle: " + browser.driver().executeScript(
          "return JSON.stringify({url: location.href, state: document.readyState, pending: window.__pending, "
              + "last: Date.now() - window.__last, calls: window.__calls});"), e);
    }
  }

  private static JsonNode recorded(Browser browser) throws Exception {
    return JSON.readTree((String) browser.driver().executeScript(
        "var calls = window.__calls || []; window.__calls = []; return JSON.stringify(calls);"));
  }

  private static String readable(String text, Map<String, String> names) {
    String shown = text;
    for (Map.Entry<String, String> name : names.entrySet()) {
      shown = shown.replace(name.getKey(), name.getValue())
          .replace(URLEncoder.encode(name.getKey(), StandardCharsets.UTF_8), name.getValue());
    }
    return shown.replace("|", "\\|");
  }

  private static BenchReport.Spread time(int warmUp, int rounds, Supplier<HttpResponse<String>> request,
      boolean mustSucceed) {
    for (int i = 0; i < warmUp; i++) {
      HttpResponse<String> response = request.get();
      if (mustSucceed) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      }
    }
    List<Double> timings = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      long start = System.nanoTime();
      HttpResponse<String> response = request.get();
      timings.add((System.nanoTime() - start) / 1e6);
      assertThat(response.statusCode()).as(response.body()).isLessThan(mustSucceed ? 300 : 500);
    }
    return BenchReport.Spread.of(timings);
  }

  private Map<String, Long> rowsPerCase() {
    Map<String, Long> rows = new LinkedHashMap<>();
    for (String table : jdbc.queryForList("select table_name from information_schema.columns "
        + "where table_schema = current_schema() and column_name = 'root_proc_inst_id_' "
        + "and (table_name like 'act_hi_%' or table_name = 'act_ge_bytearray')", String.class)) {
      rows.put(table, jdbc.queryForObject("select count(*) from " + table + " where root_proc_inst_id_ in "
          + "(select proc_inst_id_ from act_hi_procinst where end_time_ is not null)", Long.class));
    }
    rows.put("case_summary", jdbc.queryForObject("select count(*) from case_summary where ended_at is not null",
        Long.class));
    return rows;
  }

  /** Some open cases' jobs run out of retries, as a step failing five times does: a Cockpit incident each. */
  private List<String> raiseIncidents() {
    List<String> cases = new ArrayList<>();
    for (Job job : engine.getManagementService().createJobQuery().processDefinitionKey(ExitReentryPermitProcess.KEY)
        .listPage(0, INCIDENTS)) {
      engine.getManagementService().setJobRetries(job.getId(), 0);
      cases.add(job.getProcessInstanceId());
    }
    if (cases.isEmpty()) {
      // The open cases wait at a task and hold no job: the incidents are raised on their executions.
      for (var execution : engine.getRuntimeService().createExecutionQuery()
          .activityId(ExitReentryPermitProcess.Elements.USER_TASK_REVIEW_INTAKE).listPage(0, INCIDENTS)) {
        engine.getRuntimeService().createIncident("failedJob", execution.getId(), null, "The step failed five times");
        cases.add(execution.getProcessInstanceId());
      }
    }
    assertThat(engine.getRuntimeService().createIncidentQuery().count()).isEqualTo(cases.size());
    return cases;
  }

  private void startOpenCases(int count) throws Exception {
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    try {
      List<Future<?>> batches = new ArrayList<>();
      for (int from = 0; from < count; from += BATCH) {
        int start = from;
        int end = Math.min(from + BATCH, count);
        batches.add(writers.submit(() -> transactions.executeWithoutResult(status -> {
          for (int i = start; i < end; i++) {
            String number = String.format(Locale.ROOT, "EXR-2030-%06d", i);
            Map<String, Object> intake = SampleCase.intake(number);
            intake.put("clientName", "Client " + i);
            intake.put("departureDate", "2030-12-18");
            intake.put("plannedReturnDate", "2031-01-20");
            intake.put("latestRequestDate", "2030-12-10");
            engine.getRuntimeService().createProcessInstanceByKey(ExitReentryPermitProcess.KEY)
                .businessKey(number).setVariables(intake)
                .startBeforeActivity(ExitReentryPermitProcess.Elements.USER_TASK_REVIEW_INTAKE).execute();
          }
        })));
      }
      for (Future<?> batch : batches) {
        batch.get();
      }
    } finally {
      writers.shutdownNow();
    }
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
