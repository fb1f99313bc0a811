package mx.permiso.security;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static mx.permiso.support.LiveCase.clockAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import mx.permiso.support.Http;
import mx.permiso.support.LiveCase;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.SampleCase;
import mx.permiso.support.SampleFiles;
import mx.permiso.support.TestUsers;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Rights follow the work: a real legal staff member and a real manager (neither an administrator)
 * carry each scenario through its happy path and every escalation over the REST API, each task
 * claimed and submitted with its form's fields by a member of a group it is offered to; legal staff
 * cannot claim, complete or hand on a task offered only to managers; a task is handed on within its
 * group. The engine's job executor fires the timers as the test moves the clock.
 */
@PostgresApplicationTest
@TestPropertySource(properties = {
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"
})
class TaskRolesIT {

  private static final String STAFF = "rosa";
  private static final String OTHER_STAFF = "ramon";
  private static final String MANAGER = "marco";
  private static final String OTHER_MANAGER = "marta";
  private static final String NOBODY = "nadia";
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  private Http http;

  @BeforeEach
  void staff() {
    TestUsers.ensure(engine.getIdentityService(), STAFF, StaffGroups.LEGAL_STAFF);
    TestUsers.ensure(engine.getIdentityService(), OTHER_STAFF, StaffGroups.LEGAL_STAFF);
    TestUsers.ensure(engine.getIdentityService(), MANAGER, StaffGroups.MANAGERS);
    TestUsers.ensure(engine.getIdentityService(), OTHER_MANAGER, StaffGroups.MANAGERS);
    TestUsers.ensure(engine.getIdentityService(), NOBODY);
    http = Http.at(port);
  }

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  @Test
  void legalStaffCarryTheCanjeAndTheFamilyUnityCasesToClosedHandingWorkToEachOther() {
    for (String scenario : List.of("CANJE_PENDING", "FAMILY_UNITY")) {
      String caseNumber = scenario.equals("CANJE_PENDING") ? "EXR-2026-0901" : "EXR-2026-0902";
      Map<String, Object> intake = SampleCase.intake(caseNumber);
      intake.put("scenario", scenario);
      clockAt("2026-11-03", "09:00");
      LiveCase live = new LiveCase(engine, caseNumber).start(intake);
      work(live, USER_TASK_REVIEW_INTAKE, STAFF, Map.of("intakeAccepted", true));
      live.correlate("DocumentsSubmitted", Map.of());
      work(live, USER_TASK_VERIFY_DOCUMENTS, STAFF, SampleCase.documentsVerified());
      work(live, USER_TASK_CONFIRM_PAYMENT, STAFF, Map.of("paymentReceived", true));
      attachPaperwork(caseNumber);
      work(live, USER_TASK_PREPARE_INM_PAPERWORK, STAFF, Map.of("paperworkReady", true));
      work(live, USER_TASK_BOOK_APPOINTMENT, STAFF, Map.of("appointmentDate", "2026-11-12",
          "appointmentTime", "09:30", "inmOffice", "Querétaro", "processAtOnce", false));
      // The colleague who goes with the client to INM records the outcome: the task is handed to him.
      HttpResponse<String> handed = claim(live.awaitTask(USER_TASK_RECORD_OUTCOME), STAFF, OTHER_STAFF);
      assertThat(handed.statusCode()).as(handed.body()).isEqualTo(204);
      clockAt("2026-11-12", "12:00");
      work(live, USER_TASK_RECORD_OUTCOME, OTHER_STAFF, Map.of("permitIssued", true, "permitDate", "2026-11-12"));
      live.awaitTask(USER_TASK_CONFIRM_DEPARTURE);
      clockAt("2026-11-21", "11:00");
      work(live, USER_TASK_CONFIRM_DEPARTURE, STAFF, Map.of("departureOutcome", "TRAVELLED", "exitStampConfirmed", true));
      live.awaitTask(USER_TASK_CONFIRM_REENTRY);
      clockAt("2026-12-11", "11:00");
      work(live, USER_TASK_CONFIRM_REENTRY, STAFF, Map.of("reentryDate", "2026-12-10", "entryStampConfirmed", true));
      live.awaitTask(USER_TASK_RECORD_PERMIT_RETURNED);
      clockAt("2026-12-12", "11:00");
      work(live, USER_TASK_RECORD_PERMIT_RETURNED, STAFF, Map.of("permitReturnedDate", "2026-12-12",
          "inmReceiptReference", "INM-QRO-2026-5512"));
      live.awaitPassed(END_EVENT_CASE_CLOSED);

      assertThat(completedBy(live)).as(scenario).containsExactlyInAnyOrderEntriesOf(Map.of(
          USER_TASK_REVIEW_INTAKE, STAFF, USER_TASK_VERIFY_DOCUMENTS, STAFF, USER_TASK_CONFIRM_PAYMENT, STAFF,
          USER_TASK_PREPARE_INM_PAPERWORK, STAFF, USER_TASK_BOOK_APPOINTMENT, STAFF, USER_TASK_RECORD_OUTCOME,
          OTHER_STAFF, USER_TASK_CONFIRM_DEPARTURE, STAFF, USER_TASK_CONFIRM_REENTRY, STAFF, USER_TASK_RECORD_PERMIT_RETURNED,
          STAFF));
      assertEveryTaskCompletedByAMemberOfAGroupItIsOfferedTo(live);
    }
  }

