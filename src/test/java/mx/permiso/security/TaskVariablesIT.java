package mx.permiso.security;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.USER_TASK_REVIEW_INTAKE;
import static mx.permiso.support.LiveCase.clockAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import mx.permiso.cases.ExitReentryPermitProcess.Variables;
import mx.permiso.support.GreenMailApplicationTest;
import mx.permiso.support.Http;
import mx.permiso.support.LiveCase;
import mx.permiso.support.SampleCase;
import mx.permiso.support.TestUsers;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Working a task never lets staff change what it does not ask for: the variables of a task are
 * written only through its form's fields, the client's contact and the computed dates not at all,
 * and a task is claimed only for oneself; with a real legal staff member and a real manager,
 * through the REST API and Tasklist's engine API.
 */
@GreenMailApplicationTest
class TaskVariablesIT {

  private static final String STAFF = "vera";
  private static final String MANAGER = "mateo";
  private static final String EVIL = "attacker@example.net";

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  AuthorizationService authorizations;

  @BeforeEach
  void staff() {
    TestUsers.ensure(engine.getIdentityService(), STAFF, StaffGroups.LEGAL_STAFF);
    TestUsers.ensure(engine.getIdentityService(), MANAGER, StaffGroups.MANAGERS);
    clockAt("2026-11-03", "09:00");
  }

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  @Test
  void staffWhoClaimedATaskCannotWriteItsVariables() {
    LiveCase live = new LiveCase(engine, "EXR-2026-0701").start(SampleCase.intake("EXR-2026-0701"));
    Task task = live.awaitTask(USER_TASK_REVIEW_INTAKE);
    Http http = Http.at(port);
    assertThat(claim(http, task, STAFF, STAFF).statusCode()).isEqualTo(204);

    HttpResponse<String> put = http.putJson(taskPath(task) + "/variables/clientEmail",
        "{\"value\":\"" + EVIL + "\",\"type\":\"String\"}", STAFF, TestUsers.PASSWORD);
    assertThat(put.statusCode()).as(put.body()).isEqualTo(403);
    assertThat(http.postJson(taskPath(task) + "/variables", "{\"modifications\":{\"returnByDate\":"
        + "{\"value\":\"2027-12-31\"},\"clientEmail\":{\"value\":\"" + EVIL + "\"}}}", STAFF, TestUsers.PASSWORD)
        .statusCode()).isEqualTo(403);
    assertThat(http.putJson(taskPath(task) + "/localVariables/clientEmail", "{\"value\":\"" + EVIL + "\"}", STAFF,
        TestUsers.PASSWORD).statusCode()).isEqualTo(403);

    assertThat(variable(live, Variables.CLIENT_EMAIL)).isEqualTo("jane@example.com");
    assertThat(engine.getTaskService().getVariablesLocal(task.getId())).doesNotContainKey(Variables.CLIENT_EMAIL);
  }

  @Test
  void aTaskIsCompletedOnlyWithTheFieldsOfItsForm() {
    LiveCase live = new LiveCase(engine, "EXR-2026-0702").start(SampleCase.intake("EXR-2026-0702"));
    Task task = live.awaitTask(USER_TASK_REVIEW_INTAKE);
    Http http = Http.at(port);
    assertThat(claim(http, task, STAFF, STAFF).statusCode()).isEqualTo(204);

    // A field the form does not have.
    HttpResponse<String> extra = http.postJson(taskPath(task) + "/complete", "{\"variables\":{"
        + "\"intakeAccepted\":{\"value\":true},\"returnByDate\":{\"value\":\"2027-12-31\"}}}", STAFF, TestUsers.PASSWORD);
    assertThat(extra.statusCode()).as(extra.body()).isEqualTo(403);
    assertThat(extra.body()).contains("returnByDate").contains("review-intake");
    // A field the form only shows, with another value.
    HttpResponse<String> shown = http.postJson(taskPath(task) + "/submit-form", "{\"variables\":{"
        + "\"intakeAccepted\":{\"value\":true},\"clientEmail\":{\"value\":\"" + EVIL + "\"}}}", STAFF, TestUsers.PASSWORD);
    assertThat(shown.statusCode()).as(shown.body()).isEqualTo(403);
    assertThat(shown.body()).contains("clientEmail");
    // The same through Tasklist's engine API, in a Tasklist session.
    assertThat(http.webappLogin("tasklist", STAFF, TestUsers.PASSWORD).statusCode()).isEqualTo(200);
    // Tasklist reads the task first, which hands the new session its CSRF token.
    assertThat(http.webappGet("/camunda/api/engine/engine/default/task/" + task.getId()).statusCode()).isEqualTo(200);
    HttpResponse<String> inTasklist = http.webappSend("POST", "/camunda/api/engine/engine/default/task/" + task.getId()
        + "/submit-form", "{\"variables\":{\"intakeAccepted\":{\"value\":true},\"phone\":{\"value\":\"+1 555 0100\"}}}");
    assertThat(inTasklist.statusCode()).as(inTasklist.body()).isEqualTo(403);
    assertThat(inTasklist.body()).contains("phone");

    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).as("task still open").isOne();
    assertThat(variable(live, Variables.CLIENT_EMAIL)).isEqualTo("jane@example.com");
    assertThat(variable(live, Variables.PHONE)).isNull();
    assertThat(variable(live, Variables.INTAKE_ACCEPTED)).isNull();
    assertThat(variable(live, Variables.RETURN_BY_DATE)).isNull();

