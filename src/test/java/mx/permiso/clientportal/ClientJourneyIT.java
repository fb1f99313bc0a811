package mx.permiso.clientportal;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static mx.permiso.support.LiveCase.clockAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mx.permiso.documents.DocumentStore;
import mx.permiso.mail.MailDispatcher;
import mx.permiso.security.StaffGroups;
import mx.permiso.support.Accessibility;
import mx.permiso.support.ReceivedMail;
import mx.permiso.support.Browser;
import mx.permiso.support.LiveCase;
import mx.permiso.support.GreenMailApplicationTest;
import mx.permiso.support.SampleFiles;
import mx.permiso.support.Tasklist;
import mx.permiso.support.TestUsers;
import mx.permiso.support.SampleCase;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A Spanish-speaking client's whole part of a case in headless Chromium, with a legal staff
 * member in the real Tasklist: the intake page, the acknowledgement email (through a real SMTP
 * server) and its link, two documents uploaded and submitted, the staff member seeing them in
 * the verification task, and, after the trip, the client confirming re-entry from the case page.
 * Screenshots of every page land in target/screenshots; the client's pages log no errors and pass
 * axe-core's WCAG 2.1 A/AA rules on a phone and abroad.
 */
@GreenMailApplicationTest
class ClientJourneyIT {

  private static final String CLIENT_EMAIL = "lucia.fernandez@example.com";
  private static final String STAFF = "paola";

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  MailDispatcher dispatcher;

