package mx.permiso.bench;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.SERVICE_TASK_SEND_DOCUMENTS_REMINDER;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.TIMER_DOCUMENTS_REMINDER;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.USER_TASK_REVIEW_INTAKE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mx.permiso.cases.ExitReentryPermitProcess;
import mx.permiso.support.Http;
import mx.permiso.support.SampleCase;
import mx.permiso.support.PackagedApp;
import mx.permiso.support.ReceivedMail;
import mx.permiso.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Reminder storm: the documents reminders of 10,000 cases fall due at one moment, with one node of
 * the packaged application and with two on one PostgreSQL. Measured: seconds from that moment
 * until the SMTP server (GreenMail, in this JVM) holds the last reminder; duplicates and losses
 * counted from what it received, and the engine's history, incidents and the outbox checked.
 *
 * <p>The cases are made once, the way the product makes them: intake over HTTP, the
 * acknowledgement sent, the review accepted through the engine's REST API. That database is the
 * template every round copies, so each round starts from the same cases waiting for documents,
 * each with its reminder timer two days ahead. A round starts the nodes on its copy, warms them up
 * on the warm-up cases' reminders, sets every other reminder timer due at one moment (one statement
 * on the job table) and waits for the mail.
 */
class ReminderStormBench {

  private static final Logger LOG = LoggerFactory.getLogger(ReminderStormBench.class);
  private static final int CASES = Integer.getInteger("bench.storm.cases", 10_000);
  /** Rounds with each number of nodes, interleaved. */
  private static final int ROUNDS = Integer.getInteger("bench.storm.rounds", 3);
  private static final String HEAP = "-Xmx768m";
  /** Options to try on the storm's JVMs, separated by spaces (e.g. a flight recording); none by default. */
  private static final List<String> NODE_JVM_OPTIONS = options("bench.storm.jvm-options");
  /**
   * Options to compare with those above, in one sitting (this machine's speed moves within the hour): when
   * given, every round runs each number of nodes twice, on two copies of the cases, with the options above
   * and with these, which goes first alternating; the section is written from the rounds with the options above
   * and names the compared rounds' figures (they go to the log too).
   * E.g. {@code -Dspring.aot.enabled=false} (the later setting of a property wins).
   */
  private static final List<String> COMPARED_JVM_OPTIONS = options("bench.storm.compare-jvm-options");
  /**
   * Another build to compare with this one in the same way: a copy of its {@code target/permiso/} (the
   * extracted jar and its class data archive), started with the compared options above if any.
   */
  private static final Path COMPARED_BUILD = System.getProperty("bench.storm.compare-build", "").isBlank() ? null
      : Path.of(System.getProperty("bench.storm.compare-build"));
  /** How the report names the compared build (e.g. {@code the build before, which ...}); its directory by default. */
  private static final String COMPARED_BUILD_NAME = System.getProperty("bench.storm.compare-build-name", "");
  private static final boolean COMPARING = !COMPARED_JVM_OPTIONS.isEmpty() || COMPARED_BUILD != null;
  /** Settings to try on the storm's nodes, {@code NAME=value,...} (e.g. the job executor's); none by default. */
  private static final Map<String, String> NODE_SETTINGS = settings(System.getProperty("bench.storm.node-env", ""));
  private static final String SET_UP_NODE = "set-up";
  private static final String ADMIN = "admin";
  private static final String ADMIN_PASSWORD = "storm-admin-2026";
  /** Client threads for setting up: a busy website and a few staff members. */
  private static final int CLIENTS = 4;
  /**
   * Cases whose reminders fall due before the measured storm, again and again (their reminder timers
   * repeat), until every node of the round has written {@link #WARM_UP_REMINDERS} reminders: the measured
   * storm meets nodes whose JVMs have compiled the whole path of a reminder (the steps, the outbox, the
   * dispatcher), as nodes in service have. A client gets one documents reminder a day: before each pass
   * after the first, the previous pass's reminders leave the outbox, as the next day's would not meet them.
   */
  private static final int WARM_UP = Integer.getInteger("bench.storm.warm-up", 2_000);
  private static final int WARM_UP_REMINDERS = Integer.getInteger("bench.storm.warm-up-reminders", 10_000);
  /** ... in no more than this many passes (0: the storm meets nodes just started). */
  private static final int WARM_UP_MAX_PASSES = Integer.getInteger("bench.storm.warm-up-max-passes", 30);
  /** The due moment is this far ahead of the moment the due dates are set. */
  private static final Duration AHEAD = Duration.ofSeconds(2);
  private static final Duration PATIENCE = Duration.ofMinutes(Integer.getInteger("bench.storm.patience-minutes", 30));
  private static final ObjectMapper JSON = new ObjectMapper();
  /** On a durable embedded PostgreSQL the storm writes a section of its own, beside the one without durability. */
  private static final boolean DURABLE = TestPostgres.durable();
  private static final String SECTION = DURABLE ? "reminder-storm-durable" : "reminder-storm";
  private static final String TITLE = DURABLE ? "Reminder storm on durable PostgreSQL" : "Reminder storm";

  private final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
  private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
  private final List<PackagedApp> running = new ArrayList<>();
  private Path logs;

  @AfterEach
  void stop() {
    clients.shutdownNow();
    running.forEach(PackagedApp::close);
    smtp.stop();
  }