    // What Tasklist sends for the form: every field, the shown ones as they were (empty where the case has none).
    HttpResponse<String> form = http.webappSend("POST", "/camunda/api/engine/engine/default/task/" + task.getId()
        + "/submit-form", "{\"variables\":{\"caseNumber\":{\"value\":\"EXR-2026-0702\"},"
        + "\"clientName\":{\"value\":\"Jane Doe\"},\"clientEmail\":{\"value\":\"jane@example.com\"},"
        + "\"emergencyReason\":{\"value\":\"\"},\"departureDate\":{\"value\":\"2026-11-20\"},"
        + "\"intakeAccepted\":{\"value\":true}}}");
    assertThat(form.statusCode()).as(form.body()).isIn(200, 204);
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).as("task done").isZero();
    assertThat(variable(live, Variables.INTAKE_ACCEPTED)).isEqualTo(true);
    assertThat(variable(live, Variables.CLIENT_EMAIL)).isEqualTo("jane@example.com");
  }

  @Test
  void legalStaffCannotClaimATaskForAManager() {
    LiveCase live = new LiveCase(engine, "EXR-2026-0703").start(SampleCase.intake("EXR-2026-0703"));
    Task task = live.awaitTask(USER_TASK_REVIEW_INTAKE);
    Http http = Http.at(port);

    HttpResponse<String> forManager = claim(http, task, STAFF, MANAGER);
    assertThat(forManager.statusCode()).as(forManager.body()).isEqualTo(403);
    // A review is offered to legal staff: a legal staff member hands it only to a colleague.
    assertThat(forManager.body()).contains(MANAGER).contains(StaffGroups.LEGAL_STAFF);
    assertThat(http.postJson(taskPath(task) + "/assignee", "{\"userId\":\"" + MANAGER + "\"}", STAFF,
        TestUsers.PASSWORD).statusCode()).isEqualTo(403);
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isNull();
    assertThat(authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(task.getId())
        .userIdIn(MANAGER).count()).isZero();

    // Whoever may assign tasks (an admin) still may.
    assertThat(claim(http, task, TestUsers.ADMIN, MANAGER).statusCode()).isEqualTo(204);
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult().getAssignee())
        .isEqualTo(MANAGER);
  }

  @Test
  void aManagerWhoOnceHeldATaskCannotWriteItsVariables() {
    LiveCase live = new LiveCase(engine, "EXR-2026-0704").start(SampleCase.intake("EXR-2026-0704"));
    Task task = live.awaitTask(USER_TASK_REVIEW_INTAKE);
    Http http = Http.at(port);
    assertThat(claim(http, task, TestUsers.ADMIN, MANAGER).statusCode()).isEqualTo(204);

    String clientEmail = taskPath(task) + "/variables/clientEmail";
    String evil = "{\"value\":\"" + EVIL + "\",\"type\":\"String\"}";
    assertThat(http.putJson(clientEmail, evil, MANAGER, TestUsers.PASSWORD).statusCode()).as("as assignee")
        .isEqualTo(403);
    // The manager gives the task back (Tasklist's unclaim), and still cannot write to it.
    assertThat(http.postJson(taskPath(task) + "/unclaim", "", MANAGER, TestUsers.PASSWORD).statusCode())
        .isEqualTo(204);
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isNull();
    assertThat(http.putJson(clientEmail, evil, MANAGER, TestUsers.PASSWORD).statusCode()).as("once assignee")
        .isEqualTo(403);
    assertThat(variable(live, Variables.CLIENT_EMAIL)).isEqualTo("jane@example.com");
    assertThat(authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(task.getId())
        .userIdIn(MANAGER).hasPermission(Permissions.UPDATE).count()).isZero();
  }

  @Test
  void rowsThatGaveAnAssigneeUpdateOnATaskKeepOnlyTaskWork() {
    Authorization old = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    old.setUserId(MANAGER);
    old.setResource(Resources.TASK);
    old.setResourceId("task-of-an-older-release");
    old.addPermission(Permissions.READ);
    old.addPermission(Permissions.UPDATE);
    authorizations.saveAuthorization(old);

    AccessBootstrap.revokeUpdateFromTaskUsers(authorizations);

    Authorization now = authorizations.createAuthorizationQuery().resourceType(Resources.TASK)
        .resourceId("task-of-an-older-release").singleResult();
    assertThat(now.isPermissionGranted(Permissions.UPDATE)).isFalse();
    assertThat(now.isPermissionGranted(TaskPermissions.TASK_WORK)).isTrue();
    assertThat(now.isPermissionGranted(Permissions.READ)).isTrue();
    authorizations.deleteAuthorization(now.getId());
  }

  private static HttpResponse<String> claim(Http http, Task task, String caller, String forUser) {
    return http.postJson(taskPath(task) + "/claim", "{\"userId\":\"" + forUser + "\"}", caller,
        TestUsers.ADMIN.equals(caller) ? TestUsers.ADMIN_PASSWORD : TestUsers.PASSWORD);
  }

  private static String taskPath(Task task) {
    return "/engine-rest/task/" + task.getId();
  }

  private Object variable(LiveCase live, String name) {
    return engine.getRuntimeService().getVariable(live.instanceId(), name);
  }
}