  @Test
  void managersWorkEveryEscalationOfAnEmergencyCaseAndLegalStaffCannot() {
    String caseNumber = "EXR-2026-0903";
    clockAt("2026-11-03", "09:00");
    LiveCase live = new LiveCase(engine, caseNumber).start(emergency(caseNumber));
    work(live, USER_TASK_REVIEW_INTAKE, STAFF, Map.of("intakeAccepted", true));

    // The last day to file passes without the documents: the managers' escalation.
    clockAt("2026-11-04", "10:01");
    Task late = live.awaitTask(USER_TASK_HANDLE_LATE_DOCUMENTS);
    assertThat(escalationsAs(MANAGER)).contains(late.getId());
    assertThat(filterNames(STAFF)).contains("Case work").doesNotContain("Escalations");
    // The manager finds it in Tasklist too.
    Http tasklist = Http.at(port);
    assertThat(tasklist.webappLogin("tasklist", MANAGER, TestUsers.PASSWORD).statusCode()).isEqualTo(200);
    assertThat(tasklist.webappGet("/camunda/api/engine/engine/default/filter?resourceType=Task").body())
        .contains("Escalations");
    refusedToLegalStaff(late, Map.of("escalationResolution", "Called the client"));
    work(live, USER_TASK_HANDLE_LATE_DOCUMENTS, MANAGER, Map.of("escalationResolution", "Called the client: "
        + "the letter comes today, INM agreed to a same-day appointment"));

    live.correlate("DocumentsSubmitted", Map.of());
    work(live, USER_TASK_VERIFY_DOCUMENTS, STAFF, SampleCase.documentsVerified());
    work(live, USER_TASK_CONFIRM_PAYMENT, STAFF, Map.of("paymentReceived", true));
    attachPaperwork(caseNumber);
    work(live, USER_TASK_PREPARE_INM_PAPERWORK, STAFF, Map.of("paperworkReady", true));
    work(live, USER_TASK_BOOK_APPOINTMENT, STAFF, Map.of("appointmentDate", "2026-11-04",
        "appointmentTime", "12:00", "inmOffice", "Querétaro", "processAtOnce", true));
    // Each step's jobs finish before the clock moves: a job still running when the clock jumps past its lock
    // would be taken a second time.
    live.awaitTask(USER_TASK_RECORD_OUTCOME);
    clockAt("2026-11-04", "13:00");
    work(live, USER_TASK_RECORD_OUTCOME, STAFF, Map.of("permitIssued", true, "permitDate", "2026-11-04"));
    live.awaitTask(USER_TASK_CONFIRM_DEPARTURE);
    clockAt("2026-11-06", "11:00");
    work(live, USER_TASK_CONFIRM_DEPARTURE, STAFF, Map.of("departureOutcome", "TRAVELLED", "exitStampConfirmed", true));
    live.awaitTask(USER_TASK_CONFIRM_REENTRY);

    // The permit (60 days from 4 November) ran out on 3 January and the client is still abroad.
    clockAt("2027-01-04", "10:01");
    Task abroad = live.awaitTask(USER_TASK_HANDLE_RETURN_BY_PASSED);
    assertThat(escalationsAs(MANAGER)).contains(abroad.getId());
    refusedToLegalStaff(abroad, Map.of("escalationResolution", "Spoke to the client"));
    work(live, USER_TASK_HANDLE_RETURN_BY_PASSED, MANAGER, Map.of("escalationResolution",
        "Flight cancelled by the airline; the client lands tomorrow, INM informed"));

    clockAt("2027-01-05", "11:00");
    work(live, USER_TASK_CONFIRM_REENTRY, STAFF, Map.of("reentryDate", "2027-01-05", "entryStampConfirmed", true));
    // The hand-back reminders are scheduled (from the day of re-entry) before the clock moves on.
    live.awaitTask(USER_TASK_RECORD_PERMIT_RETURNED);
    // Day 10 after re-entry (Friday 15 January, INM open) passes and the permit is not back at INM: the
    // managers are asked when the office opens again, on Monday.
    clockAt("2027-01-18", "10:01");
    Task overdue = live.awaitTask(USER_TASK_HANDLE_HAND_BACK_OVERDUE);
    assertThat(escalationsAs(MANAGER)).contains(overdue.getId());
    refusedToLegalStaff(overdue, Map.of("escalationResolution", "Reminded the client"));
    work(live, USER_TASK_HANDLE_HAND_BACK_OVERDUE, MANAGER, Map.of("escalationResolution",
        "The client hands it back today with a letter"));
    work(live, USER_TASK_RECORD_PERMIT_RETURNED, STAFF, Map.of("permitReturnedDate", "2027-01-18",
        "inmReceiptReference", "INM-QRO-2027-0107"));
    live.awaitPassed(END_EVENT_CASE_CLOSED);

    assertThat(completedBy(live)).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry(USER_TASK_REVIEW_INTAKE, STAFF), Map.entry(USER_TASK_HANDLE_LATE_DOCUMENTS, MANAGER),
        Map.entry(USER_TASK_VERIFY_DOCUMENTS, STAFF), Map.entry(USER_TASK_CONFIRM_PAYMENT, STAFF),
        Map.entry(USER_TASK_PREPARE_INM_PAPERWORK, STAFF), Map.entry(USER_TASK_BOOK_APPOINTMENT, STAFF),
        Map.entry(USER_TASK_RECORD_OUTCOME, STAFF), Map.entry(USER_TASK_CONFIRM_DEPARTURE, STAFF),
        Map.entry(USER_TASK_HANDLE_RETURN_BY_PASSED, MANAGER), Map.entry(USER_TASK_CONFIRM_REENTRY, STAFF),
        Map.entry(USER_TASK_HANDLE_HAND_BACK_OVERDUE, MANAGER), Map.entry(USER_TASK_RECORD_PERMIT_RETURNED, STAFF)));
    assertEveryTaskCompletedByAMemberOfAGroupItIsOfferedTo(live);
  }

  @Test
  void aTaskIsHandedOnWithinTheGroupsItIsOfferedTo() {
    clockAt("2026-11-03", "09:00");
    LiveCase live = new LiveCase(engine, "EXR-2026-0904").start(emergency("EXR-2026-0904"));
    Task review = live.awaitTask(USER_TASK_REVIEW_INTAKE);

    // Legal staff hand their work to a colleague, by claiming for them or by setting the assignee.
    assertThat(claim(review, STAFF, OTHER_STAFF).statusCode()).isEqualTo(204);
    assertThat(assigneeOf(review)).isEqualTo(OTHER_STAFF);
    assertThat(setAssignee(review, OTHER_STAFF, STAFF).statusCode()).isEqualTo(204);
    assertThat(assigneeOf(review)).isEqualTo(STAFF);
    // Not outside their group: a manager, someone in no staff group.
    for (String outsider : List.of(MANAGER, NOBODY)) {
      HttpResponse<String> refused = setAssignee(review, STAFF, outsider);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
      assertThat(refused.body()).contains(outsider);
      assertThat(post(review, "/delegate", STAFF, Map.of("userId", outsider)).statusCode()).isEqualTo(403);
    }
    assertThat(assigneeOf(review)).isEqualTo(STAFF);
    // A manager hands a legal staff task to any member of legal staff, never to someone in no staff group.
    assertThat(setAssignee(review, MANAGER, NOBODY).statusCode()).isEqualTo(403);
    assertThat(setAssignee(review, MANAGER, OTHER_STAFF).statusCode()).isEqualTo(204);
    // Only a manager takes it from the colleague, back to the group.
    assertThat(post(review, "/unclaim", STAFF, Map.of()).statusCode()).isEqualTo(403);
    assertThat(assigneeOf(review)).isEqualTo(OTHER_STAFF);
    assertThat(post(review, "/unclaim", MANAGER, Map.of()).statusCode()).isEqualTo(204);
    assertThat(assigneeOf(review)).isNull();
    assertThat(claim(review, OTHER_STAFF, OTHER_STAFF).statusCode()).isEqualTo(204);
    submit(review, OTHER_STAFF, Map.of("intakeAccepted", true));

    clockAt("2026-11-04", "10:01");
    Task late = live.awaitTask(USER_TASK_HANDLE_LATE_DOCUMENTS);
    // Legal staff neither take a managers' task nor hand it on, nor offer it to themselves.
    for (String anyone : List.of(STAFF, OTHER_STAFF, MANAGER)) {
      assertThat(claim(late, STAFF, anyone).statusCode()).as("claim for " + anyone).isEqualTo(403);
      assertThat(setAssignee(late, STAFF, anyone).statusCode()).as("assign to " + anyone).isEqualTo(403);
    }
    assertThat(post(late, "/identity-links", STAFF, Map.of("groupId", StaffGroups.LEGAL_STAFF, "type", "candidate"))
        .statusCode()).isEqualTo(403);
    assertThat(engine.getTaskService().getIdentityLinksForTask(late.getId())).extracting(IdentityLink::getGroupId)
        .containsExactly(StaffGroups.MANAGERS);
    assertThat(assigneeOf(late)).isNull();
    // Managers hand it on among themselves, never to legal staff.
    assertThat(claim(late, MANAGER, OTHER_MANAGER).statusCode()).isEqualTo(204);
    assertThat(setAssignee(late, OTHER_MANAGER, MANAGER).statusCode()).isEqualTo(204);
    HttpResponse<String> toStaff = setAssignee(late, MANAGER, STAFF);
    assertThat(toStaff.statusCode()).as(toStaff.body()).isEqualTo(403);
    assertThat(toStaff.body()).contains(STAFF).contains(StaffGroups.MANAGERS);
    assertThat(assigneeOf(late)).isEqualTo(MANAGER);
    // Legal staff cannot take it from the manager either.
    assertThat(post(late, "/unclaim", STAFF, Map.of()).statusCode()).isEqualTo(403);
    assertThat(assigneeOf(late)).isEqualTo(MANAGER);
    submit(late, MANAGER, Map.of("escalationResolution", "Client travels next week instead"));
    assertThat(engine.getTaskService().createTaskQuery().taskId(late.getId()).count()).isZero();
  }

  /** The intake of an emergency: leaving 5 November, so the last day to file is 4 November. */
  private static Map<String, Object> emergency(String caseNumber) {
    Map<String, Object> intake = SampleCase.intake(caseNumber);
    intake.putAll(Map.of("scenario", "EMERGENCY", "emergencyReason", "Mother in surgery",
        "departureDate", "2026-11-05", "plannedReturnDate", "2026-11-19"));
    return intake;
  }

  /** A legal staff member can neither claim nor complete the task, and nothing about it changes. */
  private void refusedToLegalStaff(Task task, Map<String, Object> fields) {
    Object resolution = engine.getRuntimeService().getVariable(task.getProcessInstanceId(), "escalationResolution");
    HttpResponse<String> claim = claim(task, STAFF, STAFF);
    assertThat(claim.statusCode()).as(claim.body()).isEqualTo(403);
    assertThat(claim.body()).contains(StaffGroups.MANAGERS);
    HttpResponse<String> submit = post(task, "/submit-form", STAFF, Map.of("variables", typed(fields)));
    assertThat(submit.statusCode()).as(submit.body()).isEqualTo(403);
    assertThat(post(task, "/complete", STAFF, Map.of("variables", typed(fields))).statusCode()).isEqualTo(403);
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult())
        .as("task still open and unclaimed").isNotNull().extracting(Task::getAssignee).isNull();
    assertThat(engine.getRuntimeService().getVariable(task.getProcessInstanceId(), "escalationResolution"))
        .isEqualTo(resolution);
  }

  /**
   * The user claims the case's task and submits its form with these fields, over the REST API. A
   * timer of the case firing at the same moment makes the engine refuse with 409; the user tries again.
   */
  private void work(LiveCase live, String taskKey, String user, Map<String, Object> fields) {
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      Task task = live.awaitTask(taskKey);
      HttpResponse<String> claim = user.equals(task.getAssignee()) ? null : claim(task, user, user);
      if (claim != null && claim.statusCode() == 409) {
        return false;
      }
      assertThat(claim == null ? 204 : claim.statusCode()).as(taskKey + " claimed by " + user).isEqualTo(204);
      HttpResponse<String> submit = post(task, "/submit-form", user, Map.of("variables", typed(fields)));
      if (submit.statusCode() == 409) {
        return false;
      }
      assertThat(submit.statusCode()).as(taskKey + " submitted by " + user + ": " + submit.body()).isEqualTo(204);
      return true;
    });
  }

  private void submit(Task task, String user, Map<String, Object> fields) {
    HttpResponse<String> submit = post(task, "/submit-form", user, Map.of("variables", typed(fields)));
    assertThat(submit.statusCode()).as(submit.body()).isEqualTo(204);
  }

  private void attachPaperwork(String caseNumber) {
    HttpResponse<String> upload = http.upload("/api/cases/" + caseNumber + "/documents?kind=INM_PAPERWORK",
        "solicitud.pdf", SampleFiles.pdf("Solicitud"), STAFF, TestUsers.PASSWORD);
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
  }

  private HttpResponse<String> claim(Task task, String caller, String forUser) {
    return post(task, "/claim", caller, Map.of("userId", forUser));
  }

  private HttpResponse<String> setAssignee(Task task, String caller, String toUser) {
    return post(task, "/assignee", caller, Map.of("userId", toUser));
  }

  private HttpResponse<String> post(Task task, String action, String caller, Map<String, Object> body) {
    try {
      return http.postJson("/engine-rest/task/" + task.getId() + action, JSON.writeValueAsString(body), caller,
          TestUsers.PASSWORD);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Fields as the REST API takes them: {@code {"name": {"value": ...}}}. */
  private static Map<String, Object> typed(Map<String, Object> fields) {
    Map<String, Object> variables = new LinkedHashMap<>();
    fields.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    return variables;
  }

  private String assigneeOf(Task task) {
    return engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult().getAssignee();
  }

  /** The tasks the user's "Escalations" filter lists (the filter must be visible to them). */
  private List<String> escalationsAs(String user) {
    JsonNode filters = Http.json(http.get("/engine-rest/filter?resourceType=Task&name=Escalations", user,
        TestUsers.PASSWORD));
    assertThat(filters).as("Escalations filter visible to " + user).hasSize(1);
    return Http.ids(http.postJson("/engine-rest/filter/" + filters.get(0).get("id").asText() + "/list", "{}", user,
        TestUsers.PASSWORD));
  }

  private List<String> filterNames(String user) {
    JsonNode filters = Http.json(http.get("/engine-rest/filter?resourceType=Task", user, TestUsers.PASSWORD));
    List<String> names = new ArrayList<>();
    filters.forEach(filter -> names.add(filter.get("name").asText()));
    return names;
  }

  /** Who completed each task of the case, by task definition, from the engine's user operation log. */
  private Map<String, String> completedBy(LiveCase live) {
    Map<String, String> byTask = new HashMap<>();
    for (HistoricTaskInstance task : engine.getHistoryService().createHistoricTaskInstanceQuery()
        .processInstanceId(live.instanceId()).list()) {
      assertThat(task.getEndTime()).as(task.getTaskDefinitionKey() + " done").isNotNull();
      List<UserOperationLogEntry> completions = engine.getHistoryService().createUserOperationLogQuery()
          .taskId(task.getId()).operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list();
      assertThat(completions).as(task.getTaskDefinitionKey() + " completed by a user").hasSize(1);
      byTask.put(task.getTaskDefinitionKey(), completions.get(0).getUserId());
    }
    return byTask;
  }

  private void assertEveryTaskCompletedByAMemberOfAGroupItIsOfferedTo(LiveCase live) {
    for (HistoricTaskInstance task : engine.getHistoryService().createHistoricTaskInstanceQuery()
        .processInstanceId(live.instanceId()).list()) {
      Set<String> offeredTo = engine.getHistoryService().createHistoricIdentityLinkLogQuery().taskId(task.getId())
          .type(IdentityLinkType.CANDIDATE).list().stream().map(HistoricIdentityLinkLog::getGroupId)
          .collect(Collectors.toSet());
      String completer = engine.getHistoryService().createUserOperationLogQuery().taskId(task.getId())
          .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).singleResult().getUserId();
      Set<String> groupsOfCompleter = engine.getIdentityService().createGroupQuery().groupMember(completer).list()
          .stream().map(Group::getId).collect(Collectors.toSet());
      assertThat(groupsOfCompleter).as(task.getTaskDefinitionKey() + " offered to " + offeredTo + ", completed by "
          + completer).containsAnyElementsOf(offeredTo).doesNotContain(StaffGroups.ADMINS);
    }
  }
}
