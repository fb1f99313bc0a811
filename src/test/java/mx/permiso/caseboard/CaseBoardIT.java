package mx.permiso.caseboard;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import mx.permiso.cases.CasePhase;
import mx.permiso.documents.DocumentStore;
import mx.permiso.security.StaffGroups;
import mx.permiso.support.Http;
import mx.permiso.support.LiveCase;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.SampleCase;
import mx.permiso.support.SampleFiles;
import mx.permiso.support.TestUsers;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The case board on PostgreSQL with real cases driven through the engine: each row follows its
 * case step by step (the projection agrees with the engine at every phase), the filters and the
 * search select the right cases, and only staff can read the board.
 */
@PostgresApplicationTest
@TestPropertySource(properties = {
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500",
    "permiso.board.page-size=2"
})
class CaseBoardIT {

  @Autowired
  ProcessEngine engine;

  @Autowired
  CaseSummaries summaries;

  @Autowired
  CaseBoardBackfill backfill;

  @Autowired
  DocumentStore documents;

  @Autowired
  JdbcTemplate jdbc;

  @LocalServerPort
  int port;

  @BeforeEach
  void staff() {
    TestUsers.ensure(engine.getIdentityService(), "lucia", StaffGroups.LEGAL_STAFF);
    TestUsers.ensure(engine.getIdentityService(), "mateo", StaffGroups.MANAGERS);
    TestUsers.ensure(engine.getIdentityService(), "carla");
    LiveCase.clockAt("2026-11-03", "09:00");
  }

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  @Test
  void eachRowFollowsItsCaseThroughThePhasesAsTheEngineSeesIt() {
    String number = "EXR-2026-0201";
    LiveCase live = new LiveCase(engine, number).start(SampleCase.intake(number));
    live.awaitTask(USER_TASK_REVIEW_INTAKE);
    assertAgrees(live, CasePhase.REVIEW);
    CaseSummary atReview = summaries.find(number).orElseThrow();
    assertThat(atReview.clientName()).isEqualTo("Jane Doe");
    assertThat(atReview.scenario()).isEqualTo("CANJE_PENDING");
    assertThat(atReview.departureDate()).isEqualTo(LocalDate.of(2026, 11, 20));
    assertThat(atReview.taskName()).contains("Review intake");
    assertThat(atReview.taskDueAt()).isNotNull();
    assertThat(atReview.nextDeadlineKind()).isEqualTo(DeadlineKind.LATEST_REQUEST);
    assertThat(atReview.nextDeadline()).isEqualTo(atReview.latestRequestDate()).isNotNull();

    engine.getTaskService().claim(live.awaitTask(USER_TASK_REVIEW_INTAKE).getId(), "lucia");
    assertThat(summaries.find(number).orElseThrow().assignee()).isEqualTo("lucia");

    live.complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true)).awaitAt(RECEIVE_TASK_AWAIT_DOCUMENTS);
    assertAgrees(live, CasePhase.DOCUMENTS);
    assertThat(summaries.find(number).orElseThrow().assignee()).as("no task open while the client uploads").isNull();

    live.correlate("DocumentsSubmitted", Map.of())
        .complete(USER_TASK_VERIFY_DOCUMENTS, SampleCase.documentsVerified())
        .awaitTask(USER_TASK_CONFIRM_PAYMENT);
    assertAgrees(live, CasePhase.PAYMENT);

    live.paidToAppointment(() -> documents.store(number, "INM_PAPERWORK", "solicitud.pdf",
        SampleFiles.pdf("Solicitud"), "lucia"));
    assertAgrees(live, CasePhase.APPOINTMENT);
    CaseSummary booked = summaries.find(number).orElseThrow();
    assertThat(booked.nextDeadlineKind()).isEqualTo(DeadlineKind.APPOINTMENT);
    assertThat(booked.nextDeadline()).isEqualTo(LocalDate.of(2026, 11, 12));

    LiveCase.clockAt("2026-11-12", "12:00");
    live.complete(USER_TASK_RECORD_OUTCOME, Map.of("permitIssued", true, "permitDate", "2026-11-12"))
        .awaitTask(USER_TASK_CONFIRM_DEPARTURE);
    assertAgrees(live, CasePhase.DEPARTURE);
    assertThat(summaries.find(number).orElseThrow().returnByDate()).isEqualTo(LocalDate.of(2027, 1, 11));

    live.correlate("CaseCancelled", Map.of()).awaitEnded();
    CaseSummary cancelled = summaries.find(number).orElseThrow();
    assertThat(cancelled.status()).isEqualTo(CaseStatus.CANCELLED);
    assertThat(cancelled.endedAt()).isNotNull();
    assertThat(cancelled.nextDeadline()).isNull();
    assertThat(cancelled.taskName()).isNull();
    assertThat(jdbc.queryForObject("select count(*) from case_task where process_instance_id = ?", Long.class,
        live.instanceId())).isZero();
  }

  /** The cases of the filter test (other tests' cases share the database). */
  private static final String THESE = "EXR-2026-021";

  @Test
  void filtersAndSearchSelectTheRightCases() {
    LiveCase documentsCase = new LiveCase(engine, "EXR-2026-0211").start(intake("EXR-2026-0211", "José Núñez",
        "CANJE_PENDING", "2026-12-18"));
    documentsCase.complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true)).awaitAt(RECEIVE_TASK_AWAIT_DOCUMENTS);
    new LiveCase(engine, "EXR-2026-0212").start(intake("EXR-2026-0212", "Ana Smith", "EMERGENCY", "2026-11-05"));
    new LiveCase(engine, "EXR-2026-0213").start(intake("EXR-2026-0213", "Bo Chen", "FAMILY_UNITY", "2026-12-01"));
    LiveCase declined = new LiveCase(engine, "EXR-2026-0214").start(intake("EXR-2026-0214", "Dee Declined",
        "CANJE_PENDING", "2026-12-01"));
    declined.complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", false, "declineReason", "No NUT"))
        .awaitEnded();

    LocalDate today = LocalDate.of(2026, 11, 3);
    Instant now = ClockUtil.now().toInstant();
    assertThat(numbers(new BoardQuery(null, null, null, false, THESE, 0, 50), today, now))
        .containsExactly("EXR-2026-0212", "EXR-2026-0213", "EXR-2026-0211");
    assertThat(numbers(new BoardQuery(null, CasePhase.DOCUMENTS, null, false, THESE, 0, 50), today, now))
        .containsExactly("EXR-2026-0211");
    assertThat(numbers(new BoardQuery(null, null, "EMERGENCY", false, THESE, 0, 50), today, now))
        .containsExactly("EXR-2026-0212");
    assertThat(numbers(new BoardQuery(CaseStatus.DECLINED, null, null, false, THESE, 0, 50), today, now))
        .containsExactly("EXR-2026-0214");
    assertThat(numbers(new BoardQuery(null, null, null, false, "nunez", 0, 50), today, now))
        .as("accents and case ignored").containsExactly("EXR-2026-0211");
    assertThat(numbers(new BoardQuery(null, null, null, false, "exr-2026-021", 0, 50), today, now))
        .containsExactly("EXR-2026-0212", "EXR-2026-0213", "EXR-2026-0211");
    assertThat(numbers(new BoardQuery(null, null, null, false, "50%_", 0, 50), today, now)).isEmpty();
    assertThat(numbers(new BoardQuery(null, null, null, true, THESE, 0, 50), today, now)).isEmpty();

    // Two days on: the emergency's departure has passed and the review tasks are past due.
    Instant later = LocalDate.of(2026, 11, 6).atStartOfDay(java.time.ZoneId.of("America/Mexico_City"))
        .plusHours(16).toInstant();
    assertThat(numbers(new BoardQuery(null, null, null, true, THESE, 0, 50), LocalDate.of(2026, 11, 6), later))
        .containsExactly("EXR-2026-0212", "EXR-2026-0213");
    assertThat(summaries.page(new BoardQuery(null, null, null, false, THESE, 1, 2), today, now))
        .extracting(CaseSummary::caseNumber).containsExactly("EXR-2026-0211");
  }

  @Test
  void onlyStaffReadTheBoardAndItsExport() {
    String number = "EXR-2026-0221";
    new LiveCase(engine, number).start(intake(number, "=HYPERLINK(\"x\")", "CANJE_PENDING", "2026-12-18"));
    Http http = Http.at(port);

    HttpResponse<String> board = http.get("/cases?q=" + number, "lucia", TestUsers.PASSWORD);
    assertThat(board.statusCode()).isEqualTo(200);
    assertThat(board.body()).contains(number).contains("REVIEW").contains("Export CSV");
    assertThat(board.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'none'");

    HttpResponse<String> csv = http.get("/cases.csv?q=" + number, "mateo", TestUsers.PASSWORD);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    assertThat(csv.body().split("\r\n")).hasSize(2);
    assertThat(csv.body()).contains("\"" + number + "\",\"'=HYPERLINK(\"\"x\"\")\"");

    HttpResponse<String> detail = http.get("/cases/" + number, "lucia", TestUsers.PASSWORD);
    assertThat(detail.statusCode()).isEqualTo(200);
    assertThat(detail.body()).contains(">Review intake<").contains("Acknowledgement")
        .contains("#/process-instance/");
    assertThat(http.get("/cases/EXR-2026-9999", "lucia", TestUsers.PASSWORD).statusCode()).isEqualTo(404);
    assertThat(http.get("/cases?phase=NOWHERE", "lucia", TestUsers.PASSWORD).statusCode()).isEqualTo(400);

    assertThat(http.get("/cases", "carla", TestUsers.PASSWORD).statusCode()).as("no staff group").isEqualTo(403);
    assertThat(http.get("/cases.csv").statusCode()).isEqualTo(401);
    HttpResponse<String> browser = http.page("/cases", "en");
    assertThat(browser.statusCode()).isEqualTo(302);
    assertThat(browser.headers().firstValue("Location").orElseThrow()).endsWith("/camunda/app/tasklist/default/");

    Http loggedIn = Http.at(port);
    assertThat(loggedIn.webappLogin("tasklist", "lucia", TestUsers.PASSWORD).statusCode()).isEqualTo(200);
    HttpResponse<String> viaTasklist = loggedIn.page("/cases?q=" + number, "en");
    assertThat(viaTasklist.body()).contains(number);
    assertThat(viaTasklist.headers().allValues("Set-Cookie")).as("the web apps' session is left as it is")
        .noneMatch(cookie -> cookie.startsWith("JSESSIONID"));
  }

  @Test
  void casesStartedBeforeTheBoardExistedAreAddedAtStartUp() {
    String number = "EXR-2026-0231";
    LiveCase live = new LiveCase(engine, number).start(SampleCase.intake(number));
    live.complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true)).awaitAt(RECEIVE_TASK_AWAIT_DOCUMENTS);
    CaseSummary before = summaries.find(number).orElseThrow();
    jdbc.update("delete from case_summary where case_number = ?", number);

    assertThat(backfill.backfill()).isEqualTo(1);

    CaseSummary after = summaries.find(number).orElseThrow();
    assertThat(after).usingRecursiveComparison().ignoringFields("startedAt").isEqualTo(before);
    assertThat(backfill.backfill()).isZero();
  }

  private void assertAgrees(LiveCase live, CasePhase expected) {
    CasePhase engineSays = CasePhase.current(engine.getRuntimeService().getActiveActivityIds(live.instanceId()));
    assertThat(engineSays).isEqualTo(expected);
    String number = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(live.instanceId())
        .singleResult().getBusinessKey();
    CaseSummary row = summaries.find(number).orElseThrow();
    assertThat(row.phase()).isEqualTo(expected);
    assertThat(row.status()).isEqualTo(CaseStatus.OPEN);
  }

  private List<String> numbers(BoardQuery query, LocalDate today, Instant now) {
    List<String> page = summaries.page(query, today, now).stream().map(CaseSummary::caseNumber).toList();
    assertThat(summaries.count(query, today, now)).isEqualTo(page.size());
    return page;
  }

  private static Map<String, Object> intake(String number, String client, String scenario, String departure) {
    Map<String, Object> intake = SampleCase.intake(number);
    intake.put("clientName", client);
    intake.put("scenario", scenario);
    intake.put("departureDate", departure);
    intake.put("plannedReturnDate", LocalDate.parse(departure).plusDays(20).toString());
    if ("EMERGENCY".equals(scenario)) {
      intake.put("emergencyReason", "Father in hospital");
    }
    return intake;
  }
}
