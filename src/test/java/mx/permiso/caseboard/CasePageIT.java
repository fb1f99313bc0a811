package mx.permiso.caseboard;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import mx.permiso.cases.AuditLog;
import mx.permiso.documents.DocumentStore;
import mx.permiso.mail.Outbox;
import mx.permiso.mail.OutboxMessage;
import mx.permiso.security.StaffGroups;
import mx.permiso.support.Http;
import mx.permiso.support.LiveCase;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.SampleCase;
import mx.permiso.support.SampleFiles;
import mx.permiso.support.TestUsers;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The case page as the staff's workbench, over HTTP as a browser sends it: a legal staff member and
 * a manager, logged in to Tasklist, attach documents and change the client's contact with the page's
 * forms (CSRF token of their session; redirect and notice, or the problem next to its field); nobody
 * else can (no token, a client link's token, a user in no staff group; an ended case, an unknown one).
 * The board and the page name phases, scenarios, deadlines and statuses in words and dates as people
 * read them; and the paperwork task cannot be completed over REST until the paperwork is attached.
 */
@PostgresApplicationTest
class CasePageIT {

  private static final String LUCIA = "lucia";
  private static final String MATEO = "mateo";

  @Autowired
  ProcessEngine engine;

  @Autowired
  DocumentStore documents;

  @Autowired
  AuditLog audit;

  @Autowired
  Outbox outbox;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  CaseSummaries summaries;

  @LocalServerPort
  int port;

  @BeforeEach
  void staff() {
    TestUsers.ensure(engine.getIdentityService(), LUCIA, StaffGroups.LEGAL_STAFF);
    TestUsers.ensure(engine.getIdentityService(), MATEO, StaffGroups.MANAGERS);
    TestUsers.ensure(engine.getIdentityService(), "carla");
    LiveCase.clockAt("2026-11-03", "09:00");
  }

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  @Test
  void legalStaffAndManagersAttachDocumentsAndChangeTheContactFromTheCasePage() {
    String number = "EXR-2026-1601";
    new LiveCase(engine, number).start(SampleCase.intake(number)).awaitTask(USER_TASK_REVIEW_INTAKE);
    Http lucia = loggedIn(LUCIA);
    String page = "/cases/" + number;

    HttpResponse<String> shown = lucia.page(page, "es");
    assertThat(shown.statusCode()).isEqualTo(200);
    String token = Http.csrfToken(shown);
    assertThat(shown.body()).contains("id=\"upload\"").contains("id=\"contact-form\"")
        .contains("value=\"jane@example.com\"");

    // Problems come back on the page, next to their field, and change nothing.
    HttpResponse<String> noFile = lucia.postFile(page + "/documents", Map.of("_csrf", token, "kind", "INM_PAPERWORK"),
        "", new byte[0]);
    assertThat(noFile.statusCode()).isEqualTo(400);
    assertThat(noFile.body()).contains("id=\"upload-file-error\">Choose a file to upload.</span>");
    HttpResponse<String> notPdf = lucia.postFile(page + "/documents", Map.of("_csrf", token, "kind", "INM_PAPERWORK"),
        "letter.pdf", "just text".getBytes());
    assertThat(notPdf.statusCode()).isEqualTo(400);
    assertThat(notPdf.body()).contains("id=\"upload-file-error\">Only PDF, JPEG and PNG files are accepted.</span>");
    HttpResponse<String> wrongKind = lucia.postFile(page + "/documents", Map.of("_csrf", token, "kind", "PASSPORT"),
        "passport.pdf", SampleFiles.pdf("Passport"));
    assertThat(wrongKind.statusCode()).isEqualTo(400);
    assertThat(wrongKind.body()).contains("id=\"upload-kind-error\">Choose one of the documents listed.</span>");
    assertThat(documents.listOf(number)).isEmpty();

    HttpResponse<String> uploaded = lucia.postFile(page + "/documents",
        Map.of("_csrf", token, "kind", "INM_PAPERWORK"), "Solicitud INM.pdf", SampleFiles.pdf("Solicitud"));
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(303);
    assertThat(uploaded.headers().firstValue("Location").orElseThrow()).endsWith(page + "#documents");
    assertThat(documents.ofKind(number, "INM_PAPERWORK")).singleElement()
        .satisfies(document -> assertThat(document.fileName()).isEqualTo("solicitud-inm.pdf"));
    assertThat(jdbc.queryForObject("select uploaded_by from case_document where case_number = ?", String.class,
        number)).isEqualTo(LUCIA);
    HttpResponse<String> after = lucia.page(page, "en");
    assertThat(after.body()).contains("Attached solicitud-inm.pdf as INM paperwork (request form and letter).")
        .contains("solicitud-inm.pdf");
    assertThat(lucia.page(page, "en").body()).as("the notice is shown once").doesNotContain("Attached solicitud");

    Map<String, String> contact = new HashMap<>(Map.of("_csrf", token, "clientName", "Jane Doe",
        "clientEmail", "jane-at-example", "phone", "", "language", "en"));
    HttpResponse<String> badEmail = lucia.postForm(page + "/client", contact);
    assertThat(badEmail.statusCode()).isEqualTo(400);
    assertThat(badEmail.body()).contains("id=\"contact-clientEmail-error\"").contains("value=\"jane-at-example\"");
    assertThat(audit.of(number)).as("the upload only; no contact change").extracting(AuditLog.Entry::action)
        .containsExactly("DocumentAttached");

    // A manager works the same page with her own login.
    Http mateo = loggedIn(MATEO);
    String mateoToken = Http.csrfToken(mateo.page(page, "en"));
    contact.put("_csrf", mateoToken);
    contact.put("clientEmail", "jane.new@example.com");
    HttpResponse<String> changed = mateo.postForm(page + "/client", contact);
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(303);
    assertThat(changed.headers().firstValue("Location").orElseThrow()).endsWith(page + "#contact");
    assertThat(audit.of(number)).filteredOn(entry -> entry.action().equals("ClientContactChanged")).singleElement()
        .satisfies(entry -> {
          assertThat(entry.actor()).isEqualTo(MATEO);
          assertThat(entry.detail()).contains("jane.new@example.com");
        });
    List<OutboxMessage> emails = outbox.forCase(number);
    OutboxMessage toldTheClient = emails.stream().filter(m -> m.noticeType().equals("CONTACT_CHANGED")).findFirst()
        .orElseThrow();
    String changedPage = mateo.page(page, "en").body();
    assertThat(changedPage).contains("The client&#39;s email changed; the client has been told by email.")
        .contains("value=\"jane.new@example.com\"")
        .as("each email's text is on the page").contains("Contact changed")
        .contains(firstLine(toldTheClient.text()));

    HttpResponse<String> unchanged = mateo.postForm(page + "/client", contact);
    assertThat(unchanged.statusCode()).isEqualTo(303);
    assertThat(mateo.page(page, "en").body()).contains("Nothing changed");
    assertThat(audit.of(number)).as("nothing changed, nothing audited").hasSize(2);
  }

  @Test
  void onlyStaffWithTheTokenOfTheirOwnSessionChangeACase() {
    String number = "EXR-2026-1602";
    LiveCase live = new LiveCase(engine, number).start(SampleCase.intake(number));
    // In the documents phase the client's page has forms, and so a CSRF token of the client's pages.
    live.complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true)).awaitAt(RECEIVE_TASK_AWAIT_DOCUMENTS);
    String page = "/cases/" + number;
    Map<String, String> upload = new HashMap<>(Map.of("kind", "INM_PAPERWORK"));

    Http lucia = loggedIn(LUCIA);
    String token = Http.csrfToken(lucia.page(page, "en"));
    // Another tab of the same page does not expire this one's form (the token is the session's).
    assertThat(Http.csrfToken(lucia.page(page, "en"))).isNotNull();
    assertThat(lucia.postFile(page + "/documents", upload, "a.pdf", SampleFiles.pdf("A")).statusCode())
        .as("no token").isEqualTo(403);
    upload.put("_csrf", "not-" + token);
    assertThat(lucia.postFile(page + "/documents", upload, "a.pdf", SampleFiles.pdf("A")).statusCode())
        .as("a wrong token").isEqualTo(403);

    // The client's own page gives its holder a token of the client's pages: it opens nothing here.
    Http client = Http.at(port);
    HttpResponse<String> clientPage = client.page("/c/" + live.clientToken(jdbc), "en");
    assertThat(clientPage.statusCode()).isEqualTo(200);
    upload.put("_csrf", Http.csrfToken(clientPage));
    assertThat(client.postFile(page + "/documents", upload, "a.pdf", SampleFiles.pdf("A")).statusCode())
        .as("a client link").isEqualTo(403);
    assertThat(client.postForm(page + "/client", Map.of("_csrf", Http.csrfToken(clientPage),
        "clientEmail", "mallory@example.com")).statusCode()).as("a client link").isEqualTo(403);

    // A user in no staff group cannot log in to Tasklist at all; with HTTP Basic she is refused too.
    Http carla = Http.at(port);
    assertThat(carla.get(page, "carla", TestUsers.PASSWORD).statusCode()).as("in no staff group").isEqualTo(403);
    assertThat(carla.sendJson("POST", page + "/client", "{}", "carla", TestUsers.PASSWORD, Map.of()).statusCode())
        .as("in no staff group").isEqualTo(403);
    assertThat(Http.at(port).postForm(page + "/client", Map.of("clientEmail", "mallory@example.com")).statusCode())
        .as("anonymous").isEqualTo(403);
    assertThat(documents.listOf(number)).isEmpty();
    assertThat(audit.of(number)).isEmpty();

    upload.put("_csrf", token);
    HttpResponse<String> unknown = lucia.postFile("/cases/EXR-2026-9999/documents", upload, "a.pdf",
        SampleFiles.pdf("A"));
    assertThat(unknown.statusCode()).isEqualTo(404);

    live.correlate("CaseCancelled", Map.of()).awaitEnded();
    HttpResponse<String> ended = lucia.postFile(page + "/documents", upload, "a.pdf", SampleFiles.pdf("A"));
    assertThat(ended.statusCode()).isEqualTo(409);
    assertThat(ended.body()).contains("Case " + number + " has ended: it no longer changes.")
        .doesNotContain("id=\"upload\"");
    assertThat(lucia.postForm(page + "/client", Map.of("_csrf", token, "clientEmail", "jane.new@example.com"))
        .statusCode()).isEqualTo(409);
    assertThat(documents.listOf(number)).isEmpty();
  }

  @Test
  void theBoardAndTheCasePageSpeakTheStaffsWords() {
    String number = "EXR-2026-1603";
    Map<String, Object> intake = SampleCase.intake(number);
    intake.put("scenario", "FAMILY_UNITY");
    new LiveCase(engine, number).start(intake).awaitTask(USER_TASK_REVIEW_INTAKE);
    Http lucia = loggedIn(LUCIA);
    CaseSummary summary = engineSummary(number);

    String board = lucia.page("/cases?q=" + number, "en").body();
    String caseRow = board.substring(board.indexOf("data-case=\"" + number + "\""));
    assertThat(caseRow).contains("Family unity").contains(">Review<").contains("Last day to file")
        .contains(words(summary.latestRequestDate())).doesNotContain("FAMILY_UNITY").doesNotContain("LATEST_REQUEST");
    assertThat(board).contains("Tue 3 Nov 2026, today").contains(">Open</option>")
        .as("the board's filters are a GET form: no token in its links").doesNotContain("_csrf");

    String detail = lucia.page("/cases/" + number, "en").body();
    assertThat(detail).contains(">Open<").contains("Family unity").contains(">Review</li>")
        .contains("Last day to file").contains("Fri 20 Nov 2026, in 17 days")
        .doesNotContain("FAMILY_UNITY").doesNotContain("LATEST_REQUEST").doesNotContain(">REVIEW<")
        .doesNotContain(">OPEN<").doesNotContain("2026-11-20");
    // The export stays for machines: codes and ISO dates.
    String csv = lucia.get("/cases.csv?q=" + number, LUCIA, TestUsers.PASSWORD).body();
    assertThat(csv).contains("\"FAMILY_UNITY\"").contains("\"REVIEW\"").contains("\"LATEST_REQUEST\"");
  }

  @Test
  void thePaperworkTaskIsRefusedUntilThePaperworkIsAttached() {
    String number = "EXR-2026-1604";
    LiveCase live = new LiveCase(engine, number).start(SampleCase.intake(number))
        .complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true))
        .correlate("DocumentsSubmitted", Map.of())
        .complete(USER_TASK_VERIFY_DOCUMENTS, Map.of("documentsComplete", true))
        .complete(USER_TASK_CONFIRM_PAYMENT, Map.of("paymentReceived", true));
    Task task = live.awaitTask(USER_TASK_PREPARE_INM_PAPERWORK);
    Http http = Http.at(port);
    String claim = "/engine-rest/task/" + task.getId() + "/claim";
    assertThat(http.postJson(claim, "{\"userId\":\"lucia\"}", LUCIA, TestUsers.PASSWORD).statusCode())
        .isEqualTo(204);

    String done = "{\"variables\":{\"paperworkReady\":{\"value\":true}}}";
    for (String completion : List.of("complete", "submit-form")) {
      HttpResponse<String> refused = http.postJson("/engine-rest/task/" + task.getId() + "/" + completion, done,
          LUCIA, TestUsers.PASSWORD);
      assertThat(refused.statusCode()).as(completion).isEqualTo(400);
      assertThat(refused.body()).contains("Attach the INM paperwork")
          .contains("/cases/" + number);
    }
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);

    // Attached from the case page, the task completes and the email carrying the paperwork goes out.
    Http lucia = loggedIn(LUCIA);
    String token = Http.csrfToken(lucia.page("/cases/" + number, "en"));
    assertThat(lucia.postFile("/cases/" + number + "/documents", Map.of("_csrf", token, "kind", "INM_PAPERWORK"),
        "solicitud.pdf", SampleFiles.pdf("Solicitud")).statusCode()).isEqualTo(303);
    assertThat(http.postJson("/engine-rest/task/" + task.getId() + "/complete", done, LUCIA, TestUsers.PASSWORD)
        .statusCode()).isEqualTo(204);
    live.awaitPassed(SERVICE_TASK_SEND_PAPERWORK).awaitTask(USER_TASK_BOOK_APPOINTMENT);
    assertThat(outbox.forCase(number)).anyMatch(m -> m.noticeType().equals("PAPERWORK_READY"));
  }

  private Http loggedIn(String user) {
    Http http = Http.at(port);
    assertThat(http.webappLogin("tasklist", user, TestUsers.PASSWORD).statusCode()).isEqualTo(200);
    return http;
  }

  private CaseSummary engineSummary(String number) {
    return await().until(() -> summaries.find(number), Optional::isPresent).orElseThrow();
  }

  private static String words(LocalDate day) {
    return DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH).format(day);
  }

  private static String firstLine(String text) {
    return text.lines().filter(line -> !line.isBlank()).findFirst().orElseThrow()
        .replace("&", "&amp;").replace("'", "&#39;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
