package mx.permiso.clientportal;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static mx.permiso.support.LiveCase.clockAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mx.permiso.documents.DocumentStore;
import mx.permiso.security.StaffGroups;
import mx.permiso.support.Http;
import mx.permiso.support.LiveCase;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.SampleCase;
import mx.permiso.support.SampleFiles;
import mx.permiso.support.TestUsers;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The client's case page on PostgreSQL, over HTTP as a browser uses it (cookies, CSRF tokens,
 * forms): what it shows, uploads kept and refused, the client's actions taken only when the
 * process waits for them, one case's link never reaching another, and a closed case's link dead.
 */
@PostgresApplicationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500",
    // How to reach the firm and pay it; no firm email (a setting left unset is left out).
    "permiso.firm.phone=+52 442 555 0100",
    "permiso.firm.payment-instructions.es=Transferencia a Despacho Ejemplo, S.C.\\nCLABE 012 180 00000000000 0",
    "permiso.fees.firm-mxn-by-scenario.CANJE_PENDING=3500"
})
class ClientPortalIT {

  private static final String STAFF = "lucia";

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  DocumentStore documents;

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  /** A Spanish-speaking canje client's case, waiting for their documents, and its link. */
  private Opened caseAwaitingDocuments(String caseNumber, String clientName) {
    clockAt("2026-11-03", "09:00");
    Map<String, Object> intake = SampleCase.intake(caseNumber);
    intake.put("language", "es");
    intake.put("clientName", clientName);
    intake.put("clientEmail", caseNumber.toLowerCase() + "@example.com");
    LiveCase live = new LiveCase(engine, caseNumber).start(intake)
        .complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true))
        .awaitAt(RECEIVE_TASK_AWAIT_DOCUMENTS);
    return new Opened(live, live.clientToken(jdbc));
  }

  private record Opened(LiveCase live, String token) {
  }

  private long storedDocuments(String caseNumber) {
    return jdbc.queryForObject("select count(*) from case_document where case_number = ?", Long.class, caseNumber);
  }

  private static String problem(HttpResponse<String> page) {
    Matcher message = Pattern.compile("class=\"(?:field-error|notice problem)\"[^>]*>([^<]+)<").matcher(page.body());
    return message.find() ? message.group(1) : "";
  }

  @Test
  void theCasePageShowsWhereTheCaseStandsInTheClientsLanguage() {
    String token = caseAwaitingDocuments("EXR-2026-0501", "María Pérez").token();
    Http client = Http.at(port);

    HttpResponse<String> page = client.page("/c/" + token, "en-US,en;q=0.9");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<html lang=\"es\">", "Su caso EXR-2026-0501", "Hola, María Pérez",
        "<li class=\"done\"", "Revisión de su solicitud", "<li class=\"current\" aria-current=\"step\">",
        "viernes 20 de noviembre de 2026", "Copia de su itinerario de vuelo", "Aún sin archivo",
        "Ya subí mis documentos")
        .doesNotContain("Ya regresé a México", "Salí de México con el permiso sellado");
    // How to reach the firm, and (the payment still ahead) what to pay and how, as the acknowledgement says it.
    assertThat(page.body()).contains("Cómo comunicarse con nosotros", "href=\"tel:+524425550100\">+52 442 555 0100</a>",
        "Llámenos de lunes a viernes, de 10:00 a 15:00 (hora de la Ciudad de México)",
        "Nuestros honorarios son de MXN 3,500; el derecho del INM es de aproximadamente MXN 522 (cifra del INM de 2023; "
            + "el INM puede cobrar más).",
        "Forma de pago", "<span>Transferencia a Despacho Ejemplo, S.C.</span><br><span>CLABE 012 180 00000000000 0</span>")
        .doesNotContain("mailto:");
    assertThat(Pattern.compile("<li class=\"current\"[^>]*>\\s*<span>Documentos</span>").matcher(page.body()).find())
        .as("the documents phase is the current one").isTrue();
    assertThat(page.body().split("type=\"file\"", -1)).as("an upload per required document").hasSize(4);
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'"));
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

    HttpResponse<String> switched = client.page("/c/" + token + "?lang=en", "es");
    assertThat(switched.body())
        .contains("Your case EXR-2026-0501", "A copy of your flight itinerary", "I have uploaded my documents")
        .contains("<input type=\"hidden\" name=\"lang\" value=\"en\">");
    HttpResponse<String> refused = client.postForm("/c/" + token + "/actions/DocumentsSubmitted",
        Map.of("_csrf", Http.csrfToken(switched), "lang", "en"));
    assertThat(problem(refused)).as("the switched language stays").isEqualTo("Please upload at least one document first.");
  }

  @Test
  void theClientUploadsFromTheIntakeOnAsTheAcknowledgementInvitesAndSaysAllIsThereOnceStaffAccept() {
    clockAt("2026-11-03", "09:00");
    String caseNumber = "EXR-2026-0507";
    Map<String, Object> intake = SampleCase.intake(caseNumber);
    intake.put("clientEmail", "exr-2026-0507@example.com");
    LiveCase live = new LiveCase(engine, caseNumber).start(intake);
    Task review = live.awaitTask(USER_TASK_REVIEW_INTAKE);
    String token = live.clientToken(jdbc);
    Http client = Http.at(port);

    HttpResponse<String> beforeReview = client.page("/c/" + token, "en");
    assertThat(beforeReview.body()).contains("You can upload each document below now",
            "once they accept it, a button at the end of this page")
        .doesNotContain("Our staff have your documents", "I have uploaded my documents");
    assertThat(beforeReview.body().split("type=\"file\"", -1)).as("an upload per required document").hasSize(4);
    HttpResponse<String> uploaded = client.postFile("/c/" + token + "/documents",
        Map.of("_csrf", Http.csrfToken(beforeReview), "kind", "FLIGHT_ITINERARY"), "flight.pdf", SampleFiles.pdf("AM 1"));
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(302);
    assertThat(storedDocuments(caseNumber)).isEqualTo(1);
    assertThat(client.page("/c/" + token + "?lang=es", "en").body()).contains("Ya puede subir cada documento",
        "Recibido: flight.pdf");

    engine.getTaskService().complete(review.getId(), Map.of("intakeAccepted", true));
    live.awaitAt(RECEIVE_TASK_AWAIT_DOCUMENTS);
    HttpResponse<String> accepted = client.page("/c/" + token, "en");
    assertThat(accepted.body()).contains("Received: flight.pdf", "tell us with the button at the end",
        "I have uploaded my documents").doesNotContain("You can upload each document below now");
    assertThat(client.postForm("/c/" + token + "/actions/DocumentsSubmitted",
        Map.of("_csrf", Http.csrfToken(accepted))).statusCode()).isEqualTo(302);
    Task verify = live.awaitTask(USER_TASK_VERIFY_DOCUMENTS);
    assertThat((String) engine.getTaskService().getVariableLocal(verify.getId(), "uploadedDocuments"))
        .as("the document sent during the review reaches staff").contains("/api/cases/" + caseNumber + "/documents/");
    assertThat(client.page("/c/" + token, "en").body()).contains("Our staff have your documents")
        .doesNotContain("type=\"file\"");
  }

  @Test
  void aCaseTakesSoManyClientFilesAndStaffSeeThemAll() {
    String caseNumber = "EXR-2026-0506";
    Opened opened = caseAwaitingDocuments(caseNumber, "Rosa Medina");
    // What staff attach for the client (brought to the office) does not use up the client's own uploads.
    TestUsers.ensure(engine.getIdentityService(), STAFF, StaffGroups.LEGAL_STAFF);
    assertThat(Http.at(port).upload("/api/cases/" + caseNumber + "/documents?kind=FLIGHT_ITINERARY", "vuelo.pdf",
        SampleFiles.pdf("Vuelo"), STAFF, TestUsers.PASSWORD).statusCode()).isEqualTo(201);
    Http client = Http.at(port);
    String csrf = Http.csrfToken(client.page("/c/" + opened.token(), "es"));
    Map<String, String> photo = Map.of("_csrf", csrf, "kind", "PHOTO_CHILD_SIZE");
    for (int i = 1; i <= 20; i++) {
      assertThat(client.postFile("/c/" + opened.token() + "/documents", photo,
          "fotografia-tamano-infantil-de-frente-fondo-blanco-" + i + ".png", SampleFiles.png()).statusCode())
          .as("file %d", i).isEqualTo(302);
    }

    HttpResponse<String> oneTooMany = client.postFile("/c/" + opened.token() + "/documents", photo, "otra.png",
        SampleFiles.png());

    assertThat(oneTooMany.statusCode()).isEqualTo(409);
    assertThat(problem(oneTooMany)).startsWith("Ya subió el máximo de archivos de un caso.");
    assertThat(storedDocuments(caseNumber)).isEqualTo(21);
    assertThat(client.postForm("/c/" + opened.token() + "/actions/DocumentsSubmitted", Map.of("_csrf", csrf))
        .statusCode()).isEqualTo(302);
    Task verify = opened.live().awaitTask(USER_TASK_VERIFY_DOCUMENTS);
    String list = (String) engine.getTaskService().getVariableLocal(verify.getId(), "uploadedDocuments");
    assertThat(Pattern.compile("/api/cases/EXR-2026-0506/documents/\\d+").matcher(list).results()).hasSize(21);
  }

  @Test
  void uploadsAreKeptWithTheCaseAndEverythingElseIsRefusedWithNothingStored(CapturedOutput output) {
    String caseNumber = "EXR-2026-0502";
    String token = caseAwaitingDocuments(caseNumber, "Ana Gómez").token();
    Http client = Http.at(port);
    String csrf = Http.csrfToken(client.page("/c/" + token, "es"));
    String uploads = "/c/" + token + "/documents";
    Map<String, String> itinerary = Map.of("_csrf", csrf, "kind", "FLIGHT_ITINERARY");
    byte[] executable = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xFF, (byte) 0xFF};
    byte[] html = "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
        .getBytes(StandardCharsets.UTF_8);
    byte[] tenMegabytesAndOne = SampleFiles.pdf("big", 10 * 1024 * 1024 + 1);

    HttpResponse<String> renamedExecutable = client.postFile(uploads, itinerary, "itinerario.pdf", executable);
    HttpResponse<String> htmlPage = client.postFile(uploads, itinerary, "itinerario.html", html);
    HttpResponse<String> oversized = client.postFile(uploads, itinerary, "itinerario.pdf", tenMegabytesAndOne);
    HttpResponse<String> empty = client.postFile(uploads, itinerary, "itinerario.pdf", new byte[0]);
    HttpResponse<String> unknownKind = client.postFile(uploads, Map.of("_csrf", csrf, "kind", "PASSPORT"),
        "pasaporte.pdf", SampleFiles.pdf("x"));
    HttpResponse<String> farTooLarge = client.postFile(uploads, itinerary, "itinerario.pdf",
        SampleFiles.pdf("huge", 12 * 1024 * 1024));
    HttpResponse<String> withoutCsrf = client.postFile(uploads, Map.of("kind", "FLIGHT_ITINERARY"), "itinerario.pdf",
        SampleFiles.pdf("x"));
    String withToken = uploads + "?_csrf=" + java.net.URLEncoder.encode(csrf, StandardCharsets.UTF_8)
        + "&kind=FLIGHT_ITINERARY";
    HttpResponse<String> brokenMultipart = client.postRaw(withToken, "multipart/form-data; boundary=xyz",
        "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4 never ends"
            .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> notMultipart = client.postRaw(withToken, "application/json", "{\"file\":\"%PDF-\"}"
        .getBytes(StandardCharsets.UTF_8));

    assertThat(renamedExecutable.statusCode()).isEqualTo(400);
    assertThat(problem(renamedExecutable)).isEqualTo("Solo se aceptan archivos PDF, JPEG y PNG.");
    assertThat(htmlPage.statusCode()).isEqualTo(400);
    assertThat(problem(htmlPage)).isEqualTo("Solo se aceptan archivos PDF, JPEG y PNG.");
    assertThat(htmlPage.body()).doesNotContain("alert(document.cookie)");
    assertThat(oversized.statusCode()).isEqualTo(400);
    assertThat(problem(oversized)).isEqualTo("El archivo pesa más de 10 MB.");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(problem(empty)).isEqualTo("El archivo está vacío.");
    assertThat(unknownKind.statusCode()).isEqualTo(400);
    assertThat(problem(unknownKind)).isEqualTo("Elija uno de los documentos de la lista.");
    assertThat(farTooLarge.statusCode()).isEqualTo(413);
    assertThat(withoutCsrf.statusCode()).isEqualTo(403);
    assertThat(brokenMultipart.statusCode()).isEqualTo(400);
    assertThat(notMultipart.statusCode()).isEqualTo(400);
    assertThat(problem(notMultipart)).isEqualTo("Elija un archivo para subir.");
    assertThat(storedDocuments(caseNumber)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from audit_event where case_number = ?", Long.class, caseNumber))
        .isZero();

    HttpResponse<String> good = client.postFile(uploads, itinerary, "\"><script>alert(1)</script>Mi Itinerario.PDF",
        SampleFiles.pdf("Vuelo AM 123"));
    assertThat(good.statusCode()).isEqualTo(302);
    assertThat(good.headers().firstValue("Location")).hasValueSatisfying(location ->
        assertThat(location).endsWith("/c/" + token + "?done=uploaded#documents"));
    assertThat(jdbc.queryForList("select file_name, content_type, uploaded_by from case_document where case_number = ?",
        caseNumber)).containsExactly(Map.of("file_name", "script-mi-itinerario.pdf",
        "content_type", "application/pdf", "uploaded_by", "client"));
    HttpResponse<String> after = client.page("/c/" + token + "?done=uploaded", "es");
    assertThat(after.body()).contains("Gracias, recibimos su archivo.", "Recibido: script-mi-itinerario.pdf")
        .doesNotContain("<script>alert(1)");
    assertThat(jdbc.queryForObject("select action from audit_event where case_number = ?", String.class, caseNumber))
        .isEqualTo("DocumentUploaded");

    // The client's personal data and link never reach the log.
    assertThat(output.getAll()).doesNotContain("Ana Gómez", "exr-2026-0502@example.com", token);
  }

  @Test
  void theClientsActionsMoveTheCaseOnlyWhenItWaitsForThemAndTheLinkDiesWithTheCase() {
    String caseNumber = "EXR-2026-0503";
    Opened opened = caseAwaitingDocuments(caseNumber, "Luis Ortega");
    String token = opened.token();
    LiveCase live = opened.live();
    Http client = Http.at(port);
    String csrf = Http.csrfToken(client.page("/c/" + token, "es"));
    String actions = "/c/" + token + "/actions/";

    HttpResponse<String> tooEarly = client.postForm(actions + "DepartureConfirmed", Map.of("_csrf", csrf));
    assertThat(tooEarly.statusCode()).isEqualTo(409);
    assertThat(problem(tooEarly)).isEqualTo("Este paso no está abierto ahora; la página muestra lo que puede hacer.");
    HttpResponse<String> nothingUploaded = client.postForm(actions + "DocumentsSubmitted", Map.of("_csrf", csrf));
    assertThat(nothingUploaded.statusCode()).isEqualTo(400);
    assertThat(problem(nothingUploaded)).isEqualTo("Primero suba al menos un documento.");
    assertThat(client.postForm(actions + "Whatever", Map.of("_csrf", csrf)).statusCode()).isEqualTo(404);
    assertThat(client.postForm(actions + "DocumentsSubmitted", Map.of()).statusCode()).as("no CSRF token").isEqualTo(403);
    assertThat(engine.getRuntimeService().getActiveActivityIds(live.instanceId())).contains(RECEIVE_TASK_AWAIT_DOCUMENTS);

    client.postFile("/c/" + token + "/documents", Map.of("_csrf", csrf, "kind", "FLIGHT_ITINERARY"), "vuelo.pdf",
        SampleFiles.pdf("Vuelo"));
    client.postFile("/c/" + token + "/documents", Map.of("_csrf", csrf, "kind", "PHOTO_CHILD_SIZE"), "foto.png",
        SampleFiles.png());
    HttpResponse<String> submitted = client.postForm(actions + "DocumentsSubmitted", Map.of("_csrf", csrf));
    assertThat(submitted.statusCode()).isEqualTo(302);

    // Staff see the documents in the verification task and open them with their Tasklist login.
    Task verify = live.awaitTask(USER_TASK_VERIFY_DOCUMENTS);
    String list = (String) engine.getTaskService().getVariableLocal(verify.getId(), "uploadedDocuments");
    List<String> links = Pattern.compile("\\((/api/cases/EXR-2026-0503/documents/\\d+)\\)").matcher(list).results()
        .map(match -> match.group(1)).toList();
    assertThat(list).contains("**Flight itinerary**", "[vuelo.pdf]", "**Photo, child size**", "[foto.png]", "PDF", "PNG");
    assertThat(links).hasSize(2);
    assertThat(Http.at(port).get(links.get(0)).statusCode()).as("no login").isEqualTo(401);
    TestUsers.ensure(engine.getIdentityService(), STAFF, StaffGroups.LEGAL_STAFF);
    Http tasklist = Http.at(port);
    assertThat(tasklist.webappLogin("tasklist", STAFF, TestUsers.PASSWORD).statusCode()).isEqualTo(200);
    HttpResponse<String> document = tasklist.get(links.get(0));
    assertThat(document.statusCode()).isEqualTo(200);
    assertThat(document.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(document.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
        assertThat(disposition).startsWith("attachment").contains("vuelo.pdf"));
    assertThat(document.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(document.body()).startsWith("%PDF-").contains("Vuelo");
    assertThat(Http.at(port).get(links.get(0).replace("EXR-2026-0503", "EXR-2026-0502"), STAFF, TestUsers.PASSWORD)
        .statusCode()).as("a document asked for under another case").isEqualTo(404);
    assertThat(tasklist.postRaw("/api/cases/" + caseNumber + "/documents?kind=INM_PAPERWORK",
        "multipart/form-data; boundary=x", "--x--\r\n".getBytes(StandardCharsets.UTF_8)).statusCode())
        .as("the Tasklist login only reads").isEqualTo(401);
    // Someone who may use Tasklist but is not of the firm's staff groups opens nothing.
    engine.getIdentityService().saveGroup(engine.getIdentityService().newGroup("interns"));
    TestUsers.ensure(engine.getIdentityService(), "ivan", "interns");
    Authorization tasklistAccess = engine.getAuthorizationService().createNewAuthorization(
        Authorization.AUTH_TYPE_GRANT);
    tasklistAccess.setGroupId("interns");
    tasklistAccess.setResource(Resources.APPLICATION);
    tasklistAccess.setResourceId("tasklist");
    tasklistAccess.addPermission(Permissions.ACCESS);
    engine.getAuthorizationService().saveAuthorization(tasklistAccess);
    Http intern = Http.at(port);
    assertThat(intern.webappLogin("tasklist", "ivan", TestUsers.PASSWORD).statusCode()).isEqualTo(200);
    assertThat(intern.get(links.get(0)).statusCode()).isEqualTo(403);

    live.complete(USER_TASK_VERIFY_DOCUMENTS, SampleCase.documentsVerified())
        .paidToAppointment(() -> documents.store(caseNumber, "INM_PAPERWORK", "solicitud.pdf", SampleFiles.pdf("S"),
            STAFF))
        .complete(USER_TASK_RECORD_OUTCOME, Map.of("permitIssued", true, "permitDate", "2026-11-12"))
        .awaitTask(USER_TASK_CONFIRM_DEPARTURE);
    assertThat(client.page("/c/" + token, "es").body()).as("paid: nothing more to pay").contains("+52 442 555 0100")
        .doesNotContain("Forma de pago", "CLABE", "Nuestros honorarios");
    assertThat(client.postForm(actions + "DepartureConfirmed", Map.of("_csrf", csrf)).statusCode()).isEqualTo(302);
    live.awaitTask(USER_TASK_CONFIRM_REENTRY);

    clockAt("2026-12-10", "20:00");
    HttpResponse<String> future = client.postForm(actions + "ReentryConfirmed", Map.of("_csrf", csrf, "date",
        "2026-12-11"));
    HttpResponse<String> beforeLeaving = client.postForm(actions + "ReentryConfirmed", Map.of("_csrf", csrf, "date",
        "2026-11-19"));
    HttpResponse<String> notADate = client.postForm(actions + "ReentryConfirmed", Map.of("_csrf", csrf, "date",
        "10/12/2026"));
    assertThat(List.of(future.statusCode(), beforeLeaving.statusCode(), notADate.statusCode())).containsOnly(400);
    assertThat(List.of(problem(future), problem(beforeLeaving), problem(notADate))).containsExactly(
        "Esta fecha todavía no llega.", "Esta fecha es anterior a su salida.", "No es una fecha: use aaaa-mm-dd.");
    assertThat(engine.getRuntimeService().getActiveActivityIds(live.instanceId())).contains(USER_TASK_CONFIRM_REENTRY);

    assertThat(client.postForm(actions + "ReentryConfirmed", Map.of("_csrf", csrf, "date", "2026-12-10"))
        .statusCode()).isEqualTo(302);
    live.awaitTask(USER_TASK_RECORD_PERMIT_RETURNED);
    // Day 10 is Sunday 20 December, when INM is closed: the client is given Friday 18.
    assertThat(engine.getRuntimeService().getVariable(live.instanceId(), "permitReturnDueDate")).isEqualTo("2026-12-18");
    assertThat(client.page("/c/" + token, "es").body()).contains("Ya entregué el permiso al INM",
        "viernes 18 de diciembre de 2026", "dentro de los 10 días siguientes a su regreso");

    clockAt("2026-12-14", "12:00");
    assertThat(client.postForm(actions + "PermitReturned", Map.of("_csrf", csrf, "date", "2026-12-14"))
        .statusCode()).isEqualTo(302);
    // Staff check the client's word against INM's receipt; then the case closes.
    live.awaitTask("UserTask_ConfirmPermitReturned");
    live.complete("UserTask_ConfirmPermitReturned", Map.of("permitReturnConfirmed", "true",
        "inmReceiptReference", "INM-QRO-2026-5512")).awaitEnded();
    assertThat(jdbc.queryForList("select action from audit_event where case_number = ? order by id", String.class,
        caseNumber)).containsExactly("DocumentUploaded", "DocumentUploaded", "DocumentsSubmitted", "DepartureConfirmed",
        "ReentryConfirmed", "PermitReturned");

    // The case has ended: its link opens nothing and does nothing.
    assertThat(client.page("/c/" + token, "es").statusCode()).isEqualTo(404);
    assertThat(client.postForm(actions + "PermitReturned", Map.of("_csrf", csrf, "date", "2026-12-14"))
        .statusCode()).isEqualTo(404);
    assertThat(client.postFile("/c/" + token + "/documents", Map.of("_csrf", csrf, "kind", "FLIGHT_ITINERARY"),
        "late.pdf", SampleFiles.pdf("late")).statusCode()).isEqualTo(404);
  }

  @Test
  void oneCasesLinkNeverReadsOrChangesAnotherCase() {
    Opened caseA = caseAwaitingDocuments("EXR-2026-0504", "Carla Núñez");
    String tokenA = caseA.token();
    String tokenB = caseAwaitingDocuments("EXR-2026-0505", "Pedro Salas").token();
    Http client = Http.at(port);
    String csrf = Http.csrfToken(client.page("/c/" + tokenA, "es"));

    // The case is the link's; a case number slipped into the form changes nothing.
    assertThat(client.postFile("/c/" + tokenA + "/documents", Map.of("_csrf", csrf, "kind", "FLIGHT_ITINERARY",
        "caseNumber", "EXR-2026-0505"), "vuelo.pdf", SampleFiles.pdf("A")).statusCode()).isEqualTo(302);
    assertThat(client.postForm("/c/" + tokenA + "/actions/DocumentsSubmitted", Map.of("_csrf", csrf,
        "caseNumber", "EXR-2026-0505")).statusCode()).isEqualTo(302);

    assertThat(storedDocuments("EXR-2026-0504")).isOne();
    assertThat(storedDocuments("EXR-2026-0505")).isZero();
    caseA.live().awaitTask(USER_TASK_VERIFY_DOCUMENTS);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey("EXR-2026-0505")
        .taskDefinitionKey(USER_TASK_VERIFY_DOCUMENTS).count()).isZero();
    HttpResponse<String> pageB = client.page("/c/" + tokenB, "es");
    assertThat(pageB.body()).contains("EXR-2026-0505", "Pedro Salas", "Aún sin archivo")
        .doesNotContain("EXR-2026-0504", "Carla", "vuelo.pdf");

    String guessed = tokenA.substring(0, 42) + (tokenA.endsWith("A") ? "B" : "A");
    assertThat(client.page("/c/" + guessed, "es").statusCode()).isEqualTo(404);
    assertThat(client.page("/c/EXR-2026-0504", "es").statusCode()).isEqualTo(404);
    assertThat(client.postForm("/c/" + guessed + "/actions/DocumentsSubmitted", Map.of("_csrf", csrf)).statusCode())
        .isEqualTo(404);
  }
}
