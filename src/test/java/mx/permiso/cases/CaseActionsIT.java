package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.END_EVENT_CASE_CANCELLED;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.RECEIVE_TASK_AWAIT_DOCUMENTS;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.SERVICE_TASK_RESCHEDULE_DEADLINES;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.TIMER_DEPARTURE_REMINDER;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.TIMER_DOCUMENTS_LATE;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.USER_TASK_CONFIRM_DEPARTURE;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.USER_TASK_CONFIRM_REENTRY;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.USER_TASK_RECORD_OUTCOME;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.USER_TASK_REVIEW_INTAKE;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.USER_TASK_VERIFY_DOCUMENTS;
import static mx.permiso.support.LiveCase.clockAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import mx.permiso.cases.ExitReentryPermitProcess.Messages;
import mx.permiso.cases.ExitReentryPermitProcess.Variables;
import mx.permiso.documents.DocumentStore;
import mx.permiso.mail.MailDispatcher;
import mx.permiso.security.StaffGroups;
import mx.permiso.support.GreenMailApplicationTest;
import mx.permiso.support.Http;
import mx.permiso.support.LiveCase;
import mx.permiso.support.ReceivedMail;
import mx.permiso.support.SampleCase;
import mx.permiso.support.SampleFiles;
import mx.permiso.support.TestUsers;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Staff cancel a case ({@code POST /api/cases/{caseNumber}/cancel}) and change its travel dates
 * ({@code POST /api/cases/{caseNumber}/travel-dates}) with a real legal staff member and a real
 * manager: the case changes through the model's messages, the audit log names who did what, the
 * client reads the news in their language through a real SMTP server (GreenMail), and the
 * engine's timers and open tasks move with the dates. Wrong input, strangers, unknown and ended
 * cases change nothing.
 */
@GreenMailApplicationTest
class CaseActionsIT {

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

  private static final String STAFF = "lucia";
  private static final String MANAGER = "mateo";
  private static final String OUTSIDER = "tomas";
  private static final ZoneId MEXICO_CITY = ZoneId.of("America/Mexico_City");

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  MailDispatcher dispatcher;

  @Autowired
  DocumentStore documents;

  @Autowired
  JdbcTemplate jdbc;

  @BeforeEach
  void staff() {
    TestUsers.ensure(engine.getIdentityService(), STAFF, StaffGroups.LEGAL_STAFF);
    TestUsers.ensure(engine.getIdentityService(), MANAGER, StaffGroups.MANAGERS);
    TestUsers.ensure(engine.getIdentityService(), OUTSIDER);
    clockAt("2026-11-03", "09:00");
  }

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  @Test
  void theCancellationEndsTheCaseAndIsWordedForWhoAskedInTheClientsLanguage() throws Exception {
    record Cancel(String caseNumber, String language, String by, String staff, String reason) {
    }
    List<Cancel> cancels = List.of(
        new Cancel("EXR-2026-0901", "en", "CLIENT", STAFF, "Trip postponed to next year, client called"),
        new Cancel("EXR-2026-0902", "en", "FIRM", MANAGER, "Your residency file is closed, so INM will not issue a permit."),
        new Cancel("EXR-2026-0903", "es", "CLIENT", MANAGER, "El cliente canceló su viaje"),
        new Cancel("EXR-2026-0904", "es", "FIRM", STAFF, "Su trámite de residencia ya concluyó; no necesita permiso."));
    for (Cancel cancel : cancels) {
      Map<String, Object> intake = SampleCase.intake(cancel.caseNumber());
      intake.put("language", cancel.language());
      LiveCase live = new LiveCase(engine, cancel.caseNumber()).start(intake);
      live.awaitTask(USER_TASK_REVIEW_INTAKE);

      HttpResponse<String> cancelled = Http.at(port).postJson(path(cancel.caseNumber(), "cancel"),
          "{\"reason\": \"" + cancel.reason() + "\", \"requestedBy\": \"" + cancel.by() + "\"}", cancel.staff(),
          TestUsers.PASSWORD);
      JsonNode answer = Http.json(cancelled);
      assertThat(answer.path("cancelled").asBoolean()).isTrue();
      assertThat(answer.path("requestedBy").asText()).isEqualTo(cancel.by());

      live.awaitEnded();
      assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(live.instanceId())
          .activityId(END_EVENT_CASE_CANCELLED).count()).as("ended through CaseCancelled").isOne();
      assertThat(jdbc.queryForObject("select status from case_summary where case_number = ?", String.class,
          cancel.caseNumber())).as("the case board").isEqualTo("CANCELLED");
      List<Map<String, Object>> audit = jdbc.queryForList(
          "select occurred_at, actor, action, detail from audit_event where case_number = ?", cancel.caseNumber());
      assertThat(audit).hasSize(1);
      assertThat(audit.get(0)).containsEntry("actor", cancel.staff()).containsEntry("action", "CaseCancelled")
          .containsEntry("detail", "requestedBy: " + cancel.by() + "; reason: " + cancel.reason());
      assertThat(audit.get(0).get("occurred_at")).isNotNull();

      HttpResponse<String> again = Http.at(port).postJson(path(cancel.caseNumber(), "cancel"),
          "{\"reason\": \"again\", \"requestedBy\": \"FIRM\"}", STAFF, TestUsers.PASSWORD);
      assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
      assertThat(jdbc.queryForObject("select count(*) from audit_event where case_number = ?", Integer.class,
          cancel.caseNumber())).isOne();
    }

