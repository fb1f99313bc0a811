package mx.permiso.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Date;
import java.util.Map;
import mx.permiso.security.StaffGroups;
import mx.permiso.support.Http;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.TestUsers;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The engine's own jobs (history cleanup) are for administrators; managers still retry failed case jobs. */
@PostgresApplicationTest
class EngineJobsIT {

  private static final String STAFF = "jobs-staff";
  private static final String MANAGER = "jobs-manager";
  private static final String WAITING_PROCESS = "waits-for-a-timer";
  /** 2100-01-01, far from any nightly window, so the job executor leaves the cleanup job alone. */
  private static final Date PARKED = new Date(4_102_444_800_000L);

  @LocalServerPort
  int port;

  @Autowired
  IdentityService identityService;

  @Autowired
  HistoryService historyService;

  @Autowired
  ManagementService managementService;

  @Autowired
  RepositoryService repositoryService;

  @Autowired
  RuntimeService runtimeService;

  private String cleanupJob;

  @BeforeEach
  void staffAndTheCleanupJob() {
    TestUsers.ensure(identityService, STAFF, StaffGroups.LEGAL_STAFF);
    TestUsers.ensure(identityService, MANAGER, StaffGroups.MANAGERS);
    if (historyService.findHistoryCleanupJobs().isEmpty()) {
      historyService.cleanUpHistoryAsync(true);
    }
    Job job = historyService.findHistoryCleanupJobs().get(0);
    managementService.activateJobById(job.getId());
    managementService.setJobRetries(job.getId(), 3);
    managementService.setJobDuedate(job.getId(), PARKED);
    cleanupJob = job.getId();
  }

  @Test
  void staffCannotRunRescheduleRetrySuspendOrDeleteTheHistoryCleanupJob() {
    Http http = Http.at(port);
    for (String user : new String[] {STAFF, MANAGER}) {
      assertForbidden(http.sendJson("POST", "/engine-rest/job/" + cleanupJob + "/execute", null, user,
          TestUsers.PASSWORD, Map.of()), user + " executes");
      assertForbidden(http.putJson("/engine-rest/job/" + cleanupJob + "/duedate",
          "{\"duedate\":\"2030-01-01T00:00:00.000+0000\"}", user, TestUsers.PASSWORD), user + " reschedules");
      assertForbidden(http.putJson("/engine-rest/job/" + cleanupJob + "/retries", "{\"retries\":0}", user,
          TestUsers.PASSWORD), user + " sets retries");
      assertForbidden(http.putJson("/engine-rest/job/" + cleanupJob + "/suspended", "{\"suspended\":true}", user,
          TestUsers.PASSWORD), user + " suspends");
      assertForbidden(http.putJson("/engine-rest/job/" + cleanupJob + "/priority", "{\"priority\":99}", user,
          TestUsers.PASSWORD), user + " reprioritises");
      assertForbidden(http.sendJson("DELETE", "/engine-rest/job/" + cleanupJob, null, user, TestUsers.PASSWORD,
          Map.of()), user + " deletes");
      assertForbidden(http.postJson("/engine-rest/history/cleanup?immediatelyDue=true", "", user,
          TestUsers.PASSWORD), user + " starts a cleanup");

      Job job = managementService.createJobQuery().jobId(cleanupJob).singleResult();
      assertThat(job).as("still there after " + user).isNotNull();
      assertThat(job.getDuedate()).isEqualTo(PARKED);
      assertThat(job.getRetries()).isEqualTo(3);
      assertThat(job.isSuspended()).isFalse();
      assertThat(job.getPriority()).isNotEqualTo(99);
    }
  }

  @Test
  void managersCannotChangeTheCleanupJobThroughCockpitEither() {
    Http cockpit = Http.at(port);
    assertThat(cockpit.webappLogin("cockpit", MANAGER, TestUsers.PASSWORD).statusCode()).isEqualTo(200);

    assertForbidden(cockpit.webappSend("PUT", "/camunda/api/engine/engine/default/job/" + cleanupJob + "/retries",
        "{\"retries\":0}"), "retries in Cockpit");
    assertForbidden(cockpit.webappSend("PUT", "/camunda/api/engine/engine/default/job/" + cleanupJob + "/suspended",
        "{\"suspended\":true}"), "suspension in Cockpit");
    assertForbidden(cockpit.webappSend("DELETE", "/camunda/api/engine/engine/default/job/" + cleanupJob, null),
        "deletion in Cockpit");

    Job job = managementService.createJobQuery().jobId(cleanupJob).singleResult();
    assertThat(job).isNotNull();
    assertThat(job.getRetries()).isEqualTo(3);
    assertThat(job.isSuspended()).isFalse();
  }

  @Test
  void administratorsManageTheCleanupJob() {
    Http http = Http.at(port);
    assertThat(http.putJson("/engine-rest/job/" + cleanupJob + "/retries", "{\"retries\":5}", TestUsers.ADMIN,
        TestUsers.ADMIN_PASSWORD).statusCode()).isEqualTo(204);
    assertThat(http.putJson("/engine-rest/job/" + cleanupJob + "/suspended", "{\"suspended\":true}", TestUsers.ADMIN,
        TestUsers.ADMIN_PASSWORD).statusCode()).isEqualTo(204);
    Job job = managementService.createJobQuery().jobId(cleanupJob).singleResult();
    assertThat(job.getRetries()).isEqualTo(5);
    assertThat(job.isSuspended()).isTrue();
  }

  @Test
  void managersStillRetryAFailedCaseJobAndLegalStaffCannot() {
    repositoryService.createDeployment().name(WAITING_PROCESS)
        .addModelInstance(WAITING_PROCESS + ".bpmn", Bpmn.createExecutableProcess(WAITING_PROCESS)
            .camundaHistoryTimeToLive(1).startEvent().intermediateCatchEvent().timerWithDuration("P100D")
            .endEvent().done())
        .deploy();
    String instanceId = runtimeService.startProcessInstanceByKey(WAITING_PROCESS).getId();
    Job timer = managementService.createJobQuery().processInstanceId(instanceId).singleResult();
    // Out of retries, as a job that failed every attempt.
    managementService.setJobRetries(timer.getId(), 0);
    Http http = Http.at(port);

    assertForbidden(http.putJson("/engine-rest/job/" + timer.getId() + "/retries", "{\"retries\":1}", STAFF,
        TestUsers.PASSWORD), "legal staff retry");
    assertThat(managementService.createJobQuery().jobId(timer.getId()).singleResult().getRetries()).isZero();

    assertThat(http.putJson("/engine-rest/job/" + timer.getId() + "/retries", "{\"retries\":1}", MANAGER,
        TestUsers.PASSWORD).statusCode()).isEqualTo(204);
    assertThat(managementService.createJobQuery().jobId(timer.getId()).singleResult().getRetries()).isOne();
  }

  private static void assertForbidden(HttpResponse<String> response, String what) {
    assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(403);
  }
}