  @Autowired
  DocumentStore documents;

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aClientStartsTheirCaseInSpanishUploadsDocumentsAndConfirmsReentryFromTheCasePage() throws IOException {
    clockAt("2026-11-03", "09:00");
    TestUsers.ensure(engine.getIdentityService(), STAFF, StaffGroups.LEGAL_STAFF);
    Path itinerary = file("itinerario-vuelo.pdf", SampleFiles.pdf("Vuelo AM 0123, 20 de noviembre"));
    Path photo = file("foto-infantil.png", SampleFiles.png());

    try (Browser client = new Browser()) {
      // The intake page opens in the browser's language (English here); the client switches to Spanish.
      client.open("http://localhost:" + port + "/intake");
      assertThat(client.await(By.tagName("h1")).getText()).isEqualTo("Request your exit and re-entry permit");
      client.clickAndAwaitNextPage(client.driver().findElement(By.id("language-switch")));
      assertThat(client.await(By.tagName("h1")).getText()).isEqualTo("Solicite su permiso de salida y regreso");
      assertThat(client.driver().findElement(By.id("emergency-reason-field")).isDisplayed())
          .as("the emergency question waits for the emergency scenario").isFalse();
      // On a phone's width the page is one column, nothing wider than the screen.
      client.driver().manage().window().setSize(new Dimension(390, 844));
      assertThat((Long) client.driver().executeScript("return document.documentElement.scrollWidth;"))
          .isLessThanOrEqualTo(390L);
      client.screenshot("client-intake-es-phone");
      Accessibility.assertNoViolations(client, "the intake page on a phone");
      client.driver().manage().window().setSize(new Dimension(1400, 1000));
      fillIntake(client);
      client.screenshot("client-intake-es");
      client.clickAndAwaitNextPage(client.driver().findElement(By.id("submit")));

      String caseNumber = client.await(By.id("case-number")).getText();
      assertThat(caseNumber).matches("EXR-2026-\\d{4}");
      assertThat(client.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Gracias: recibimos su solicitud");
      client.screenshot("client-intake-received");
      assertThat(client.consoleErrors()).as("intake and confirmation pages").isEmpty();

      // Staff accept the request; the acknowledgement email carries the case link.
      LiveCase live = LiveCase.existing(engine, caseNumber)
          .complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true)).awaitAt(RECEIVE_TASK_AWAIT_DOCUMENTS);
      String casePath = caseLinkIn(acknowledgement(caseNumber));

      client.open("http://localhost:" + port + casePath);
      assertThat(client.await(By.tagName("h1")).getText()).isEqualTo("Su caso " + caseNumber);
      assertThat(client.driver().findElement(By.cssSelector("#timeline li.current")).getText()).startsWith("Documentos");
      client.screenshot("client-case-page");
      upload(client, "FLIGHT_ITINERARY", itinerary);
      upload(client, "PHOTO_CHILD_SIZE", photo);
      assertThat(client.driver().findElement(By.id("document-FLIGHT_ITINERARY")).getText())
          .contains("Recibido: itinerario-vuelo.pdf");
      assertThat(client.driver().findElement(By.id("document-PHOTO_CHILD_SIZE")).getText())
          .contains("Recibido: foto-infantil.png");
      client.screenshot("client-documents-uploaded");
      client.clickAndAwaitNextPage(
          client.driver().findElement(By.cssSelector("#action-DocumentsSubmitted button")));
      assertThat(client.await(By.id("done")).getText()).isEqualTo("Gracias. Nuestro equipo revisará ahora sus documentos.");
      assertThat(client.driver().findElements(By.cssSelector("input[type=file]"))).as("uploads closed").isEmpty();
      client.screenshot("client-documents-submitted");

      // A legal staff member sees both documents in the verification task in Tasklist.
      Task verify = live.awaitTask(USER_TASK_VERIFY_DOCUMENTS);
      try (Browser staff = new Browser()) {
        Tasklist tasklist = new Tasklist(staff, port);
        tasklist.logIn(STAFF, TestUsers.PASSWORD);
        tasklist.open(verify);
        staff.clickText("Claim");
        WebElement itineraryLink = staff.await(By.xpath("//a[normalize-space()='itinerario-vuelo.pdf']"));
        WebElement photoLink = staff.await(By.xpath("//a[normalize-space()='foto-infantil.png']"));
        staff.driver().executeScript("arguments[0].scrollIntoView({block: 'center'});", photoLink);
        staff.screenshot("tasklist-verify-documents-with-uploads");
        assertThat(itineraryLink.getDomAttribute("href")).matches("/api/cases/" + caseNumber + "/documents/\\d+");
        assertThat(photoLink.getDomAttribute("href")).matches("/api/cases/" + caseNumber + "/documents/\\d+");
        // The link opens the file with the staff member's Tasklist login, as a download of its real type.
        Object opened = staff.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
            + "fetch(arguments[0]).then(r => r.text().then(t => done([r.status, r.headers.get('content-type'),"
            + " r.headers.get('content-disposition'), t.substring(0, 5)])));", itineraryLink.getDomAttribute("href"));
        assertThat((List<Object>) opened).containsExactly(200L, "application/pdf",
            "attachment; filename=\"itinerario-vuelo.pdf\"", "%PDF-");
      }

      // The case goes on: paid, paperwork, permit issued 12 November, the client leaves on the 20th.
      live.complete(USER_TASK_VERIFY_DOCUMENTS, SampleCase.documentsVerified())
          .paidToAppointment(() -> documents.store(caseNumber, "INM_PAPERWORK", "solicitud.pdf", SampleFiles.pdf("S"),
              STAFF))
          .complete(USER_TASK_RECORD_OUTCOME, Map.of("permitIssued", true, "permitDate", "2026-11-12"))
          .awaitTask(USER_TASK_CONFIRM_DEPARTURE);
      client.open("http://localhost:" + port + casePath);
      client.clickAndAwaitNextPage(client.await(By.cssSelector("#action-DepartureConfirmed button")));
      assertThat(client.await(By.id("done")).getText()).isEqualTo("Gracias, y buen viaje.");
      live.awaitTask(USER_TASK_CONFIRM_REENTRY);

