package mx.permiso.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import mx.permiso.cases.ExitReentryPermitProcess;
import mx.permiso.support.Http;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.SampleCase;
import mx.permiso.support.TestUsers;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@PostgresApplicationTest
class SecurityIT {

  private static final String STAFF = "staffmember";
  private static final String MANAGER = "manager";
  private static final String OTHER_PROCESS = "internal-housekeeping";

  @LocalServerPort
  int port;

  @Autowired
  IdentityService identityService;

  @Autowired
  RepositoryService repositoryService;

  @Autowired
  RuntimeService runtimeService;

  @Autowired
  TaskService taskService;

  @Autowired
  AuthorizationService authorizationService;

  @Autowired
  ProcessEngine engine;

  @BeforeEach
  void staffAccounts() {
    TestUsers.ensure(identityService, STAFF, StaffGroups.LEGAL_STAFF);
    TestUsers.ensure(identityService, MANAGER, StaffGroups.MANAGERS);
  }

  @Test
  void everyTasklistFilterListsTheCaseNumberAndClientNameEvenWhenSavedWithoutThem() {
    FilterService filters = engine.getFilterService();
    Filter caseWork = filters.createFilterQuery().filterName("Case work").singleResult();
    Map<String, Object> withoutVariables = new HashMap<>(caseWork.getProperties());
    withoutVariables.remove("variables");
    filters.saveFilter(caseWork.setProperties(withoutVariables));

    // as on an installation whose filters were saved before the columns existed, at its next start
    AccessBootstrap.ensureFilters(engine);

    List<Filter> all = filters.createFilterQuery().filterResourceType("Task").list();
    assertThat(all).extracting(Filter::getName).contains("Emergencies", "My tasks", "Case work", "Escalations", "All tasks");
    for (Filter filter : all) {
      assertThat(filter.getProperties().get("variables")).as("variables of " + filter.getName())
          .isEqualTo(List.of(Map.of("name", "caseNumber", "label", "Case"), Map.of("name", "clientName", "label", "Client")));
    }
  }

