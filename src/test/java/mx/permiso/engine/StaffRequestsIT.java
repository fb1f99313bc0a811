package mx.permiso.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import mx.permiso.cases.ExitReentryPermitProcess;
import mx.permiso.security.StaffGroups;
import mx.permiso.support.Http;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.SampleCase;
import mx.permiso.support.SampleFiles;
import mx.permiso.support.TestUsers;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Staff's mistakes and collisions on the REST API answer 4xx in the engine's JSON error form, writes
 * from another site's pages are refused, and documents go only to live cases.
 */
@PostgresApplicationTest
@ExtendWith(OutputCaptureExtension.class)
class StaffRequestsIT {

  private static final String STAFF = "requests-staff";
  private static final String OTHER_STAFF = "requests-colleague";
  private static final String MANAGER = "requests-manager";
  private static final String WORK = "staff-work";
  private static final String FOREIGN = "https://evil.example";
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;

  @Autowired
  IdentityService identityService;

  @Autowired
  AuthorizationService authorizationService;

  @Autowired
  RepositoryService repositoryService;

  @Autowired
  RuntimeService runtimeService;

  @Autowired
  TaskService taskService;

  @Autowired
  JdbcTemplate jdbc;

  @BeforeEach
  void staffAndTheirWork() {
    TestUsers.ensure(identityService, STAFF, StaffGroups.LEGAL_STAFF);
    TestUsers.ensure(identityService, OTHER_STAFF, StaffGroups.LEGAL_STAFF);
    TestUsers.ensure(identityService, MANAGER, StaffGroups.MANAGERS);
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(WORK).count() == 0) {
      repositoryService.createDeployment().name(WORK)
          .addModelInstance(WORK + ".bpmn", Bpmn.createExecutableProcess(WORK).camundaHistoryTimeToLive(1)
              .startEvent().userTask("work").camundaTaskListenerClass("complete", CollidingChange.class.getName())
              .endEvent().done())
          .deploy();
      Authorization work = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      work.setGroupId(StaffGroups.LEGAL_STAFF);
      work.setResource(Resources.PROCESS_DEFINITION);
      work.setResourceId(WORK);
      work.addPermission(ProcessDefinitionPermissions.READ);
      work.addPermission(ProcessDefinitionPermissions.READ_INSTANCE);
      work.addPermission(ProcessDefinitionPermissions.READ_TASK);
      work.addPermission(ProcessDefinitionPermissions.TASK_WORK);
      authorizationService.saveAuthorization(work);
    }
  }

  private Task openTask(Map<String, Object> variables) {
    String instanceId = runtimeService.startProcessInstanceByKey(WORK, variables).getId();
    return taskService.createTaskQuery().processInstanceId(instanceId).singleResult();
  }

  private static JsonNode error(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("application/json"));
    assertThat(response.body()).doesNotContain("at org.").doesNotContain("Exception:");
    try {
      JsonNode body = JSON.readTree(response.body());
      assertThat(body.path("type").asText()).isNotBlank();
      assertThat(body.path("message").asText()).isNotBlank();
      return body;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The caller's mistake is not the server's: nothing about it logged as an error, with or without a trace. */
  private static void assertNotLoggedAsError(CapturedOutput output, String... about) {
    assertThat(output.getAll()).doesNotContain("ENGINE-REST-HTTP500");
    for (String line : output.getAll().split("\n")) {
      if (line.contains(" ERROR ") || line.contains(" WARN ") || line.contains("Exception: ")) {
        for (String text : about) {
          assertThat(line).as("logged").doesNotContain(text);
        }
      }
    }
  }

  @Test
  void claimingATaskSomeoneElseHoldsAnswers409(CapturedOutput output) {
    Task task = openTask(Map.of());
    taskService.claim(task.getId(), OTHER_STAFF);
    Http http = Http.at(port);

    JsonNode body = error(http.postJson("/engine-rest/task/" + task.getId() + "/claim",
        "{\"userId\":\"" + STAFF + "\"}", STAFF, TestUsers.PASSWORD), 409);
    assertThat(body.path("message").asText()).contains(OTHER_STAFF);

    Http tasklist = Http.at(port);
    assertThat(tasklist.webappLogin("tasklist", STAFF, TestUsers.PASSWORD).statusCode()).isEqualTo(200);
    error(tasklist.webappSend("POST", "/camunda/api/engine/engine/default/task/" + task.getId() + "/claim",
        "{\"userId\":\"" + STAFF + "\"}"), 409);
    assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isEqualTo(OTHER_STAFF);
    assertNotLoggedAsError(output, task.getId(), "TaskAlreadyClaimedException");
  }

  @Test
  void readingAVariableThatIsNotThereAnswers404(CapturedOutput output) {
    Task task = openTask(Map.of("here", "yes"));
    Http http = Http.at(port);

    error(http.get("/engine-rest/process-instance/" + task.getProcessInstanceId() + "/variables/nothingHere",
        STAFF, TestUsers.PASSWORD), 404);
    error(http.get("/engine-rest/task/" + task.getId() + "/variables/nothingHere", STAFF, TestUsers.PASSWORD), 404);

    // The same read once the task is done and the instance has ended: the variable is gone with them.
    taskService.complete(task.getId());
    HttpResponse<String> ofEndedInstance = http.get("/engine-rest/process-instance/" + task.getProcessInstanceId()
        + "/variables/here", STAFF, TestUsers.PASSWORD);
    HttpResponse<String> ofDoneTask = http.get("/engine-rest/task/" + task.getId() + "/variables/here", STAFF,
        TestUsers.PASSWORD);
    assertThat(new int[] {ofEndedInstance.statusCode(), ofDoneTask.statusCode()})
        .as(ofEndedInstance.body() + " / " + ofDoneTask.body()).containsExactly(404, 404);
    error(ofEndedInstance, 404);
    error(ofDoneTask, 404);
    assertNotLoggedAsError(output, task.getId(), task.getProcessInstanceId(), "NullValueException");
  }

  @Test
  void settingRetriesWithoutNamingJobsAnswers400(CapturedOutput output) {
    Http http = Http.at(port);

    JsonNode body = error(http.postJson("/engine-rest/job/retries", "{\"retries\":1}", MANAGER, TestUsers.PASSWORD),
        400);
    assertThat(body.path("message").asText()).contains("jobIds");
    assertNotLoggedAsError(output, "jobIds");
  }

  @Test
  void aCompletionThatCollidesWithAnotherChangeAnswers409AndChangesNothing(CapturedOutput output) {
    Task task = openTask(Map.of(CollidingChange.COLLIDE, true));
    taskService.claim(task.getId(), STAFF);
    Http http = Http.at(port);

    JsonNode body = error(http.postJson("/engine-rest/task/" + task.getId() + "/complete", "{}", STAFF,
        TestUsers.PASSWORD), 409);
    assertThat(body.path("message").asText()).containsIgnoringCase("try again");
    Task still = taskService.createTaskQuery().taskId(task.getId()).singleResult();
    assertThat(still).as("the completion was rolled back").isNotNull();
    assertThat(still.getPriority()).as("the other change stands").isEqualTo(99);
    assertNotLoggedAsError(output, task.getId());
  }

  @Test
  void writesFromAnotherSitesPagesAreRefused() {
    Task task = openTask(Map.of());
    Http http = Http.at(port);
    String claim = "{\"userId\":\"" + STAFF + "\"}";
    String claimPath = "/engine-rest/task/" + task.getId() + "/claim";

    HttpResponse<String> foreign = http.sendJson("POST", claimPath, claim, STAFF, TestUsers.PASSWORD,
        Map.of("Origin", FOREIGN));
    assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(403);
    HttpResponse<String> foreignReferer = http.sendJson("POST", claimPath, claim, STAFF, TestUsers.PASSWORD,
        Map.of("Referer", FOREIGN + "/page.html"));
    assertThat(foreignReferer.statusCode()).as(foreignReferer.body()).isEqualTo(403);
    HttpResponse<String> opaque = http.sendJson("POST", claimPath, claim, STAFF, TestUsers.PASSWORD,
        Map.of("Origin", "null"));
    assertThat(opaque.statusCode()).as(opaque.body()).isEqualTo(403);
    assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isNull();

    HttpResponse<String> sameOrigin = http.sendJson("POST", claimPath, claim, STAFF, TestUsers.PASSWORD,
        Map.of("Origin", "http://localhost:" + port));
    assertThat(sameOrigin.statusCode()).as(sameOrigin.body()).isEqualTo(204);
    assertThat(http.sendJson("POST", "/engine-rest/task/" + task.getId() + "/unclaim", null, STAFF,
        TestUsers.PASSWORD, Map.of("Origin", "http://localhost:8080")).statusCode())
        .as("the configured public address is ours too").isEqualTo(204);
    assertThat(http.postJson(claimPath, claim, STAFF, TestUsers.PASSWORD).statusCode())
        .as("no Origin: a script or another server").isEqualTo(204);
    assertThat(http.sendJson("GET", "/engine-rest/task/" + task.getId(), null, STAFF, TestUsers.PASSWORD,
        Map.of("Origin", FOREIGN)).statusCode()).as("reading is not a write").isEqualTo(200);
  }

  @Test
  void staffDocumentsFromAnotherSitesPagesAreRefused() {
    String caseNumber = "EXR-2026-0711";
    runtimeService.startProcessInstanceByKey(ExitReentryPermitProcess.KEY, caseNumber, SampleCase.intake(caseNumber));
    Http http = Http.at(port);

    String documents = "/api/cases/" + caseNumber + "/documents?kind=INM_PAPERWORK";
    for (String user : new String[] {STAFF, MANAGER}) {
      HttpResponse<String> foreign = http.upload(documents, "form.pdf", SampleFiles.pdf("INM form"), user,
          TestUsers.PASSWORD, Map.of("Origin", FOREIGN));
      assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(403);
    }
    assertThat(jdbc.queryForObject("select count(*) from case_document where case_number = ?", Long.class,
        caseNumber)).isZero();
    HttpResponse<String> upload = http.upload(documents, "form.pdf", SampleFiles.pdf("INM form"), STAFF,
        TestUsers.PASSWORD, Map.of("Origin", "http://localhost:" + port));
    assertThat(upload.statusCode()).as("same origin: " + upload.body()).isEqualTo(201);
  }

  @Test
  void documentsGoOnlyToCasesThatExistAndAreOpen() {
    String ended = "EXR-2026-0712";
    String instanceId = runtimeService.startProcessInstanceByKey(ExitReentryPermitProcess.KEY, ended,
        SampleCase.intake(ended)).getId();
    // Deleted once it rests at its first task: not while the job executor sends its first email.
    await().atMost(Duration.ofSeconds(30)).until(() -> taskService.createTaskQuery().processInstanceId(instanceId)
        .count() > 0);
    runtimeService.deleteProcessInstance(instanceId, "withdrawn by the client");
    Http http = Http.at(port);

    for (String user : new String[] {STAFF, MANAGER}) {
      HttpResponse<String> unknown = http.upload("/api/cases/EXR-2026-9999/documents?kind=INM_PAPERWORK", "form.pdf",
          SampleFiles.pdf("INM form"), user, TestUsers.PASSWORD);
      assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
      assertThat(unknown.body()).contains("\"field\":\"caseNumber\"").contains("EXR-2026-9999");

      HttpResponse<String> closed = http.upload("/api/cases/" + ended + "/documents?kind=INM_PAPERWORK", "form.pdf",
          SampleFiles.pdf("INM form"), user, TestUsers.PASSWORD);
      assertThat(closed.statusCode()).as(closed.body()).isEqualTo(409);
      assertThat(closed.body()).contains("\"field\":\"caseNumber\"");
    }
    assertThat(jdbc.queryForObject("select count(*) from case_document where case_number in (?, ?)", Long.class,
        "EXR-2026-9999", ended)).isZero();
  }
}