    deliverAll();
    String clientAsked = text(only("EXR-2026-0901"), "Your case EXR-2026-0901 is cancelled");
    assertThat(clientAsked).contains("As requested, we have cancelled").doesNotContain("We have decided")
        .doesNotContain("Trip postponed");
    String firmDecided = text(only("EXR-2026-0902"), "Your case EXR-2026-0902 is cancelled");
    assertThat(firmDecided).contains("We have decided to cancel",
            "Our reason: Your residency file is closed, so INM will not issue a permit.")
        .doesNotContain("As requested");
    String clienteLoPidio = text(only("EXR-2026-0903"), "Su caso EXR-2026-0903 fue cancelado");
    assertThat(clienteLoPidio).contains("Como lo solicitó, cancelamos").doesNotContain("Decidimos")
        .doesNotContain("canceló su viaje");
    String laFirmaDecidio = text(only("EXR-2026-0904"), "Su caso EXR-2026-0904 fue cancelado");
    assertThat(laFirmaDecidio).contains("Decidimos cancelar",
            "Nuestro motivo: Su trámite de residencia ya concluyó; no necesita permiso.")
        .doesNotContain("Como lo solicitó");
  }

  @Test
  void legalStaffMoveTheFlightAndTheDeadlinesTimersAndEmailFollow() throws Exception {
    String caseNumber = "EXR-2026-0911";
    LiveCase live = new LiveCase(engine, caseNumber).start(SampleCase.intake(caseNumber));
    live.complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true)).awaitAt(RECEIVE_TASK_AWAIT_DOCUMENTS);
    await().until(() -> timer(live, TIMER_DOCUMENTS_LATE), Objects::nonNull);
    assertThat(timer(live, TIMER_DOCUMENTS_LATE).getDuedate()).isEqualTo(local("2026-11-17", "10:00"));

    HttpResponse<String> changed = Http.at(port).postJson(path(caseNumber, "travel-dates"),
        "{\"departureDate\": \"2026-11-27\", \"plannedReturnDate\": \"2026-12-15\"}", STAFF, TestUsers.PASSWORD);
    JsonNode answer = Http.json(changed);
    assertThat(answer.path("changed")).extracting(JsonNode::asText).containsExactly("departureDate",
        "plannedReturnDate");
    assertThat(variable(live, Variables.DEPARTURE_DATE)).isEqualTo("2026-11-27");
    assertThat(variable(live, Variables.PLANNED_RETURN_DATE)).isEqualTo("2026-12-15");
    assertThat(jdbc.queryForList("select actor, action, detail from audit_event where case_number = ?", caseNumber))
        .containsExactly(Map.of("actor", STAFF, "action", "TravelDatesChanged",
            "detail", "departureDate: 2026-11-20 -> 2026-11-27; plannedReturnDate: 2026-12-10 -> 2026-12-15"));

    // The model reschedules in the background: the deadline, and the timer that waits for it, move.
    live.awaitPassed(SERVICE_TASK_RESCHEDULE_DEADLINES);
    assertThat(variable(live, Variables.LATEST_REQUEST_DATE)).isEqualTo("2026-11-24");
    assertThat(timer(live, TIMER_DOCUMENTS_LATE).getDuedate()).isEqualTo(local("2026-11-24", "10:00"));
    assertThat(jdbc.queryForMap("select departure_date, planned_return_date, latest_request_date from case_summary "
        + "where case_number = ?", caseNumber)).as("the case board").containsEntry("departure_date",
        java.sql.Date.valueOf("2026-11-27")).containsEntry("planned_return_date", java.sql.Date.valueOf("2026-12-15"))
        .containsEntry("latest_request_date", java.sql.Date.valueOf("2026-11-24"));

    deliverAll();
    String told = text(only(caseNumber, "New travel dates for your case " + caseNumber), "New travel dates for your case "
        + caseNumber);
    assertThat(told).contains("Departure: Friday 27 November 2026", "Planned return: Tuesday 15 December 2026",
        "Last day to file your request with INM: Tuesday 24 November 2026", "Dear Jane Doe");

    // The same dates again change nothing and tell nobody.
    HttpResponse<String> same = Http.at(port).postJson(path(caseNumber, "travel-dates"),
        "{\"departureDate\": \"2026-11-27\", \"plannedReturnDate\": \"2026-12-15\"}", MANAGER, TestUsers.PASSWORD);
    assertThat(Http.json(same).path("changed")).isEmpty();
    assertThat(jdbc.queryForObject("select count(*) from audit_event where case_number = ?", Integer.class,
        caseNumber)).isOne();
  }

  @Test
  void aManagerMovesTheFlightOfASpanishClientThenOnlyTheReturnOnceTheClientHasLeft() throws Exception {
    String caseNumber = "EXR-2026-0912";
    Map<String, Object> intake = SampleCase.intake(caseNumber);
    intake.putAll(Map.of("language", "es", "clientName", "Ana Pérez", "clientEmail", "ana@example.mx"));
    LiveCase live = new LiveCase(engine, caseNumber).start(intake);
    live.complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true))
        .correlate(Messages.DOCUMENTS_SUBMITTED, Map.of())
        .complete(USER_TASK_VERIFY_DOCUMENTS, SampleCase.documentsVerified())
        .paidToAppointment(() -> documents.store(caseNumber, "INM_PAPERWORK", "solicitud.pdf", SampleFiles.pdf("S"),
            STAFF));
    clockAt("2026-11-12", "12:00");
    live.complete(USER_TASK_RECORD_OUTCOME, Map.of("permitIssued", true, "permitDate", "2026-11-12"));
    Task confirmDeparture = live.awaitTask(USER_TASK_CONFIRM_DEPARTURE);
    assertThat(confirmDeparture.getDueDate()).isEqualTo(local("2026-11-23", "15:00"));
    assertThat(confirmDeparture.getFollowUpDate()).isEqualTo(local("2026-11-23", "10:00"));
    await().until(() -> timer(live, TIMER_DEPARTURE_REMINDER), Objects::nonNull);
    assertThat(timer(live, TIMER_DEPARTURE_REMINDER).getDuedate()).isEqualTo(local("2026-11-19", "10:00"));

    // The flight moves to Wednesday 25 November: the reminder, and the open task's due and follow-up dates.
    HttpResponse<String> moved = Http.at(port).postJson(path(caseNumber, "travel-dates"),
        "{\"departureDate\": \"2026-11-25\", \"plannedReturnDate\": \"2026-12-10\"}", MANAGER, TestUsers.PASSWORD);
    assertThat(Http.json(moved).path("changed")).extracting(JsonNode::asText).containsExactly("departureDate");
    await().atMost(Duration.ofSeconds(30)).until(() -> local("2026-11-26", "15:00").equals(
        live.awaitTask(USER_TASK_CONFIRM_DEPARTURE).getDueDate()));
    Task rescheduled = live.awaitTask(USER_TASK_CONFIRM_DEPARTURE);
    assertThat(rescheduled.getId()).isEqualTo(confirmDeparture.getId());
    assertThat(rescheduled.getFollowUpDate()).isEqualTo(local("2026-11-26", "10:00"));
    assertThat(timer(live, TIMER_DEPARTURE_REMINDER).getDuedate()).isEqualTo(local("2026-11-24", "10:00"));

    // Once the client has left, the departure is history: only the return may change.
    clockAt("2026-11-25", "20:00");
    live.correlate(Messages.DEPARTURE_CONFIRMED, Map.of()).awaitTask(USER_TASK_CONFIRM_REENTRY);
    HttpResponse<String> refused = Http.at(port).postJson(path(caseNumber, "travel-dates"),
        "{\"departureDate\": \"2026-11-27\", \"plannedReturnDate\": \"2026-12-12\"}", MANAGER, TestUsers.PASSWORD);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
    assertThat(refused.body()).contains("\"field\":\"departureDate\"", "only the planned return can change");
    assertThat(variable(live, Variables.PLANNED_RETURN_DATE)).isEqualTo("2026-12-10");

    HttpResponse<String> laterReturn = Http.at(port).postJson(path(caseNumber, "travel-dates"),
        "{\"departureDate\": \"2026-11-25\", \"plannedReturnDate\": \"2026-12-12\"}", STAFF, TestUsers.PASSWORD);
    assertThat(Http.json(laterReturn).path("changed")).extracting(JsonNode::asText)
        .containsExactly("plannedReturnDate");
    live.awaitPassedTimes(SERVICE_TASK_RESCHEDULE_DEADLINES, 2);
    assertThat(jdbc.queryForList("select actor, detail from audit_event where case_number = ? order by id",
        caseNumber)).containsExactly(
        Map.of("actor", MANAGER,
            "detail", "departureDate: 2026-11-20 -> 2026-11-25; plannedReturnDate: 2026-12-10 -> 2026-12-10"),
        Map.of("actor", STAFF,
            "detail", "departureDate: 2026-11-25 -> 2026-11-25; plannedReturnDate: 2026-12-10 -> 2026-12-12"));

    deliverAll();
    List<MimeMessage> told = mails(caseNumber).stream()
        .filter(mail -> subject(mail).equals("Nuevas fechas de viaje de su caso " + caseNumber)).toList();
    assertThat(told).hasSize(2);
    assertThat(ReceivedMail.text(told.get(0))).contains("Buen día, Ana Pérez:", "Salida: miércoles 25 de noviembre de 2026",
        "Regreso previsto: jueves 10 de diciembre de 2026");
    assertThat(ReceivedMail.text(told.get(1))).contains("Regreso previsto: sábado 12 de diciembre de 2026",
        "Último día en que su permiso le permite volver a entrar: " + new mx.permiso.deadlines.PeopleDates("es")
            .of(variable(live, Variables.RETURN_BY_DATE)));
  }

  @Test
  void wrongInputStrangersUnknownAndEndedCasesChangeNothing() throws Exception {
    String caseNumber = "EXR-2026-0921";
    LiveCase live = new LiveCase(engine, caseNumber).start(SampleCase.intake(caseNumber));
    String token = live.clientToken(jdbc);
    live.awaitTask(USER_TASK_REVIEW_INTAKE);
    Http http = Http.at(port);
    String cancel = path(caseNumber, "cancel");
    String travel = path(caseNumber, "travel-dates");
    String goodCancel = "{\"reason\": \"Client asked\", \"requestedBy\": \"CLIENT\"}";
    String goodDates = "{\"departureDate\": \"2026-11-27\", \"plannedReturnDate\": \"2026-12-15\"}";

    assertBadRequest(http.postJson(cancel, "{}", STAFF, TestUsers.PASSWORD), "reason", "requestedBy");
    assertBadRequest(http.postJson(cancel, "{\"reason\": \"  \", \"requestedBy\": \"FIRM\"}", MANAGER,
        TestUsers.PASSWORD), "reason");
    assertBadRequest(http.postJson(cancel, "{\"reason\": \"Client asked\", \"requestedBy\": \"client\"}", STAFF,
        TestUsers.PASSWORD), "requestedBy");
    assertBadRequest(http.postJson(cancel, "{\"reason\": \"" + "x".repeat(1001) + "\", \"requestedBy\": \"FIRM\"}",
        STAFF, TestUsers.PASSWORD), "reason");
    assertBadRequest(http.postJson(travel, "{\"departureDate\": \"2026-11-02\", \"plannedReturnDate\": \"2026-12-10\"}",
        STAFF, TestUsers.PASSWORD), "departureDate");
    assertBadRequest(http.postJson(travel, "{\"departureDate\": \"2026-11-20\", \"plannedReturnDate\": \"2026-11-19\"}",
        MANAGER, TestUsers.PASSWORD), "plannedReturnDate");
    assertBadRequest(http.postJson(travel, "{\"departureDate\": \"27/11/2026\", \"plannedReturnDate\": \"2026-12-15\"}",
        STAFF, TestUsers.PASSWORD), "departureDate");
    assertBadRequest(http.postJson(travel, "{\"departureDate\": \"2026-11-27\"}", STAFF, TestUsers.PASSWORD),
        "plannedReturnDate");
    HttpResponse<String> spanish = http.sendJson("POST", travel,
        "{\"departureDate\": \"2026-11-02\", \"plannedReturnDate\": \"2026-12-10\"}", STAFF, TestUsers.PASSWORD,
        Map.of("Accept-Language", "es"));
    assertThat(spanish.statusCode()).isEqualTo(400);
    assertThat(spanish.body()).contains("La fecha de salida ya pasó.");

    for (String path : List.of(cancel, travel)) {
      String body = path.equals(cancel) ? goodCancel : goodDates;
      assertThat(http.postJson(path, body).statusCode()).as("anonymous").isEqualTo(401);
      assertThat(http.postJson(path, body, STAFF, "wrong-password").statusCode()).isEqualTo(401);
      assertThat(http.postJson(path, body, OUTSIDER, TestUsers.PASSWORD).statusCode()).as("in no staff group")
          .isEqualTo(403);
      // A client link opens the client's own page, never the staff API: to it, its holder is a stranger.
      Http client = Http.at(port);
      assertThat(client.get("/c/" + token).statusCode()).isEqualTo(200);
      assertThat(client.postJson(path, body).statusCode()).as("holding the client link").isEqualTo(401);
      assertThat(client.postJson(path, body, caseNumber, token).statusCode()).as("the link as a password")
          .isEqualTo(401);
      HttpResponse<String> unknown = http.postJson(path.replace(caseNumber, "EXR-2026-9999"), body, STAFF,
          TestUsers.PASSWORD);
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.body()).contains("There is no case EXR-2026-9999");
    }
    assertThat(variable(live, Variables.DEPARTURE_DATE)).isEqualTo("2026-11-20");
    assertThat(variable(live, Variables.CANCEL_REASON)).isNull();
    assertThat(engine.getRuntimeService().getActiveActivityIds(live.instanceId())).contains(USER_TASK_REVIEW_INTAKE);
    assertThat(jdbc.queryForObject("select count(*) from audit_event where case_number = ?", Integer.class,
        caseNumber)).isZero();

    // Cancelled: no second cancellation, no new dates, once it has ended neither.
    assertThat(http.postJson(cancel, goodCancel, MANAGER, TestUsers.PASSWORD).statusCode()).isEqualTo(200);
    assertThat(http.postJson(cancel, goodCancel, STAFF, TestUsers.PASSWORD).statusCode()).isEqualTo(409);
    assertThat(http.postJson(travel, goodDates, STAFF, TestUsers.PASSWORD).statusCode()).isEqualTo(409);
    live.awaitEnded();
    HttpResponse<String> ended = http.postJson(travel, goodDates, STAFF, TestUsers.PASSWORD);
    assertThat(ended.statusCode()).isEqualTo(409);
    assertThat(ended.body()).contains("has ended");
    assertThat(http.postJson(cancel, goodCancel, MANAGER, TestUsers.PASSWORD).statusCode()).isEqualTo(409);
    assertThat(jdbc.queryForList("select action from audit_event where case_number = ?", String.class, caseNumber))
        .containsExactly("CaseCancelled");
  }

  private static void assertBadRequest(HttpResponse<String> response, String... fields) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    for (String field : fields) {
      assertThat(response.body()).contains("\"field\":\"" + field + "\"");
    }
  }

  private static String path(String caseNumber, String action) {
    return "/api/cases/" + caseNumber + "/" + action;
  }

  private Job timer(LiveCase live, String activityId) {
    return engine.getManagementService().createJobQuery().processInstanceId(live.instanceId()).timers()
        .activityId(activityId).singleResult();
  }

  private Object variable(LiveCase live, String name) {
    return engine.getRuntimeService().getVariable(live.instanceId(), name);
  }

  private static Date local(String date, String time) {
    return Date.from(LocalDate.parse(date).atTime(LocalTime.parse(time)).atZone(MEXICO_CITY).toInstant());
  }

  private void deliverAll() {
    ReceivedMail.deliverAll(dispatcher);
  }

  private static List<MimeMessage> mails(String caseNumber) {
    return ReceivedMail.ofCase(SMTP.getReceivedMessages(), caseNumber);
  }

  /** The one email of the case with this subject (the last of the case when no subject is given). */
  private static MimeMessage only(String caseNumber, String subject) {
    List<MimeMessage> matching = mails(caseNumber).stream().filter(mail -> subject(mail).equals(subject)).toList();
    assertThat(matching).as(subject).hasSize(1);
    return matching.get(0);
  }

  private static MimeMessage only(String caseNumber) {
    List<MimeMessage> all = mails(caseNumber);
    assertThat(all).isNotEmpty();
    return all.get(all.size() - 1);
  }

  /** What the client reads, once the subject is checked. */
  private static String text(MimeMessage mail, String subject) {
    assertThat(subject(mail)).isEqualTo(subject);
    return ReceivedMail.text(mail);
  }

  private static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