  @Test
  void engineRestRequiresBasicAuthentication() {
    Http http = Http.at(port);

    assertThat(http.get("/engine-rest/process-definition").statusCode()).isEqualTo(401);
    assertThat(http.get("/engine-rest/process-definition").headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
    assertThat(http.get("/engine-rest/engine").statusCode()).isEqualTo(401);
    assertThat(http.get("/engine-rest/process-definition", "nobody", "guess").statusCode()).isEqualTo(401);

    HttpResponse<String> asAdmin = http.get("/engine-rest/process-definition", TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
    assertThat(asAdmin.statusCode()).isEqualTo(200);
    assertThat(asAdmin.body()).contains("\"key\":\"" + ExitReentryPermitProcess.KEY + "\"");
  }

  @Test
  void legalStaffUseTasklistButNotAdminOrCockpit() {
    Http http = Http.at(port);

    assertThat(http.webappLogin("admin", STAFF, TestUsers.PASSWORD).statusCode()).isEqualTo(403);
    assertThat(http.webappLogin("cockpit", STAFF, TestUsers.PASSWORD).statusCode()).isEqualTo(403);
    HttpResponse<String> tasklist = http.webappLogin("tasklist", STAFF, TestUsers.PASSWORD);
    assertThat(tasklist.statusCode()).isEqualTo(200);
    assertThat(tasklist.body()).contains("\"userId\":\"" + STAFF + "\"").contains("\"tasklist\"")
        .doesNotContain("\"admin\"").doesNotContain("\"cockpit\"");

    // In the session, Tasklist shows the staff filters but the admin API stays closed.
    HttpResponse<String> filters = http.webappGet("/camunda/api/engine/engine/default/filter?resourceType=Task");
    assertThat(filters.statusCode()).isEqualTo(200);
    assertThat(filters.body()).contains("Case work").contains("My tasks").doesNotContain("Escalations");
    HttpResponse<String> users = http.webappGet("/camunda/api/admin/auth/user/default");
    assertThat(users.body()).doesNotContain("\"admin\"");
  }

  @Test
  void legalStaffSeeAndWorkTasksOfTheEngagementProcess() {
    String instanceId = runtimeService.startProcessInstanceByKey(ExitReentryPermitProcess.KEY, "EXR-2026-0001",
        SampleCase.intake("EXR-2026-0001")).getId();
    Task task = await().atMost(Duration.ofSeconds(30))
        .until(() -> taskService.createTaskQuery().processInstanceId(instanceId).singleResult(), Objects::nonNull);
    Http http = Http.at(port);
    assertThat(authorizationService.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(task.getId())
        .count()).as("rights from the process definition, no row per task").isZero();

    HttpResponse<String> visible = http.get("/engine-rest/task?processInstanceId=" + instanceId, STAFF, TestUsers.PASSWORD);
    assertThat(visible.body()).contains(task.getId()).contains("\"name\":\"Review intake\"");

    assertThat(http.postJson("/engine-rest/task/" + task.getId() + "/claim", "{\"userId\":\"" + STAFF + "\"}",
        STAFF, TestUsers.PASSWORD).statusCode()).isEqualTo(204);
    assertThat(http.postJson("/engine-rest/task/" + task.getId() + "/complete",
        "{\"variables\":{\"intakeAccepted\":{\"value\":false,\"type\":\"Boolean\"},"
            + "\"declineReason\":{\"value\":\"Outside our offices\",\"type\":\"String\"}}}",
        STAFF, TestUsers.PASSWORD).statusCode()).isEqualTo(204);
    assertThat(taskService.createTaskQuery().processInstanceId(instanceId).count()).isZero();
  }

  @Test
  void restApiWithStaffCredentialsShowsOnlyWhatTheirAuthorizationsAllow() {
    repositoryService.createDeployment().name("housekeeping")
        .addModelInstance(OTHER_PROCESS + ".bpmn", Bpmn.createExecutableProcess(OTHER_PROCESS)
            .camundaHistoryTimeToLive(1).startEvent().userTask().endEvent().done())
        .deploy();
    String otherInstance = runtimeService.startProcessInstanceByKey(OTHER_PROCESS).getId();
    Http http = Http.at(port);

    assertThat(http.get("/engine-rest/process-definition/count?key=" + OTHER_PROCESS, STAFF, TestUsers.PASSWORD).body())
        .isEqualTo("{\"count\":0}");
    assertThat(http.get("/engine-rest/process-definition/count?key=" + OTHER_PROCESS, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).body())
        .isEqualTo("{\"count\":1}");
    assertThat(http.get("/engine-rest/process-instance/count?processInstanceIds=" + otherInstance, STAFF, TestUsers.PASSWORD).body())
        .isEqualTo("{\"count\":0}");
    assertThat(http.get("/engine-rest/deployment", STAFF, TestUsers.PASSWORD).body()).isEqualTo("[]");
    assertThat(http.get("/engine-rest/authorization/count", STAFF, TestUsers.PASSWORD).body()).isEqualTo("{\"count\":0}");

    HttpResponse<String> createUser = http.postJson("/engine-rest/user/create",
        "{\"profile\":{\"id\":\"intruder\",\"firstName\":\"I\",\"lastName\":\"N\",\"email\":\"i@test.invalid\"},"
            + "\"credentials\":{\"password\":\"intruder-secret\"}}", STAFF, TestUsers.PASSWORD);
    assertThat(createUser.statusCode()).isEqualTo(403);
    assertThat(createUser.body()).contains("CREATE").contains("User");
    assertThat(identityService.createUserQuery().userId("intruder").count()).isZero();

    HttpResponse<String> createGroupMembership = http.postJson("/engine-rest/group/camunda-admin/members/" + STAFF, "",
        STAFF, TestUsers.PASSWORD);
    assertThat(createGroupMembership.statusCode()).isIn(403, 405);
    assertThat(identityService.createUserQuery().userId(STAFF).memberOfGroup(StaffGroups.ADMINS).count()).isZero();
  }

  @Test
  void managersReadCockpitData() {
    String instanceId = runtimeService.startProcessInstanceByKey(ExitReentryPermitProcess.KEY, "EXR-2026-0002",
        SampleCase.intake("EXR-2026-0002")).getId();
    Http http = Http.at(port);

    HttpResponse<String> login = http.webappLogin("cockpit", MANAGER, TestUsers.PASSWORD);
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).contains("\"cockpit\"").doesNotContain("\"admin\"");

    HttpResponse<String> definitions = http.webappGet("/camunda/api/engine/engine/default/process-definition?key="
        + ExitReentryPermitProcess.KEY);
    assertThat(definitions.statusCode()).isEqualTo(200);
    assertThat(definitions.body()).contains("\"key\":\"" + ExitReentryPermitProcess.KEY + "\"");
    HttpResponse<String> instance = http.webappGet("/camunda/api/engine/engine/default/process-instance/" + instanceId);
    assertThat(instance.statusCode()).isEqualTo(200);
    assertThat(instance.body()).contains("EXR-2026-0002");
    HttpResponse<String> statistics = http.webappGet("/camunda/api/cockpit/plugin/base/default/process-definition/statistics");
    assertThat(statistics.statusCode()).isEqualTo(200);
    assertThat(statistics.body()).contains(ExitReentryPermitProcess.KEY);

    // Reading is all: managers cannot change the engagement.
    HttpResponse<String> readByRest = http.get("/engine-rest/process-instance/" + instanceId, MANAGER, TestUsers.PASSWORD);
    assertThat(readByRest.statusCode()).isEqualTo(200);
    assertThat(http.postJson("/engine-rest/process-instance/" + instanceId + "/variables",
        "{\"modifications\":{\"caseNumber\":{\"value\":\"X\"}}}", MANAGER, TestUsers.PASSWORD).statusCode()).isEqualTo(403);
    assertThat(runtimeService.getVariable(instanceId, ExitReentryPermitProcess.Variables.CASE_NUMBER)).isEqualTo("EXR-2026-0002");
  }

  @Test
  void onlyHealthIsPublicAmongActuatorEndpoints() {
    Http http = Http.at(port);

    HttpResponse<String> health = http.get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components");
    for (String path : new String[] {"/actuator", "/actuator/env", "/actuator/metrics", "/actuator/beans",
        "/actuator/configprops", "/actuator/heapdump", "/actuator/no-such-endpoint", "/actuator/info"}) {
      assertThat(http.get(path).statusCode()).as(path).isEqualTo(401);
    }
    assertThat(http.get("/actuator/metrics", STAFF, TestUsers.PASSWORD).statusCode()).isEqualTo(403);
    assertThat(http.get("/actuator/metrics", MANAGER, TestUsers.PASSWORD).statusCode()).isEqualTo(200);
    assertThat(http.get("/actuator/health", MANAGER, TestUsers.PASSWORD).body()).contains("components");
  }
}
