package mx.permiso;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.SERVICE_TASK_SEND_DOCUMENTS_REMINDER;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.TIMER_DOCUMENTS_REMINDER;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.USER_TASK_REVIEW_INTAKE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import mx.permiso.cases.ExitReentryPermitProcess;
import mx.permiso.support.Http;
import mx.permiso.support.PackagedApp;
import mx.permiso.support.ReceivedMail;
import mx.permiso.support.SampleCase;
import mx.permiso.support.SmtpRelay;
import mx.permiso.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Cluster mode: two nodes of the packaged application, each its own JVM, on one PostgreSQL. They
 * start at the same moment on an empty database; 300 cases are started and accepted through both;
 * the documents reminders of all 300 fall due at one moment; as the first ones arrive, node A is
 * killed (SIGKILL). Node B finishes the work: every reminder timer fired once, and every email,
 * acknowledgements included, reached the client's mailbox (GreenMail) exactly once.
 *
 * <p>Where node A is killed: an SMTP outbox delivers at least once. A node killed after the SMTP
 * server accepted an email but before it recorded it as sent leaves the row to be sent again once
 * its lease ends: a repeat no outbox can rule out (ADR 009), and one that would make this test fail
 * at random. So node A sends through a relay ({@link SmtpRelay}). To kill it, the relay holds new
 * connections and the next command of an open one, and the test waits until A's connection is held:
 * A sends its emails over one connection, one after the other, recording each before its next command
 * (the next email's, or the end of the connection), so when that command waits it has recorded every
 * email it sent (holding no outbox row at all would be as safe). A is then killed mid-run in every other respect: as the
 * first reminders arrive, with reminder jobs still to run (some of them often taken by A) and
 * emails A took but did not send.
 */
class ClusterIT {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterIT.class);
  private static final int CASES = 300;
  private static final String NODE_A = "node-a";
  private static final String NODE_B = "node-b";
  private static final String ADMIN = "admin";
  private static final String ADMIN_PASSWORD = "cluster-admin-2026";
  private static final Duration PATIENCE = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter ENGINE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  private final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
  // Bounded: a few clients at a time, as a busy website and a few staff members would be.
  private final ExecutorService clients = Executors.newFixedThreadPool(4);
  private SmtpRelay relay;
  private PackagedApp nodeA;
  private PackagedApp nodeB;
  private JdbcTemplate jdbc;

  @AfterEach
  void stop() {
    clients.shutdownNow();
    Stream.of(nodeA, nodeB).filter(node -> node != null).forEach(PackagedApp::close);
    if (relay != null) {
      relay.close();
    }
    smtp.stop();
  }

  @Test
  void everyReminderFiresOnceAndEveryEmailGoesOutOnceThoughANodeIsKilledMidRun() throws Exception {
    smtp.start();
    relay = new SmtpRelay(smtp.getSmtp().getPort());
    TestPostgres.Database database = TestPostgres.newDatabase();
    jdbc = new JdbcTemplate(new DriverManagerDataSource(database.url(), database.username(), database.password()));
    Path logs = Files.createDirectories(Path.of("target", "cluster-it"));   // kept for a look after a failure

    nodeA = PackagedApp.start(logs, NODE_A, node(database, NODE_A, relay.port()), "-Xmx768m");
    nodeB = PackagedApp.start(logs, NODE_B, node(database, NODE_B, smtp.getSmtp().getPort()), "-Xmx768m");
    nodeA.awaitHealthy(Duration.ofMinutes(3));
    nodeB.awaitHealthy(Duration.ofMinutes(3));
    assertSetUpOnce();

    Instant started = Instant.now();
    List<String> cases = startCases();
    acceptReviews();
    List<String> timers = await().atMost(PATIENCE).until(this::reminderTimers, jobs -> jobs.size() == CASES);
    Instant due = fallDueTogether(timers);
    LOG.info("{} cases started and accepted in {}; their reminders fall due at {}, set by {}", CASES,
        Duration.between(started, Instant.now()), due, Instant.now());

    await().atMost(PATIENCE).until(() -> remindersReceived() >= 1 && relay.forwardedConnections() > 0);
    int heldByNodeA = killNodeAWithNoEmailHalfRecorded();
    Instant killed = Instant.now();
    int remindersAtKill = remindersReceived();
    int connectionsOfNodeA = relay.forwardedConnections();
    Integer jobsOfNodeA = jdbc.queryForObject("select count(*) from act_ru_job where lock_owner_ = ? "
        + "and lock_exp_time_ > current_timestamp", Integer.class, NODE_A);
    Integer written = jdbc.queryForObject("select count(*) from outbox_message where notice_type = 'DOCUMENTS_REMINDER'",
        Integer.class);
    LOG.info("Node A killed {} after the reminders fell due: {} of {} reminders written, {} received, {} connections "
        + "of node A to the SMTP server; it held {} emails and {} jobs", Duration.between(due, killed), written, CASES, remindersAtKill,
        connectionsOfNodeA, heldByNodeA, jobsOfNodeA);

    await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(this::allWorkDone);
    LOG.info("Node B finished the run {} after the kill", Duration.between(killed, Instant.now()));

    assertThat(remindersAtKill).as("killed mid-run").isPositive().isLessThan(CASES);
    assertThat(connectionsOfNodeA).as("node A had sent mail").isPositive();
    assertThat(heldByNodeA).as("node A died holding emails").isPositive();
    assertThat(jdbc.queryForList("select distinct hostname_ from act_hi_job_log", String.class))
        .as("both nodes ran jobs").contains(NODE_A, NODE_B);

    List<MimeMessage> received = List.of(smtp.getReceivedMessages());
    assertThat(received).extracting(message -> ReceivedMail.header(message, "X-Permiso-Message"))
        .as("no email twice").doesNotHaveDuplicates().hasSize(2 * CASES);
    assertThat(received).filteredOn(ClusterIT::isReminder)
        .extracting(message -> ReceivedMail.header(message, "X-Permiso-Case"))
        .as("one reminder for every case").containsExactlyInAnyOrderElementsOf(cases);

    assertThat(timesEachCasePassed(TIMER_DOCUMENTS_REMINDER)).hasSize(CASES).containsOnly(1);
    assertThat(timesEachCasePassed(SERVICE_TASK_SEND_DOCUMENTS_REMINDER)).hasSize(CASES).containsOnly(1);
    assertThat(jdbc.queryForList("select status || ' ' || coalesce(locked_by, 'free') from outbox_message",
        String.class)).hasSize(2 * CASES).containsOnly("SENT free");
    assertThat(jdbc.queryForObject("select count(*) from act_ru_incident", Integer.class)).as("incidents").isZero();
    assertThat(jdbc.queryForList("select status || ' ' || phase from case_summary", String.class))
        .as("the case board, written by both nodes").hasSize(CASES).containsOnly("OPEN DOCUMENTS");
  }

  /** The environment of one node: the shared database, its own name and SMTP server, short leases. */
  private static Map<String, String> node(TestPostgres.Database database, String name, int smtpPort) {
    Map<String, String> env = new HashMap<>(database.environment());
    env.put("SERVER_ADDRESS", "127.0.0.1");
    env.put("PERMISO_NODENAME", name);
    env.put("CAMUNDA_BPM_ADMINUSER_PASSWORD", ADMIN_PASSWORD);
    env.put("SPRING_MAIL_HOST", "127.0.0.1");
    env.put("SPRING_MAIL_PORT", String.valueOf(smtpPort));
    // 300 intakes from the test's one address.
    env.put("PERMISO_ABUSE_INTAKESPERADDRESS", "100000");
    // What a dead node held comes free after seconds instead of minutes.
    env.put("CAMUNDA_BPM_JOBEXECUTION_LOCKTIMEINMILLIS", "15000");
    env.put("PERMISO_MAIL_LEASE", "PT15S");
    env.put("CAMUNDA_BPM_JOBEXECUTION_WAITTIMEINMILLIS", "500");
    env.put("CAMUNDA_BPM_JOBEXECUTION_MAXWAIT", "2000");
    // Both dispatchers busy for a while: ten emails a second each at the most.
    env.put("PERMISO_MAIL_DISPATCHINTERVAL", "PT1S");
    env.put("PERMISO_MAIL_BATCHSIZE", "10");
    return env;
  }

  /** Both nodes started on an empty database at once: everything set up and deployed once. */
  private void assertSetUpOnce() {
    // Emergencies, My tasks, Case work, Escalations, All tasks: each once, though two nodes started together.
    assertThat(jdbc.queryForList("select count(*) from act_ru_filter group by name_", Integer.class))
        .as("Tasklist filters").hasSize(5).containsOnly(1);
    assertThat(jdbc.queryForObject("select count(*) from (select 1 from act_ru_authorization "
        + "group by type_, group_id_, user_id_, resource_type_, resource_id_ having count(*) > 1) twice", Integer.class))
        .as("authorizations granted twice").isZero();
    assertThat(jdbc.queryForObject("select count(*) from act_re_deployment", Integer.class)).as("deployments").isOne();
    assertThat(jdbc.queryForList("select version_ from act_re_procdef where key_ = ?", Integer.class,
        ExitReentryPermitProcess.KEY)).containsExactly(1);
    assertThat(jdbc.queryForObject("select count(*) from act_id_membership", Integer.class)).as("admin").isOne();
  }

  private List<String> startCases() throws Exception {
    return inParallel(CASES, (node, i) -> {
      HttpResponse<String> started = node.postJson("/api/intake", SampleCase.intakeJson(i));
      assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
      return JSON.readTree(started.body()).get("caseNumber").asText();
    });
  }

  /** Staff accept every case, as the review form does (accepted, no decline reason). */
  private void acceptReviews() throws Exception {
    String query = "/engine-rest/task?taskDefinitionKey=" + USER_TASK_REVIEW_INTAKE + "&maxResults=" + 2 * CASES;
    List<String> tasks = await().atMost(PATIENCE).until(() -> Http.ids(nodeB.http().get(query, ADMIN, ADMIN_PASSWORD)),
        found -> found.size() == CASES);
    String accepted = """
        {"variables": {"intakeAccepted": {"value": true, "type": "Boolean"},
                       "declineReason": {"value": "", "type": "String"}}}""";
    inParallel(CASES, (node, i) -> {
      HttpResponse<String> completed = node.postJson("/engine-rest/task/" + tasks.get(i) + "/complete", accepted,
          ADMIN, ADMIN_PASSWORD);
      assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
      return null;
    });
  }

  private List<String> reminderTimers() {
    return Http.ids(nodeB.http().get("/engine-rest/job?activityId=" + TIMER_DOCUMENTS_REMINDER + "&maxResults=" + 2 * CASES,
        ADMIN, ADMIN_PASSWORD));
  }

  /** Through the engine's API: every reminder timer due at one moment, a few seconds ahead. */
  private Instant fallDueTogether(List<String> timers) throws Exception {
    Instant due = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
    String body = "{\"duedate\": \"" + ENGINE_DATE.format(due.atOffset(ZoneOffset.UTC)) + "\", \"cascade\": false}";
    inParallel(CASES, (node, i) -> {
      HttpResponse<String> set = node.putJson("/engine-rest/job/" + timers.get(i) + "/duedate", body, ADMIN,
          ADMIN_PASSWORD);
      assertThat(set.statusCode()).as(set.body()).isEqualTo(204);
      return null;
    });
    return due;
  }

  /**
   * See the class comment: killed when no email of A's has gone out unrecorded. Holding no outbox
   * row at all would do as well, but A is killed holding emails it took, which B must then send:
   * with hundreds due, A's next round takes some, or its round goes on, and waits on the relay.
   *
   * @return the emails A held when it died
   */
  private int killNodeAWithNoEmailHalfRecorded() {
    relay.hold();
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() ->
        relay.openConnections() == 0 && relay.heldConnections() > 0);
    nodeA.kill();
    return outboxRowsHeldBy(NODE_A);
  }

  private int outboxRowsHeldBy(String node) {
    return jdbc.queryForObject("select count(*) from outbox_message where locked_by = ?", Integer.class, node);
  }

  /** Every email of every case written and sent, nothing of the engagement left to run now. */
  private boolean allWorkDone() {
    Integer sent = jdbc.queryForObject("select count(*) from outbox_message where status = 'SENT'", Integer.class);
    JsonNode runnable = Http.json(nodeB.http().get("/engine-rest/job/count?executable=true&processDefinitionKey="
        + ExitReentryPermitProcess.KEY, ADMIN, ADMIN_PASSWORD));
    return sent == 2 * CASES && runnable.get("count").asInt() == 0 && remindersReceived() >= CASES;
  }

  private List<Integer> timesEachCasePassed(String activityId) {
    return jdbc.queryForList("select count(*) from act_hi_actinst where act_id_ = ? and end_time_ is not null "
        + "group by proc_inst_id_", Integer.class, activityId);
  }

  private int remindersReceived() {
    return (int) Stream.of(smtp.getReceivedMessages()).filter(ClusterIT::isReminder).count();
  }

  private static boolean isReminder(MimeMessage message) {
    return ReceivedMail.header(message, "X-Permiso-Message").contains("|DOCUMENTS_REMINDER|");
  }

  /** Runs {@code count} requests on a few client threads, every other one on each node. */
  private <T> List<T> inParallel(int count, Request<T> request) throws Exception {
    List<Http> nodes = List.of(nodeA.http(), nodeB.http());
    List<Future<T>> answers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int number = i;
      answers.add(clients.submit(() -> request.send(nodes.get(number % 2), number)));
    }
    List<T> results = new ArrayList<>();
    for (Future<T> answer : answers) {
      results.add(answer.get());
    }
    return results;
  }

  /** One request of many, to the node given. */
  private interface Request<T> {
    T send(Http node, int number) throws Exception;
  }



}