      // Back in Mexico on 10 December: the client says so from the case page.
      clockAt("2026-12-10", "20:00");
      client.open("http://localhost:" + port + casePath);
      assertThat(client.await(By.cssSelector("#timeline li.current")).getText()).startsWith("En el extranjero y regreso");
      assertThat(client.driver().findElement(By.id("dates")).getText()).contains("lunes 11 de enero de 2027");
      client.screenshot("client-case-abroad");
      Accessibility.assertNoViolations(client, "the case page of a client abroad");
      WebElement date = client.driver().findElement(By.id("date-ReentryConfirmed"));
      client.driver().executeScript("arguments[0].value = arguments[1];", date, "2026-12-10");
      client.clickAndAwaitNextPage(
          client.driver().findElement(By.cssSelector("#action-ReentryConfirmed button")));
      assertThat(client.await(By.id("done")).getText())
          .isEqualTo("Le damos la bienvenida de regreso a México. Recuerde entregar el permiso al INM.");
      client.screenshot("client-reentry-confirmed");

      live.awaitTask(USER_TASK_RECORD_PERMIT_RETURNED);
      assertThat(engine.getRuntimeService().getVariable(live.instanceId(), "reentryDate")).isEqualTo("2026-12-10");
      assertThat(client.driver().findElement(By.cssSelector("#timeline li.current")).getText())
          .startsWith("Entrega del permiso al INM");
      assertThat(client.driver().findElement(By.id("dates")).getText()).contains("viernes 18 de diciembre de 2026");
      assertThat(client.consoleErrors()).as("the case page").isEmpty();
    }
  }

  private void fillIntake(Browser client) {
    type(client, "clientName", "Lucía Fernández Ruiz");
    type(client, "clientEmail", CLIENT_EMAIL);
    type(client, "phone", "+52 415 555 0101");
    client.driver().findElement(By.cssSelector("input[name=language][value=es]")).click();
    client.driver().findElement(By.id("scenario-CANJE_PENDING")).click();
    type(client, "nut", "NUT-2026/555123");
    type(client, "inmOffice", "San Miguel de Allende");
    // The date picker's typed format depends on the browser's locale; the value is what the form sends.
    client.driver().executeScript("arguments[0].value = '2026-11-20'; arguments[1].value = '2026-12-10';",
        client.driver().findElement(By.id("departureDate")), client.driver().findElement(By.id("plannedReturnDate")));
    client.driver().findElement(By.id("acceptTerms")).click();
    client.driver().findElement(By.id("acceptPrivacy")).click();
  }

  private static void type(Browser client, String id, String text) {
    WebElement field = client.driver().findElement(By.id(id));
    field.clear();
    field.sendKeys(text);
  }

  private static void upload(Browser client, String kind, Path file) {
    client.driver().findElement(By.id("file-" + kind)).sendKeys(file.toAbsolutePath().toString());
    client.clickAndAwaitNextPage(
        client.driver().findElement(By.cssSelector("#document-" + kind + " button")));
    assertThat(client.await(By.id("done")).getText()).isEqualTo("Gracias, recibimos su archivo.");
  }

  private MimeMessage acknowledgement(String caseNumber) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> {
      dispatcher.dispatchDue();
      return Arrays.stream(SMTP.getReceivedMessages())
          .filter(message -> GreenMailUtil.getHeaders(message).contains(CLIENT_EMAIL))
          .filter(message -> subject(message).contains(caseNumber))
          .findFirst().orElse(null);
    }, message -> message != null);
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The path of the case link in the email (its host is the configured public address). */
  private static String caseLinkIn(MimeMessage email) {
    Matcher link = Pattern.compile("http://localhost:8080(/c/[A-Za-z0-9_-]{43})").matcher(ReceivedMail.text(email));
    assertThat(link.find()).as("the acknowledgement holds the case link").isTrue();
    return link.group(1);
  }

  private static Path file(String name, byte[] content) throws IOException {
    Path folder = Files.createDirectories(Path.of("target", "uploads"));
    return Files.write(folder.resolve(name), content);
  }
}
