package mx.permiso.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import mx.permiso.cases.ExitReentryPermitProcess;
import mx.permiso.support.Http;
import mx.permiso.support.PackagedApp;
import mx.permiso.support.SampleCase;
import mx.permiso.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An answer of 201 to an intake means the case is stored for good, and a burst of intakes is
 * never answered 500: the packaged jar takes a burst from 20 clients at once, is killed
 * ({@code kill -9}) after a few hundred answers, and is started again on the same database. Every
 * case answered 201 is there exactly once, for the client it was answered to; no case number went
 * to two clients, before the kill or after it. The database is new, so the burst's first intakes
 * also create the year's case number counter all at once.
 */
class IntakeDurabilityIT {

  private static final Logger LOG = LoggerFactory.getLogger(IntakeDurabilityIT.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN = "admin";
  private static final String ADMIN_PASSWORD = "durability-admin-2026";
  private static final int CLIENTS = 20;
  private static final int BURST = 600;
  private static final int KILL_AFTER = 250;
  private static final Duration START_PATIENCE = Duration.ofMinutes(3);

  @TempDir
  Path workingDirectory;

  private PackagedApp app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void onTheDefaultH2EveryCaseAnswered201SurvivesAKillAndNoCaseNumberIsHandedOutTwice() throws Exception {
    burstKillAndRestart(Map.of());
  }

  @Test
  void onPostgreSqlEveryCaseAnswered201SurvivesAKillAndNoCaseNumberIsHandedOutTwice() throws Exception {
    burstKillAndRestart(TestPostgres.newDatabase().environment());
  }

  private void burstKillAndRestart(Map<String, String> database) throws Exception {
    Map<String, String> environment = environment(database);
    app = PackagedApp.start(workingDirectory, "first", environment, "-Xmx512m").awaitHealthy(START_PATIENCE);

    Burst burst = Burst.killedAfter(app, 0, BURST, KILL_AFTER);
    List<Answer> answers = burst.answers();
    List<Answer> started = answers.stream().filter(answer -> answer.status() == 201).toList();
    LOG.info("{} answers before the kill: {}; intakes tried again after losing a race for a lock: {}", answers.size(),
        answers.stream().collect(Collectors.groupingBy(Answer::status, Collectors.counting())),
        app.log().lines().filter(line -> line.contains("is tried again")).count());
    assertThat(answers).as("answers before the kill").hasSizeGreaterThanOrEqualTo(KILL_AFTER).hasSizeLessThan(BURST);
    assertThat(answers).as("no answer but 201 (a burst is no client's fault and no server error)")
        .allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(201));
    assertThat(burst.refusedBeforeTheKill()).as("requests left unanswered (timed out, refused) before the kill").isEmpty();
    assertThat(started).extracting(Answer::caseNumber).as("no case number answered twice").doesNotHaveDuplicates();

    app = PackagedApp.start(workingDirectory, "restarted", environment, "-Xmx512m").awaitHealthy(START_PATIENCE);
    Map<String, List<String>> clientsByCase = clientsByCase();
    assertThat(clientsByCase.values()).as("no case number stored twice").allSatisfy(clients -> assertThat(clients).hasSize(1));
    assertThat(started.stream()
        .filter(answer -> !List.of(SampleCase.clientName(answer.client())).equals(clientsByCase.get(answer.caseNumber())))
        .map(answer -> answer.caseNumber() + " answered to client " + answer.client() + ", stored for "
            + clientsByCase.get(answer.caseNumber())))
        .as("cases answered 201 but not stored, or not for the client they were answered to").isEmpty();
    Answer last = started.get(started.size() - 1);
    assertThat(Http.json(app.http().get("/api/cases/" + last.caseNumber(), ADMIN, ADMIN_PASSWORD)).get("clientName")
        .asText()).as("the staff API").isEqualTo(SampleCase.clientName(last.client()));

    List<Answer> after = Burst.answered(app, BURST, CLIENTS).answers();
    assertThat(after).as("intakes after the restart").hasSize(CLIENTS)
        .allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(201));
    assertThat(after).extracting(Answer::caseNumber).as("fresh case numbers after the restart")
        .doesNotHaveDuplicates().doesNotContainAnyElementsOf(clientsByCase.keySet());
    Map<String, List<String>> afterwards = clientsByCase();
    assertThat(afterwards).hasSize(clientsByCase.size() + CLIENTS);
    assertThat(afterwards.values()).allSatisfy(clients -> assertThat(clients).hasSize(1));
  }

  private static Map<String, String> environment(Map<String, String> database) {
    Map<String, String> environment = new HashMap<>(database);
    environment.put("SERVER_ADDRESS", "127.0.0.1");
    environment.put("CAMUNDA_BPM_ADMINUSER_PASSWORD", ADMIN_PASSWORD);
    // The whole burst, 20 clients at once, comes from the test's one address.
    environment.put("PERMISO_ABUSE_INTAKESPERADDRESS", "100000");
    environment.put("PERMISO_ABUSE_BODIESINPROGRESSPERADDRESS", "100");
    return environment;
  }

  /** Every stored case of the engagement process, by case number, with the client names stored under it. */
  private Map<String, List<String>> clientsByCase() {
    String instances = "/engine-rest/process-instance?processDefinitionKey=" + ExitReentryPermitProcess.KEY
        + "&maxResults=100000";
    Map<String, String> caseByInstance = new HashMap<>();
    for (JsonNode instance : Http.json(app.http().get(instances, ADMIN, ADMIN_PASSWORD))) {
      caseByInstance.put(instance.get("id").asText(), instance.get("businessKey").asText());
    }
    String names = "/engine-rest/variable-instance?variableName=clientName&deserializeValues=false&maxResults=100000";
    Map<String, List<String>> clientsByCase = new HashMap<>();
    for (JsonNode variable : Http.json(app.http().get(names, ADMIN, ADMIN_PASSWORD))) {
      String caseNumber = caseByInstance.get(variable.get("processInstanceId").asText());
      if (caseNumber != null) {
        clientsByCase.computeIfAbsent(caseNumber, key -> new ArrayList<>()).add(variable.get("value").asText());
      }
    }
    assertThat(clientsByCase).as("a client name for every case").hasSize(caseByInstance.size());
    return clientsByCase;
  }

  /** What one client was answered. */
  private record Answer(int client, int status, String caseNumber, String body) {
  }

  /** Intakes from {@link #CLIENTS} threads at once, clients {@code first} to {@code first + count - 1}. */
  private static final class Burst {

    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final Queue<String> refusedBeforeTheKill = new ConcurrentLinkedQueue<>();

    /** Once {@code killAfter} of them have been answered, the application is killed. */
    static Burst killedAfter(PackagedApp app, int first, int count, int killAfter) throws InterruptedException {
      return fire(app, first, count, killAfter, true);
    }

    /** All of them answered. */
    static Burst answered(PackagedApp app, int first, int count) throws InterruptedException {
      return fire(app, first, count, count, false);
    }

    private static Burst fire(PackagedApp app, int first, int count, int killAfter, boolean kill)
        throws InterruptedException {
      Burst burst = new Burst();
      Http http = app.http();
      AtomicInteger next = new AtomicInteger(first);
      AtomicBoolean killing = new AtomicBoolean();
      CountDownLatch enough = new CountDownLatch(killAfter);
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      try {
        for (int thread = 0; thread < CLIENTS; thread++) {
          clients.submit(() -> {
            for (int client = next.getAndIncrement(); client < first + count; client = next.getAndIncrement()) {
              try {
                HttpResponse<String> answer = http.postJson("/api/intake", SampleCase.intakeJson(client));
                burst.answers.add(new Answer(client, answer.statusCode(), caseNumber(answer), answer.body()));
                enough.countDown();
              } catch (UncheckedIOException noAnswer) {
                if (killing.get()) {
                  return;
                }
                burst.refusedBeforeTheKill.add(client + ": " + noAnswer.getCause());
              }
            }
          });
        }
        assertThat(enough.await(3, TimeUnit.MINUTES)).as("answers to the burst").isTrue();
        if (kill) {
          killing.set(true);
          app.kill();
        }
      } finally {
        clients.shutdown();
        assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).as("clients done").isTrue();
      }
      return burst;
    }

    List<Answer> answers() {
      return List.copyOf(answers);
    }

    List<String> refusedBeforeTheKill() {
      return List.copyOf(refusedBeforeTheKill);
    }

    private static String caseNumber(HttpResponse<String> answer) {
      if (answer.statusCode() != 201) {
        return null;
      }
      try {
        return JSON.readTree(answer.body()).get("caseNumber").asText();
      } catch (Exception e) {
        throw new IllegalStateException(answer.body(), e);
      }
    }
  }
}