  @Test
  void tenThousandRemindersFallingDueAtOnceOnOneNodeAndOnTwo() throws Exception {
    smtp.start();
    logs = Files.createDirectories(Path.of("target", "reminder-storm"));
    TestPostgres.Database template = TestPostgres.newDatabase();
    DatabaseWork.prepare(jdbc(template));
    // Making the cases is not measured: on a durable server their commits need not wait for the disk
    // (a setting of the template database only; the copies the storms run on have the server's).
    jdbc(template).execute("alter database " + template.name() + " set synchronous_commit = off");
    Instant setUpStarted = Instant.now();
    List<String> cases = setUp(template);
    jdbc(template).execute("alter database " + template.name() + " reset synchronous_commit");
    Duration setUp = Duration.between(setUpStarted, Instant.now());

    Map<Integer, List<Storm>> storms = new TreeMap<>();
    Map<Integer, List<Storm>> compared = new TreeMap<>();
    for (int round = 0; round < ROUNDS; round++) {
      List<Integer> order = round % 2 == 0 ? List.of(1, 2) : List.of(2, 1);
      for (int nodes : order) {
        List<Boolean> comparedFirst = !COMPARING ? List.of(false)
            : round % 2 == 0 ? List.of(false, true) : List.of(true, false);
        for (boolean comparing : comparedFirst) {
          Storm storm = storm(TestPostgres.copyOf(template), nodes, cases, round, comparing);
          (comparing ? compared : storms).computeIfAbsent(nodes, n -> new ArrayList<>()).add(storm);
        }
      }
    }
    String comparison = "";
    if (COMPARING) {
      for (int nodes : storms.keySet()) {
        LOG.info("Compared, {} node(s), seconds until the last reminder arrived and nodes' CPU seconds: this build {} {}"
            + " {}; {} {} {}", nodes, NODE_JVM_OPTIONS, seconds(storms.get(nodes)), cpu(storms.get(nodes)),
            compared(), seconds(compared.get(nodes)), cpu(compared.get(nodes)));
      }
      comparison = comparison(storms, compared);
    }
    int mostHeld = storms.values().stream().flatMap(List::stream).mapToInt(Storm::mostJobsHeld).max().orElseThrow();
    String acquisition = lookForDueJobs(template, cases.subList(WARM_UP, cases.size()), mostHeld);
    report(storms, setUp, template, acquisition, comparison);
  }

  /** What this build was compared with, in words. */
  private static String compared() {
    String build = COMPARED_BUILD == null ? "this build"
        : COMPARED_BUILD_NAME.isBlank() ? "the build in `" + COMPARED_BUILD + "`" : COMPARED_BUILD_NAME;
    return COMPARED_JVM_OPTIONS.isEmpty() ? build
        : build + " with " + COMPARED_JVM_OPTIONS.stream().map(option -> "`" + option + "`")
            .collect(Collectors.joining(" "));
  }

  private static String seconds(List<Storm> storms) {
    return storms.stream().map(storm -> String.format(Locale.ROOT, "%.1f", storm.secondsToLastReceived()))
        .collect(Collectors.joining(", "));
  }

  private static String cpu(List<Storm> storms) {
    return storms.stream().map(storm -> String.format(Locale.ROOT, "%.1f", storm.cpu().nodesSeconds()))
        .collect(Collectors.joining(", "));
  }

  /** The paragraph on the compared rounds: they ran in the same sitting, each pair alternately first. */
  private static String comparison(Map<Integer, List<Storm>> storms, Map<Integer, List<Storm>> compared) {
    StringBuilder text = new StringBuilder("\n\nCompared in the same run with ").append(compared())
        .append(" (each round ran each number of nodes with both, on two copies of the cases, alternately first):");
    for (int nodes : storms.keySet()) {
      double mine = BenchReport.Spread.of(storms.get(nodes).stream().map(Storm::secondsToLastReceived).toList()).median();
      double theirs = BenchReport.Spread.of(compared.get(nodes).stream().map(Storm::secondsToLastReceived).toList())
          .median();
      text.append(String.format(Locale.ROOT, " %s, seconds until the last reminder %s (median %.1f) against %s"
          + " (median %.1f), the nodes' CPU seconds %s against %s;", nodes == 1 ? "one node" : nodes + " nodes",
          seconds(storms.get(nodes)), mine, seconds(compared.get(nodes)), theirs, cpu(storms.get(nodes)),
          cpu(compared.get(nodes))));
    }
    text.setCharAt(text.length() - 1, '.');
    return text.toString();
  }

