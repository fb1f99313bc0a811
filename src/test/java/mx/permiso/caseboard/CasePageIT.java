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
import mx.permiso.mail.OutboxComposer;
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
 * a manager, logged in to Tasklist, attach documents, change the client's contact and the travel dates,
 * write notes, send an email again and cancel the case with the page's forms (CSRF token of their
 * session; redirect and notice, or the problem next to its field); nobody
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
  OutboxComposer emails;

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
    OutboxMessage toldTheClient = emails.forCase(number).stream().filter(m -> m.noticeType().equals("CONTACT_CHANGED")).findFirst()
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
    long email = outbox.forCase(number).get(0).id();
    Map<String, Map<String, String>> actions = Map.of(
        page + "/cancel", Map.of("reason", "Mallory says so", "requestedBy", "FIRM"),
        page + "/travel-dates", Map.of("departureDate", "2026-11-21", "plannedReturnDate", "2026-12-11"),
        page + "/notes", Map.of("text", "Mallory was here"),
        page + "/emails/" + email + "/resend", Map.of());
    Http carla = Http.at(port);
    actions.forEach((action, fields) -> {
      assertThat(lucia.postForm(action, fields).statusCode()).as("no token: " + action).isEqualTo(403);
      Map<String, String> withToken = new HashMap<>(fields);
      withToken.put("_csrf", Http.csrfToken(clientPage));
      assertThat(client.postForm(action, withToken).statusCode()).as("a client link: " + action).isEqualTo(403);
      assertThat(Http.at(port).postForm(action, fields).statusCode()).as("anonymous: " + action).isEqualTo(403);
      assertThat(carla.sendJson("POST", action, "{}", "carla", TestUsers.PASSWORD, Map.of()).statusCode())
          .as("in no staff group: " + action).isEqualTo(403);
    });
    assertThat(jdbc.queryForObject("select count(*) from case_note where case_number = ?", Integer.class, number))
        .isZero();
    assertThat(engine.getRuntimeService().getVariable(live.instanceId(), "departureDate")).isEqualTo("2026-11-20");

    // A user in no staff group cannot log in to Tasklist at all; with HTTP Basic she is refused too.
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
    Map<String, String> cancel = Map.of("_csrf", token, "reason", "Too late", "requestedBy", "FIRM");
    HttpResponse<String> cancelledTwice = lucia.postForm(page + "/cancel", cancel);
    assertThat(cancelledTwice.statusCode()).isEqualTo(409);
    assertThat(cancelledTwice.body()).doesNotContain("id=\"cancel-form\"");
    assertThat(lucia.postForm(page + "/travel-dates", Map.of("_csrf", token, "departureDate", "2026-11-21",
        "plannedReturnDate", "2026-12-11")).statusCode()).isEqualTo(409);
    assertThat(lucia.postForm(page + "/emails/" + email + "/resend", Map.of("_csrf", token)).statusCode())
        .isEqualTo(409);
    assertThat(lucia.postForm("/cases/EXR-2026-9999/cancel", cancel).statusCode()).isEqualTo(404);
    assertThat(lucia.postForm("/cases/EXR-2026-9999/notes", Map.of("_csrf", token, "text", "Hello")).statusCode())
        .isEqualTo(404);
    assertThat(documents.listOf(number)).isEmpty();
  }

  @Test
  void legalStaffAndManagersChangeTheDatesWriteNotesResendAndCancelFromTheCasePage() {
    String number = "EXR-2026-1605";
    LiveCase live = new LiveCase(engine, number).start(SampleCase.intake(number));
    live.awaitTask(USER_TASK_REVIEW_INTAKE);
    Http lucia = loggedIn(LUCIA);
    Http mateo = loggedIn(MATEO);
    String page = "/cases/" + number;
    HttpResponse<String> shown = lucia.page(page, "en");
    String token = Http.csrfToken(shown);
    String mateoToken = Http.csrfToken(mateo.page(page, "en"));
    assertThat(shown.body()).contains("id=\"dates-departureDate\" value=\"2026-11-20\"")
        .contains("id=\"dates-plannedReturnDate\" value=\"2026-12-10\"").contains("id=\"note-form\"")
        .contains("id=\"cancel-form\"").contains("The client asked").contains("The firm decided");

    // Travel dates: each wrong date next to its field, nothing changed.
    HttpResponse<String> noDeparture = lucia.postForm(page + "/travel-dates", Map.of("_csrf", token,
        "departureDate", "", "plannedReturnDate", "2026-12-10"));
    assertThat(noDeparture.statusCode()).isEqualTo(400);
    assertThat(noDeparture.body()).contains("id=\"dates-departureDate-error\">Please enter a date (yyyy-mm-dd).</span>")
        .doesNotContain("id=\"dates-plannedReturnDate-error\"");
    HttpResponse<String> backward = lucia.postForm(page + "/travel-dates", Map.of("_csrf", token,
        "departureDate", "2026-11-20", "plannedReturnDate", "2026-11-19"));
    assertThat(backward.statusCode()).isEqualTo(400);
    assertThat(backward.body())
        .contains("id=\"dates-plannedReturnDate-error\">The return must be after the departure.</span>")
        .as("the form keeps what was typed").contains("value=\"2026-11-19\"");
    HttpResponse<String> past = lucia.postForm(page + "/travel-dates", Map.of("_csrf", token,
        "departureDate", "2026-11-02", "plannedReturnDate", "2026-12-10"));
    assertThat(past.statusCode()).isEqualTo(400);
    assertThat(past.body()).contains("id=\"dates-departureDate-error\">The departure date has already passed.</span>");
    assertThat(audit.of(number)).isEmpty();

    HttpResponse<String> moved = lucia.postForm(page + "/travel-dates", Map.of("_csrf", token,
        "departureDate", "2026-11-20", "plannedReturnDate", "2026-12-15"));
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(303);
    assertThat(moved.headers().firstValue("Location").orElseThrow()).endsWith(page + "#dates");
    assertThat(engine.getRuntimeService().getVariable(live.instanceId(), "plannedReturnDate")).isEqualTo("2026-12-15");
    assertThat(audit.of(number)).singleElement().satisfies(entry -> {
      assertThat(entry.actor()).isEqualTo(LUCIA);
      assertThat(entry.action()).isEqualTo("TravelDatesChanged");
    });
    String afterMove = lucia.page(page, "en").body();
    assertThat(afterMove).contains("Departure Fri 20 Nov 2026, in 17 days; planned return Tue 15 Dec 2026, in 42 days.")
        .contains("value=\"2026-12-15\"").contains("Travel dates changed").doesNotContain("TravelDatesChanged");

    // Notes: a blank one is refused next to its field; the others are listed newest first.
    HttpResponse<String> blank = mateo.postForm(page + "/notes", Map.of("_csrf", mateoToken, "text", "  "));
    assertThat(blank.statusCode()).isEqualTo(400);
    assertThat(blank.body()).contains("id=\"note-text-error\">Write the note&#39;s text.</span>");
    HttpResponse<String> noted = mateo.postForm(page + "/notes", Map.of("_csrf", mateoToken,
        "text", "Client called: the flight moved to the 18th."));
    assertThat(noted.statusCode()).as(noted.body()).isEqualTo(303);
    assertThat(noted.headers().firstValue("Location").orElseThrow()).endsWith(page + "#notes");
    assertThat(mateo.page(page, "en").body()).contains("Note written; the case&#39;s Tasklist forms show it.");
    LiveCase.clockAt("2026-11-03", "10:15");
    assertThat(lucia.postForm(page + "/notes", Map.of("_csrf", token, "text", "Rush fee <approved>."))
        .statusCode()).isEqualTo(303);
    String withNotes = lucia.page(page, "en").body();
    assertThat(withNotes).contains("Note written; the case&#39;s Tasklist forms show it.");
    String notesSection = withNotes.substring(withNotes.indexOf("id=\"notes\""), withNotes.indexOf("id=\"note-form\""));
    assertThat(notesSection).containsSubsequence(LUCIA + " · Tue 3 Nov 2026 10:15", "Rush fee &lt;approved&gt;.",
        MATEO + " · Tue 3 Nov 2026 09:00", "Client called: the flight moved to the 18th.");
    assertThat(engine.getRuntimeService().getVariable(live.instanceId(), "caseNotes").toString())
        .startsWith("2026-11-03 10:15 lucia: Rush fee <approved>.");

    // Resend: only an email that has been tried may be sent again; the copy says which one it copies.
    OutboxMessage acknowledgement = outbox.forCase(number).stream()
        .filter(m -> m.noticeType().equals("ACKNOWLEDGEMENT")).findFirst().orElseThrow();
    String resend = page + "/emails/" + acknowledgement.id() + "/resend";
    assertThat(withNotes).as("an email waiting to be sent has no button").doesNotContain("action=\"" + resend + "\"");
    // No mail server here (emails wait in the outbox): the acknowledgement is made to have failed for good.
    jdbc.update("update outbox_message set status = 'FAILED', attempts = 8, last_error = '550 no such mailbox' "
        + "where id = ?", acknowledgement.id());
    assertThat(lucia.page(page, "en").body()).contains("action=\"" + resend + "\"");
    HttpResponse<String> resent = mateo.postForm(resend, Map.of("_csrf", mateoToken));
    assertThat(resent.statusCode()).as(resent.body()).isEqualTo(303);
    OutboxMessage copy = outbox.forCase(number).stream().filter(m -> m.noticeType().equals("ACKNOWLEDGEMENT")
        && m.id() != acknowledgement.id()).findFirst().orElseThrow();
    assertThat(resent.headers().firstValue("Location").orElseThrow()).endsWith(page + "#email-" + copy.id());
    String withCopy = mateo.page(page, "en").body();
    assertThat(withCopy).contains("Acknowledgement is on its way again to jane@example.com.")
        .contains("a copy of <a href=\"#email-" + acknowledgement.id() + "\">email " + acknowledgement.id() + "</a>")
        .contains("Email sent again");
    HttpResponse<String> twice = lucia.postForm(resend, Map.of("_csrf", token));
    assertThat(twice.statusCode()).as("its copy still waits").isEqualTo(409);
    assertThat(twice.body()).contains("id=\"problem\"").contains("still waiting to be sent");
    assertThat(lucia.postForm(page + "/emails/999999/resend", Map.of("_csrf", token)).statusCode()).isEqualTo(404);

    // Cancel: both fields are needed; the reason typed stays in the form.
    HttpResponse<String> unsaid = lucia.postForm(page + "/cancel", Map.of("_csrf", token, "reason", "Trip called off"));
    assertThat(unsaid.statusCode()).isEqualTo(400);
    assertThat(unsaid.body()).contains("id=\"cancel-requestedBy-error\">Say who asked for the cancellation.</span>")
        .contains(">Trip called off</textarea>").doesNotContain("id=\"cancel-reason-error\"");
    HttpResponse<String> noReason = lucia.postForm(page + "/cancel", Map.of("_csrf", token, "reason", " ",
        "requestedBy", "CLIENT"));
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.body()).contains("id=\"cancel-reason-error\">Please write why the case is cancelled.</span>");
    assertThat(lucia.postForm(page + "/cancel", Map.of("_csrf", token, "reason", "x", "requestedBy", "BOTH"))
        .statusCode()).isEqualTo(400);
    assertThat(audit.of(number)).extracting(AuditLog.Entry::action).doesNotContain("CaseCancelled");

    HttpResponse<String> cancelled = lucia.postForm(page + "/cancel", Map.of("_csrf", token,
        "reason", "The client's trip is called off.", "requestedBy", "CLIENT"));
    assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(303);
    live.awaitEnded();
    assertThat(audit.of(number)).filteredOn(entry -> entry.action().equals("CaseCancelled")).singleElement()
        .satisfies(entry -> {
          assertThat(entry.actor()).isEqualTo(LUCIA);
          assertThat(entry.detail()).contains("CLIENT").contains("The client's trip is called off.");
        });
    String ended = lucia.page(page, "en").body();
    assertThat(ended).contains("Case " + number + " is cancelled; the client is told by email.")
        .contains("Case cancelled").doesNotContain("id=\"cancel-form\"").doesNotContain("id=\"dates-form\"")
        .doesNotContain("/resend\"");

    // Once ended, the case changes no more; notes are the firm's own record and still go in.
    HttpResponse<String> again = lucia.postForm(page + "/cancel", Map.of("_csrf", token, "reason", "Again",
        "requestedBy", "FIRM"));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("Case " + number + " has ended");
    assertThat(lucia.postForm(page + "/travel-dates", Map.of("_csrf", token, "departureDate", "2026-11-21",
        "plannedReturnDate", "2026-12-15")).statusCode()).isEqualTo(409);
    assertThat(mateo.postForm(resend, Map.of("_csrf", mateoToken)).statusCode()).isEqualTo(409);
    assertThat(mateo.postForm(page + "/notes", Map.of("_csrf", mateoToken, "text", "Refund sent.")).statusCode())
        .isEqualTo(303);
    assertThat(mateo.page(page, "en").body()).contains("Refund sent.");
    assertThat(audit.of(number)).extracting(AuditLog.Entry::action).containsOnlyOnce("CaseCancelled", "EmailResent");
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

    // Date fields hold ISO dates (HTML's date input); what the page says is in words.
    String detail = lucia.page("/cases/" + number, "en").body().replaceAll("value=\"[^\"]*\"", "");
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
        .complete(USER_TASK_VERIFY_DOCUMENTS, SampleCase.documentsVerified())
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