  /** The cases, made through the product: intake, acknowledgement sent, review accepted. */
  private List<String> setUp(TestPostgres.Database template) throws Exception {
    PackagedApp node = start(template, SET_UP_NODE);
    node.awaitHealthy(Duration.ofMinutes(3));
    JdbcTemplate jdbc = jdbc(template);
    Http api = node.http();
    Instant begun = Instant.now();
    int total = CASES + WARM_UP;
    List<String> cases = inParallel(total, i -> {
      HttpResponse<String> started = api.postJson("/api/intake", SampleCase.intakeJson(i));
      assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
      return JSON.readTree(started.body()).get("caseNumber").asText();
    });
    List<String> reviews = await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> jdbc.queryForList(
        "select id_ from act_ru_task where task_def_key_ = ?", String.class, USER_TASK_REVIEW_INTAKE),
        found -> found.size() == total);
    String accepted = """
        {"variables": {"intakeAccepted": {"value": true, "type": "Boolean"},
                       "declineReason": {"value": "", "type": "String"}}}""";
    inParallel(total, i -> {
      HttpResponse<String> completed = api.postJson("/engine-rest/task/" + reviews.get(i) + "/complete",
          accepted, ADMIN, ADMIN_PASSWORD);
      assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
      return null;
    });
    LOG.info("Set-up: {} cases started and accepted in {}", total, Duration.between(begun, Instant.now()));
    await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> reminderTimers(jdbc) == total
        && outboxStatuses(jdbc).equals(Map.of("SENT", (long) total)));
    node.close();
    running.remove(node);
    smtp.purgeEmailFromAllMailboxes();
    return cases;
  }

  /**
   * One storm on a copy of the cases: the warm-up cases' reminders due at once and all sent, then every
   * other case's reminder due at one moment; waits for all the mail.
   */
  private Storm storm(TestPostgres.Database database, int nodeCount, List<String> cases, int round,
      boolean comparing) throws Exception {
    List<PackagedApp> nodes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int n = 0; n < nodeCount; n++) {
      names.add("round-" + round + "-of-" + nodeCount + (comparing ? "-compared" : "") + "-node-" + (char) ('a' + n));
      nodes.add(comparing ? start(database, names.get(n), COMPARED_JVM_OPTIONS, COMPARED_BUILD)
          : start(database, names.get(n), NODE_JVM_OPTIONS, null));
    }
    nodes.forEach(node -> node.awaitHealthy(Duration.ofMinutes(3)));
    JdbcTemplate jdbc = jdbc(database);
    assertThat(reminderTimers(jdbc)).isEqualTo(cases.size());
    List<String> warmUp = cases.subList(0, WARM_UP);
    List<String> measured = cases.subList(WARM_UP, cases.size());

    int warmUpPasses = 0;
    double compilerShare = Double.NaN;
    while (!warmUp.isEmpty() && warmUpPasses < WARM_UP_MAX_PASSES
        && fewestReminderJobs(jdbc, names) < WARM_UP_REMINDERS) {
      if (warmUpPasses > 0) {
        forgetReminders(jdbc, warmUp);
      }
      smtp.purgeEmailFromAllMailboxes();
      warmUpPasses++;
      long jobsBefore = allReminderJobs(jdbc);
      List<Map<Long, ResourceUse.ThreadCpu>> threadsBefore = nodes.stream()
          .map(node -> ResourceUse.threadCpu(node.pid())).toList();
      fallDue(jdbc, warmUp, Instant.now());
      await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> allReminded(warmUp.size(), jdbc, nodes)
          && allReminderJobs(jdbc) >= jobsBefore + WARM_UP);
      compilerShare = compilerShare(nodes, threadsBefore);
      LOG.info("Warm-up pass {} of {} node(s): compiler threads {}% of the nodes' CPU", warmUpPasses, nodeCount,
          String.format(Locale.ROOT, "%.1f", compilerShare * 100));
    }
    smtp.purgeEmailFromAllMailboxes();
    DatabaseWork.Counters workBefore = DatabaseWork.Counters.read(jdbc);
    Instant due = fallDue(jdbc, measured, Instant.now().plus(AHEAD));
    await().atMost(AHEAD.multipliedBy(2)).pollInterval(Duration.ofMillis(50)).until(() -> !Instant.now().isBefore(due));
    CpuTimes atDue = CpuTimes.now();
    long nodesCpuAtDue = nodesCpuNanos(nodes);
    List<Map<Long, ResourceUse.ThreadCpu>> threadsAtDue = nodes.stream()
        .map(node -> ResourceUse.threadCpu(node.pid())).toList();
    Map<Long, Long> databaseAtDue = databaseCpuNanos(jdbc);
    List<Integer> held = new ArrayList<>();
    await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
      held.add(jobsHeld(jdbc));
      return allReminded(measured.size(), jdbc, nodes);
    });
    double cpuBusy = CpuTimes.now().busySince(atDue);
    double nodesCpuSeconds = (nodesCpuNanos(nodes) - nodesCpuAtDue) / 1e9;
    Map<String, Double> threadSeconds = new TreeMap<>();
    threadCpuSince(nodes, threadsAtDue).forEach((kind, nanos) -> threadSeconds.put(kind, nanos / 1e9));
    Map<Long, Long> databaseAtEnd = databaseCpuNanos(jdbc);
    double databaseCpuSeconds = databaseAtEnd.entrySet().stream()
        .mapToLong(process -> process.getValue() - databaseAtDue.getOrDefault(process.getKey(), 0L)).sum() / 1e9;
    List<StoredMessage> reminders = remindersReceived();
    // The nodes' connections report their statements and commits when they close.
    nodes.forEach(PackagedApp::close);
    running.removeAll(nodes);
    DatabaseWork work = DatabaseWork.since(workBefore, jdbc);
    Storm storm = Storm.of(due, reminders, measured, names, jdbc, new CpuUse(cpuBusy, nodesCpuSeconds,
        threadSeconds, databaseCpuSeconds), new WarmUp(warmUpPasses, compilerShare), held.stream().mapToInt(Integer::intValue).max().orElseThrow(),
        work);
    LOG.info("Round {}, {} node(s): {}", round, nodeCount, storm);
    LOG.info("Round {}, {} node(s), database work per reminder:\n{}", round, nodeCount, work.table(CASES));

    assertThat(timesEachCasePassed(jdbc, TIMER_DOCUMENTS_REMINDER, measured)).hasSize(CASES).containsOnly(1);
    assertThat(timesEachCasePassed(jdbc, SERVICE_TASK_SEND_DOCUMENTS_REMINDER, measured)).hasSize(CASES)
        .containsOnly(1);
    if (warmUpPasses > 0) {
      assertThat(timesEachCasePassed(jdbc, SERVICE_TASK_SEND_DOCUMENTS_REMINDER, warmUp)).hasSize(WARM_UP)
          .containsOnly(warmUpPasses);
    }
    // One acknowledgement per case and one reminder (a day) per case.
    assertThat(outboxStatuses(jdbc)).as("outbox").isEqualTo(Map.of("SENT", 2L * cases.size()));
    assertThat(jdbc.queryForObject("select count(*) from act_ru_incident", Integer.class)).as("incidents").isZero();

    smtp.purgeEmailFromAllMailboxes();
    return storm;
  }

  /** The JIT compiler threads' share of the nodes' CPU since {@code before} (all nodes together). */
  private static double compilerShare(List<PackagedApp> nodes, List<Map<Long, ResourceUse.ThreadCpu>> before) {
    Map<String, Long> byKind = threadCpuSince(nodes, before);
    long all = byKind.values().stream().mapToLong(Long::longValue).sum();
    long compiler = byKind.entrySet().stream().filter(kind -> kind.getKey().contains("CompilerThre"))
        .mapToLong(Map.Entry::getValue).sum();
    return all == 0 ? 0 : (double) compiler / all;
  }

  /** The nodes' CPU nanoseconds by thread kind since {@code before} (one reading per node), all nodes together. */
  private static Map<String, Long> threadCpuSince(List<PackagedApp> nodes,
      List<Map<Long, ResourceUse.ThreadCpu>> before) {
    Map<String, Long> byKind = new TreeMap<>();
    for (int n = 0; n < nodes.size(); n++) {
      ResourceUse.threadCpuSince(before.get(n), ResourceUse.threadCpu(nodes.get(n).pid()))
          .forEach((kind, nanos) -> byKind.merge(kind, nanos, Long::sum));
    }
    return byKind;
  }

  /** GreenMail holds at least {@code count} reminders, and nothing is left to send or run. */
  private boolean allReminded(int count, JdbcTemplate jdbc, List<PackagedApp> nodes) {
    return smtp.getManagers().getImapHostManager().getAllMessages().size() >= count
        && remindersReceived().size() >= count && !outboxStatuses(jdbc).containsKey("PENDING")
        && executableJobs(nodes.get(0)) == 0;
  }

  /**
   * The documents reminder timers of these cases due at {@code moment}, in one statement: the storm's
   * due moment is one moment for all, as when every reminder of the day falls due at the reminder hour.
   * The nodes find them as they find any timer that has come due (the next time they look for jobs).
   */
  private static Instant fallDue(JdbcTemplate jdbc, List<String> caseNumbers, Instant moment) {
    Instant due = moment.truncatedTo(ChronoUnit.MILLIS);
    int set = jdbc.update(connection -> {
      var update = connection.prepareStatement("update act_ru_job set duedate_ = ?, rev_ = rev_ + 1 "
          + "where job_def_id_ in (select id_ from act_ru_jobdef where act_id_ = ?) and process_instance_id_ in "
          + "(select proc_inst_id_ from act_ru_execution where parent_id_ is null and business_key_ = any (?))");
      update.setTimestamp(1, java.sql.Timestamp.from(due));
      update.setString(2, TIMER_DOCUMENTS_REMINDER);
      update.setArray(3, connection.createArrayOf("varchar", caseNumbers.toArray()));
      return update;
    });
    assertThat(set).as("reminder timers set due").isEqualTo(caseNumbers.size());
    return due;
  }

  /**
   * CPU time (user and system) PostgreSQL's processes have used so far, by process id (the server's
   * own and one per connection; a connection closed before the reading is not counted).
   */
  private static Map<Long, Long> databaseCpuNanos(JdbcTemplate jdbc) {
    Map<Long, Long> processes = new HashMap<>();
    jdbc.queryForList("select pid from pg_stat_activity", Long.class)
        .forEach(pid -> processes.put(pid, ResourceUse.cpuNanos(pid)));
    return processes;
  }

  /** These cases' documents reminders taken out of the outbox: the next reminder is written and sent anew. */
  private static void forgetReminders(JdbcTemplate jdbc, List<String> caseNumbers) {
    int forgotten = jdbc.update(connection -> {
      var delete = connection.prepareStatement("delete from outbox_message where notice_type = ? "
          + "and case_number = any (?)");
      delete.setString(1, "DOCUMENTS_REMINDER");
      delete.setArray(2, connection.createArrayOf("varchar", caseNumbers.toArray()));
      return delete;
    });
    assertThat(forgotten).as("warm-up reminders taken out of the outbox").isEqualTo(caseNumbers.size());
  }

  /** CPU time (user and system) the nodes' JVMs have used so far. */
  private static long nodesCpuNanos(List<PackagedApp> nodes) {
    return nodes.stream().mapToLong(node -> ResourceUse.cpuNanos(node.pid())).sum();
  }

  /** Jobs some node holds (has locked to run them) now. */
  private static int jobsHeld(JdbcTemplate jdbc) {
    return jdbc.queryForObject("select count(*) from act_ru_job where lock_owner_ is not null", Integer.class);
  }

  /**
   * The engine's look for jobs to run (its query {@code selectNextJobsToExecute}, as it reads on
   * PostgreSQL with the product's settings), timed on copies of the storm's cases: when none is due,
   * as a node asks every few seconds when idle, and in the middle of a storm (the measured cases'
   * reminders due, and as many of them held by a node as the most the nodes held at once in any
   * round), as a node asks after nearly every job it runs. Each with the product's two indexes on the
   * job table, with the due-date index only, and with neither (the engine's own schema).
   */
  private static String lookForDueJobs(TestPostgres.Database template, List<String> measured, int held) {
    List<String> rows = new ArrayList<>();
    int jobs = 0;
    for (boolean storm : List.of(false, true)) {
      JdbcTemplate jdbc = jdbc(TestPostgres.copyOf(template));
      String when = storm ? "in a storm" : "none due";
      if (storm) {
        Instant now = Instant.now();
        fallDue(jdbc, measured, now.minus(Duration.ofMinutes(1)));
        int locked = jdbc.update("update act_ru_job set lock_owner_ = 'bench', lock_exp_time_ = ? where id_ in "
            + "(select id_ from act_ru_job where duedate_ <= ? order by id_ limit ?)",
            java.sql.Timestamp.from(now.plus(Duration.ofMinutes(5))), java.sql.Timestamp.from(now), held);
        assertThat(locked).as("jobs held").isEqualTo(held);
      }
      jdbc.execute("analyze");
      jobs = jdbc.queryForObject("select count(*) from act_ru_job", Integer.class);
      int found = storm ? 6 : 0;
      rows.add(timeLookForDueJobs(jdbc, found).row(when + ": with the product's indexes (`"
          + "permiso_job_due_idx`, `permiso_job_lock_idx`)"));
      jdbc.execute("drop index permiso_job_lock_idx");
      jdbc.execute("analyze act_ru_job");
      rows.add(timeLookForDueJobs(jdbc, found).row(when + ": with the due-date index only"));
      jdbc.execute("drop index permiso_job_due_idx");
      jdbc.execute("analyze act_ru_job");
      rows.add(timeLookForDueJobs(jdbc, found).row(when + ": with neither (the engine's own schema)"));
    }
    return """
        The engine's look for due jobs (its acquisition query, 6 jobs at most), on copies of these cases
        (%,d jobs in the table), %d times after %d unmeasured: when none is due (as every node asks
        every few seconds when idle), and in a storm (the measured cases' reminders due and %,d of them held
        by a node, the most the nodes held at once in any round, sampled every second; as a node asks
        after nearly every job it runs while jobs wait):

        %s
        %s""".formatted(jobs, LOOKS, LOOKS / 5, held, BenchReport.TABLE_HEAD, String.join("\n", rows));
  }

  private static final int LOOKS = 100;

  private static BenchReport.Spread timeLookForDueJobs(JdbcTemplate jdbc, int due) {
    return jdbc.execute((java.sql.Connection connection) -> {
      List<Double> timings = new ArrayList<>();
      try (var query = connection.prepareStatement("select RES.ID_, RES.REV_, RES.DUEDATE_, RES.PROCESS_INSTANCE_ID_, "
          + "RES.EXCLUSIVE_ from ACT_RU_JOB RES where (RES.RETRIES_ > 0) and (RES.DUEDATE_ is null or RES.DUEDATE_ <= ?) "
          + "and (RES.LOCK_OWNER_ is null or RES.LOCK_EXP_TIME_ < ?) and RES.SUSPENSION_STATE_ = 1 "
          + "and ((RES.EXCLUSIVE_ = true and not exists (select J2.ID_ from ACT_RU_JOB J2 "
          + "where J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_ and (J2.EXCLUSIVE_ = true) "
          + "and (J2.LOCK_OWNER_ is not null and J2.LOCK_EXP_TIME_ >= ?))) or RES.EXCLUSIVE_ = false) LIMIT ?")) {
        for (int look = 0; look < LOOKS + LOOKS / 5; look++) {
          java.sql.Timestamp now = java.sql.Timestamp.from(Instant.now());
          query.setTimestamp(1, now);
          query.setTimestamp(2, now);
          query.setTimestamp(3, now);
          query.setInt(4, 6);
          long started = System.nanoTime();
          int rows = 0;
          try (var found = query.executeQuery()) {
            while (found.next()) {
              rows++;
            }
          }
          if (look >= LOOKS / 5) {
            timings.add((System.nanoTime() - started) / 1e6);
          }
          // When none of the storm's is due, one of the cases' other timers may have come due since the set-up
          // (a slow one, on a durable server): a few found do not change what is timed.
          if (due > 0) {
            assertThat(rows).as("jobs found due in the copy of the storm's cases").isEqualTo(due);
          } else {
            assertThat(rows).as("jobs found due in the copy of the storm's cases").isLessThan(6);
          }
        }
      }
      return BenchReport.Spread.of(timings);
    });
  }

  /** The environment of one node: the database, its own name and the SMTP server; the product's defaults otherwise. */
  private PackagedApp start(TestPostgres.Database database, String name) {
    return start(database, name, List.of(), null);
  }

  /** ... with JVM options, from another build's extracted jar when {@code build} is given. */
  private PackagedApp start(TestPostgres.Database database, String name, List<String> jvmOptions, Path build) {
    Map<String, String> env = new HashMap<>(database.environment());
    env.put("SERVER_ADDRESS", "127.0.0.1");
    env.put("PERMISO_NODENAME", name);
    env.put("CAMUNDA_BPM_ADMINUSER_PASSWORD", ADMIN_PASSWORD);
    env.put("SPRING_MAIL_HOST", "127.0.0.1");
    env.put("SPRING_MAIL_PORT", String.valueOf(smtp.getSmtp().getPort()));
    // Every intake comes from the benchmark's one address.
    env.put("PERMISO_ABUSE_INTAKESPERADDRESS", String.valueOf(CASES + WARM_UP));
    if (!name.equals(SET_UP_NODE)) {
      env.putAll(NODE_SETTINGS);
    }
    List<String> jvm = new ArrayList<>(List.of(HEAP));
    jvm.addAll(jvmOptions);
    PackagedApp node = build == null ? PackagedApp.start(logs, name, env, jvm.toArray(String[]::new))
        : PackagedApp.startBuild(build, logs, name, env, jvm.toArray(String[]::new));
    running.add(node);
    return node;
  }

  private List<StoredMessage> remindersReceived() {
    return smtp.getManagers().getImapHostManager().getAllMessages().stream()
        .filter(message -> ReceivedMail.header(message.getMimeMessage(), "X-Permiso-Message")
            .contains("|DOCUMENTS_REMINDER|"))
        .toList();
  }

  private static int reminderTimers(JdbcTemplate jdbc) {
    return jdbc.queryForObject("select count(*) from act_ru_job job join act_ru_jobdef definition "
        + "on job.job_def_id_ = definition.id_ where definition.act_id_ = ?", Integer.class, TIMER_DOCUMENTS_REMINDER);
  }

  private static Map<String, Long> outboxStatuses(JdbcTemplate jdbc) {
    Map<String, Long> statuses = new TreeMap<>();
    jdbc.query("select status, count(*) from outbox_message group by status",
        row -> {
          statuses.put(row.getString(1), row.getLong(2));
        });
    return statuses;
  }

  private static int executableJobs(PackagedApp node) {
    return Http.json(node.http().get("/engine-rest/job/count?executable=true&processDefinitionKey="
        + ExitReentryPermitProcess.KEY, ADMIN, ADMIN_PASSWORD)).get("count").asInt();
  }

  /** How many times the step ended in each of these cases. */
  private static List<Integer> timesEachCasePassed(JdbcTemplate jdbc, String activityId, List<String> caseNumbers) {
    return jdbc.query(connection -> {
      var query = connection.prepareStatement("select count(*) from act_hi_actinst step join act_hi_procinst instance "
          + "on step.proc_inst_id_ = instance.id_ where step.act_id_ = ? and step.end_time_ is not null "
          + "and instance.business_key_ = any (?) group by step.proc_inst_id_");
      query.setString(1, activityId);
      query.setArray(2, connection.createArrayOf("varchar", caseNumbers.toArray()));
      return query;
    }, (row, number) -> row.getInt(1));
  }

  /** The fewest reminder jobs (the reminder timer, which writes the reminder) any of these nodes has run. */
  private static long fewestReminderJobs(JdbcTemplate jdbc, List<String> nodes) {
    Map<String, Long> jobs = reminderJobs(jdbc);
    return nodes.stream().mapToLong(node -> jobs.getOrDefault(node, 0L)).min().orElse(0);
  }

  /** Reminder jobs (the reminder timer, which writes the reminder) run to the end, all nodes together. */
  private static long allReminderJobs(JdbcTemplate jdbc) {
    return reminderJobs(jdbc).values().stream().mapToLong(Long::longValue).sum();
  }

  /** Reminder jobs (the reminder timer, which writes the reminder) run to the end, by the node that ran them. */
  private static Map<String, Long> reminderJobs(JdbcTemplate jdbc) {
    Map<String, Long> jobs = new HashMap<>();
    jdbc.query("select hostname_, count(*) from act_hi_job_log where job_state_ = 2 and act_id_ = ? "
        + "group by hostname_", row -> {
          jobs.put(row.getString(1), row.getLong(2));
        }, TIMER_DOCUMENTS_REMINDER);
    return jobs;
  }

  private static JdbcTemplate jdbc(TestPostgres.Database database) {
    return new JdbcTemplate(new DriverManagerDataSource(database.url(), database.username(), database.password()));
  }

  private void report(Map<Integer, List<Storm>> storms, Duration setUp, TestPostgres.Database database,
      String acquisition, String comparison)
      throws IOException {
    StringBuilder table = new StringBuilder("| measured | median | p95 | min | max | rounds |\n|---|---|---|---|---|---|");
    for (Map.Entry<Integer, List<Storm>> entry : storms.entrySet()) {
      String nodes = entry.getKey() == 1 ? "one node" : entry.getKey() + " nodes";
      List<Storm> runs = entry.getValue();
      table.append('\n').append(spread(runs, Storm::secondsToLastReceived)
          .row(nodes + ": seconds from the due moment until the last reminder reached the SMTP server"));
      table.append('\n').append(spread(runs, storm -> CASES / storm.secondsToLastReceived())
          .row(nodes + ": reminders per second (cases / those seconds)"));
      table.append('\n').append(spread(runs, Storm::secondsToFirstWritten)
          .row(nodes + ": seconds until the first reminder was written to the outbox"));
      table.append('\n').append(spread(runs, Storm::secondsToFirstReceived)
          .row(nodes + ": seconds until the first reminder arrived"));
      table.append('\n').append(spread(runs, Storm::secondsToLastWritten)
          .row(nodes + ": seconds until the last reminder was written to the outbox"));
      table.append('\n').append(spread(runs, storm -> storm.cpu().busy() * 100)
          .row(nodes + ": % of the machine's CPU time busy from the due moment to the last reminder"));
      table.append('\n').append(spread(runs, storm -> storm.cpu().nodesSeconds())
          .row(nodes + ": CPU seconds the nodes' JVMs used in that time (all nodes together)"));
      table.append('\n').append(spread(runs, storm -> storm.cpu().databaseSeconds())
          .row(nodes + ": CPU seconds PostgreSQL's processes used in that time"));
      table.append('\n').append(spread(runs, Storm::mostJobsHeld)
          .row(nodes + ": most jobs held by the nodes at once (locked to run them; sampled every second)"));
    }
    List<Storm> all = storms.values().stream().flatMap(List::stream).toList();
    long duplicates = all.stream().mapToLong(Storm::duplicates).sum();
    long losses = all.stream().mapToLong(Storm::losses).sum();
    long failedJobs = all.stream().mapToLong(Storm::failedJobAttempts).sum();
    double oneNode = BenchReport.Spread.of(storms.get(1).stream().map(Storm::secondsToLastReceived).toList()).median();
    double twoNodes = BenchReport.Spread.of(storms.get(2).stream().map(Storm::secondsToLastReceived).toList()).median();
    String shares = storms.get(2).stream().map(storm -> storm.jobsByNode().values().stream().map(NodeShare::toString)
        .collect(Collectors.joining(" and "))).collect(Collectors.joining("; "));
    String passes = storms.entrySet().stream().map(entry -> (entry.getKey() == 1 ? "one node " : entry.getKey()
        + " nodes ") + entry.getValue().stream().map(storm -> storm.warmUp().toString())
        .collect(Collectors.joining(", "))).collect(Collectors.joining("; "));
    String tried = Stream.concat(NODE_SETTINGS.entrySet().stream()
        .map(setting -> "`" + setting.getKey() + "=" + setting.getValue() + "`"),
        NODE_JVM_OPTIONS.stream().map(option -> "`" + option + "`")).collect(Collectors.joining(", "));
    tried = tried.isEmpty() ? "none" : tried;
    JdbcTemplate jdbc = jdbc(database);
    String settings = "`fsync` " + jdbc(database).queryForObject("show fsync", String.class) + ", `synchronous_commit` "
        + jdbc(database).queryForObject("show synchronous_commit", String.class) + ", `full_page_writes` "
        + jdbc(database).queryForObject("show full_page_writes", String.class);
    BenchReport.write(SECTION, """
        ## %s

        Database settings of the storms (read from the server after the set-up): %s. The cases were made with
        `synchronous_commit` off for the template database alone (the set-up is not measured).

        %,d cases waiting for documents, and %,d more to warm the nodes up, made once through the product
        (intake over HTTP, the acknowledgement sent, the review accepted through the REST API; %.0f s) in a
        database each round copies. A round starts the packaged jar (`java %s -jar`) once or twice on its
        copy, with the product's settings (only the node name, the SMTP server and the intake limit per
        address set; other settings tried: %s). First the warm-up: the warm-up cases' reminders fall due,
        again and again (their timers repeat; before each pass the previous pass's reminders are taken
        out of the outbox, so each pass writes and sends them as on a new day), until every node of the
        round has written at least %,d reminders (at most %d passes; the passes, and the share of the nodes'
        CPU their JIT compiler threads used in the last: %s): a storm in service meets nodes whose JVMs have
        long run the code it runs, not nodes just started. Then every other case's documents reminder timer is set
        due at one moment (one `update` of the engine's job table, as when all of a day's reminders fall
        due at the reminder hour; the nodes find them the next time they look for jobs), and the round
        waits until GreenMail, in the benchmark's JVM, holds a reminder for every case and nothing is left
        to run or send. Seconds count from the due moment to the moment GreenMail stored the email;
        "written" is a reminder's row in the outbox (the job executor's part: one job per case, its reminder timer,
        which runs the send step). %d rounds with each number of nodes, interleaved, each on a fresh copy with freshly
        started nodes. The nodes, PostgreSQL and GreenMail share the machine's CPUs.

        %s

        Two nodes / one node (medians of the seconds until the last reminder): **%.2f**. Goal: %,d reminders
        from the due moment to the last email in at most 60 s on one node, and two nodes faster than one:
        %s.
        Duplicates (a reminder's `X-Permiso-Message` twice, or a second reminder for a case): %d; losses
        (cases with no reminder): %d, over all %d rounds. Every round: each case's reminder timer and
        send step passed once in the engine's history, every outbox row `SENT`, no incident; %d job
        attempts failed and were retried (all rounds). Reminder jobs (the timers) each node ran in
        the two-node rounds, and when its first one ended: %s.%s

        Where the nodes' CPU went from the due moment to the last reminder: CPU seconds by thread (from
        `/proc`, all nodes of a round together, medians over the rounds; a thread that ended before the
        last reminder is not counted):

        %s

        %s

        %s

        %s
        """.formatted(TITLE, settings, CASES, WARM_UP, setUp.toMillis() / 1000.0, HEAP, tried, WARM_UP_REMINDERS, WARM_UP_MAX_PASSES, passes,
            ROUNDS, table,
        twoNodes / oneNode, CASES, goal(oneNode, twoNodes), duplicates,
        losses, all.size(), failedJobs, shares, comparison, threadTable(storms), DatabaseWork.report(storms.entrySet().stream()
            .map(entry -> Map.entry(entry.getKey(), entry.getValue().stream().map(Storm::work).toList())).toList(), CASES),
        acquisition,
        BenchReport.machine("PostgreSQL " + jdbc.queryForObject("show server_version", String.class)
            + " (" + TestPostgres.describeServer() + "), shared by the nodes")));
  }

  /** Whether the storm met its goal, in words, with the medians it is judged on. */
  private static String goal(double oneNode, double twoNodes) {
    String one = String.format(Locale.ROOT, "%.1f s on one node", oneNode);
    String two = String.format(Locale.ROOT, "%.1f s on two", twoNodes);
    return (oneNode <= 60 ? "met on one node (" + one + ")" : "**not met** on one node (" + one + ")") + "; "
        + (twoNodes < oneNode ? "two nodes faster (" + two + ")" : "two nodes **not faster** (" + two + ")");
  }

  /**
   * The nodes' CPU seconds by thread, all nodes of a round together, median over the rounds with
   * each number of nodes: threads with a second or more in some median by name, the rest together.
   */
  private static String threadTable(Map<Integer, List<Storm>> storms) {
    Set<String> kinds = new TreeSet<>();
    storms.values().forEach(runs -> runs.forEach(storm -> kinds.addAll(storm.cpu().nodeThreadSeconds().keySet())));
    Set<String> named = new TreeSet<>();
    for (String kind : kinds) {
      for (List<Storm> runs : storms.values()) {
        if (spread(runs, storm -> storm.cpu().nodeThreadSeconds().getOrDefault(kind, 0.0)).median() >= 1.0) {
          named.add(kind);
        }
      }
    }
    List<String> order = named.stream().sorted(java.util.Comparator.comparingDouble((String kind) ->
        -spread(storms.get(1), storm -> storm.cpu().nodeThreadSeconds().getOrDefault(kind, 0.0)).median()))
        .collect(Collectors.toCollection(ArrayList::new));
    StringBuilder table = new StringBuilder("| thread (its name without the number it ends with) |");
    storms.keySet().forEach(nodes -> table.append(nodes == 1 ? " one node |" : " " + nodes + " nodes |"));
    table.append("\n|---|").append("---|".repeat(storms.size()));
    order.add(null);
    for (String kind : order) {
      table.append("\n| ").append(kind == null ? "all other threads" : "`" + kind + "`").append(" |");
      for (List<Storm> runs : storms.values()) {
        table.append(String.format(Locale.ROOT, " %.1f |", spread(runs, storm -> kind != null
            ? storm.cpu().nodeThreadSeconds().getOrDefault(kind, 0.0)
            : storm.cpu().nodeThreadSeconds().entrySet().stream().filter(entry -> !named.contains(entry.getKey()))
                .mapToDouble(Map.Entry::getValue).sum()).median()));
      }
    }
    return table.toString();
  }

  private static BenchReport.Spread spread(List<Storm> storms, java.util.function.ToDoubleFunction<Storm> figure) {
    return BenchReport.Spread.of(storms.stream().map(storm -> figure.applyAsDouble(storm)).toList());
  }

  /**
   * The machine's CPU time so far, all processes (the nodes, PostgreSQL, GreenMail and anything else
   * running), from {@code /proc/stat}: busy and total jiffies.
   */
  private record CpuTimes(long busy, long total) {

    static CpuTimes now() throws IOException {
      String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      // user nice system idle iowait irq softirq steal
      for (int i = 1; i <= 8; i++) {
        total += Long.parseLong(fields[i]);
      }
      long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
      return new CpuTimes(total - idle, total);
    }

    /** The share of all CPUs busy since {@code earlier}, 0 to 1. */
    double busySince(CpuTimes earlier) {
      return (double) (busy - earlier.busy) / Math.max(1, total - earlier.total);
    }
  }

  /**
   * The CPU a storm used from its due moment to its last reminder: the share of the machine's time
   * busy (0 to 1), the nodes' JVMs' seconds, those by thread (name without its number, all nodes
   * together), and PostgreSQL's seconds.
   */
  private record CpuUse(double busy, double nodesSeconds, Map<String, Double> nodeThreadSeconds,
                        double databaseSeconds) {
  }

  /** Warm-up passes before the storm, and the compiler threads' share of the nodes' CPU in the last one. */
  private record WarmUp(int passes, double lastCompilerShare) {

    @Override
    public String toString() {
      return passes == 0 ? "0" : String.format(Locale.ROOT, "%d (compiler %.1f%%)", passes, lastCompilerShare * 100);
    }
  }

  /** The reminder jobs (timers) one node ran, and when its first one ended (seconds after the due moment). */
  private record NodeShare(long jobs, double firstEndedAfter) {

    @Override
    public String toString() {
      return jobs == 0 ? "0" : String.format(Locale.ROOT, "%,d (from %.1f s)", jobs, firstEndedAfter);
    }
  }

  /** What one storm did, and how busy the machine was. */
  private record Storm(double secondsToFirstWritten, double secondsToFirstReceived, double secondsToLastWritten,
                       double secondsToLastReceived, long duplicates, long losses, long failedJobAttempts,
                       Map<String, NodeShare> jobsByNode, CpuUse cpu, WarmUp warmUp, int mostJobsHeld,
                       DatabaseWork work) {

    static Storm of(Instant due, List<StoredMessage> reminders, List<String> cases, List<String> nodes,
        JdbcTemplate jdbc, CpuUse cpu, WarmUp warmUp, int mostJobsHeld, DatabaseWork work) {
      Instant first = reminders.stream().map(message -> message.getReceivedDate().toInstant()).min(Instant::compareTo)
          .orElseThrow();
      Instant last = reminders.stream().map(message -> message.getReceivedDate().toInstant()).max(Instant::compareTo)
          .orElseThrow();
      // The warm-up's reminders were all written before the due moment.
      java.sql.Timestamp since = java.sql.Timestamp.from(due);
      Instant firstWritten = jdbc.queryForObject("select min(created_at) from outbox_message where notice_type = ? "
          + "and created_at >= ?", java.sql.Timestamp.class, "DOCUMENTS_REMINDER", since).toInstant();
      Instant written = jdbc.queryForObject("select max(created_at) from outbox_message where notice_type = ? "
          + "and created_at >= ?", java.sql.Timestamp.class, "DOCUMENTS_REMINDER", since).toInstant();
      Set<String> remindedCases = new HashSet<>();
      for (StoredMessage reminder : reminders) {
        remindedCases.add(ReceivedMail.header(reminder.getMimeMessage(), "X-Permiso-Case"));
      }
      long losses = cases.stream().filter(caseNumber -> !remindedCases.contains(caseNumber)).count();
      Map<String, NodeShare> jobsByNode = new TreeMap<>();
      nodes.forEach(node -> jobsByNode.put(node, new NodeShare(0, Double.NaN)));
      jdbc.query("select hostname_, count(*), min(timestamp_) from act_hi_job_log where job_state_ = 2 "
          + "and act_id_ = ? and timestamp_ >= ? group by hostname_", row -> {
            jobsByNode.put(row.getString(1), new NodeShare(row.getLong(2),
                seconds(due, row.getTimestamp(3).toInstant())));
          }, TIMER_DOCUMENTS_REMINDER, since);
      Long failed = jdbc.queryForObject("select count(*) from act_hi_job_log where job_state_ = 1 and hostname_ <> ?",
          Long.class, SET_UP_NODE);
      return new Storm(seconds(due, firstWritten), seconds(due, first), seconds(due, written), seconds(due, last),
          reminders.size() - remindedCases.size(), losses, failed == null ? 0 : failed, jobsByNode, cpu,
          warmUp, mostJobsHeld, work);
    }

    private static double seconds(Instant from, Instant to) {
      return Duration.between(from, to).toMillis() / 1000.0;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "first reminder written after %.1f s, received after %.1f s; last written "
          + "after %.1f s, received after %.1f s; %d duplicates, %d losses, %d failed job attempts; jobs by node %s; "
          + "CPUs %.0f%% busy, the nodes' JVMs %.1f CPU s (%s), PostgreSQL %.1f CPU s; at most %d jobs held at once; "
          + "after %s warm-up passes", secondsToFirstWritten, secondsToFirstReceived, secondsToLastWritten,
          secondsToLastReceived, duplicates, losses, failedJobAttempts, jobsByNode, cpu.busy() * 100,
          cpu.nodesSeconds(), cpu.nodeThreadSeconds(), cpu.databaseSeconds(), mostJobsHeld, warmUp);
    }
  }

  /** Runs {@code count} requests on the client threads. */
  private <T> List<T> inParallel(int count, Request<T> request) throws Exception {
    List<Future<T>> answers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int number = i;
      answers.add(clients.submit(() -> request.send(number)));
    }
    List<T> results = new ArrayList<>();
    for (Future<T> answer : answers) {
      results.add(answer.get());
    }
    return results;
  }

  /** Request number {@code number} of many. */
  private interface Request<T> {
    T send(int number) throws Exception;
  }


  private static List<String> options(String property) {
    return List.of(System.getProperty(property, "").split(" ")).stream().filter(option -> !option.isBlank()).toList();
  }

  private static Map<String, String> settings(String list) {
    Map<String, String> settings = new TreeMap<>();
    for (String setting : list.split(",")) {
      if (!setting.isBlank()) {
        String[] nameAndValue = setting.split("=", 2);
        settings.put(nameAndValue[0].strip(), nameAndValue[1].strip());
      }
    }
    return settings;
  }


}
