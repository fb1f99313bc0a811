package mx.permiso.clientportal;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static mx.permiso.support.LiveCase.clockAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import mx.permiso.support.Accessibility;
import mx.permiso.support.Browser;
import mx.permiso.support.LiveCase;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.SampleFiles;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every page a client sees, in English and in Spanish and in each of its states (empty, with
 * errors, with a notice, with the client's actions), passes axe-core's WCAG 2.1 A and AA rules in
 * headless Chromium.
 */
@PostgresApplicationTest
class ClientPagesAccessibilityIT {

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  JdbcTemplate jdbc;

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  @ParameterizedTest
  @CsvSource({"en, Ana Brown, ana.brown@example.com", "es, Lucía Fernández, lucia.fernandez@example.com"})
  void theIntakeTheConfirmationAndTheCasePageHaveNoWcagViolations(String language, String name, String email)
      throws IOException {
    clockAt("2026-11-03", "09:00");
    try (Browser client = new Browser()) {
      client.open(url("/intake?lang=" + language));
      client.await(By.id("submit"));
      Accessibility.assertNoViolations(client, "the intake page (" + language + ")");

      // Sent empty, past the browser's own checks: the page comes back with every field's error.
      client.driver().executeScript("document.querySelector('form').noValidate = true;");
      client.clickAndAwaitNextPage(client.driver().findElement(By.id("submit")));
      assertThat(client.driver().findElements(By.cssSelector(".errors-summary li"))).as("errors shown").isNotEmpty();
      client.screenshot("a11y-intake-errors-" + language);
      Accessibility.assertNoViolations(client, "the intake page with errors (" + language + ")");

      fillIntake(client, language, name, email);
      client.clickAndAwaitNextPage(client.driver().findElement(By.id("submit")));
      String caseNumber = client.await(By.id("case-number")).getText();
      client.screenshot("a11y-intake-received-" + language);
      Accessibility.assertNoViolations(client, "the intake confirmation (" + language + ")");

      LiveCase live = LiveCase.existing(engine, caseNumber);
      live.awaitTask(USER_TASK_REVIEW_INTAKE);
      String casePage = url("/c/" + live.clientToken(jdbc));
      client.open(casePage);
      client.await(By.id("documents"));
      client.screenshot("a11y-case-review-" + language);
      Accessibility.assertNoViolations(client, "the case page under review (" + language + ")");

      upload(client, "FLIGHT_ITINERARY", file("itinerary.pdf", SampleFiles.pdf("Flight AM 0123")));
      client.await(By.id("done"));
      Accessibility.assertNoViolations(client, "the case page with a notice (" + language + ")");

      upload(client, "PHOTO_CHILD_SIZE", file("photo.png", "not a picture".getBytes(StandardCharsets.UTF_8)));
      client.await(By.cssSelector("#document-PHOTO_CHILD_SIZE .field-error"));
      client.screenshot("a11y-case-upload-refused-" + language);
      Accessibility.assertNoViolations(client, "the case page with a refused upload (" + language + ")");

      live.complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true)).awaitAt(RECEIVE_TASK_AWAIT_DOCUMENTS);
      client.open(casePage);
      client.await(By.id("action-DocumentsSubmitted"));
      client.screenshot("a11y-case-documents-" + language);
      Accessibility.assertNoViolations(client, "the case page awaiting documents (" + language + ")");
    }
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private static void fillIntake(Browser client, String language, String name, String email) {
    type(client, "clientName", name);
    type(client, "clientEmail", email);
    type(client, "phone", "+52 415 555 0101");
    client.driver().findElement(By.cssSelector("input[name=language][value=" + language + "]")).click();
    client.driver().findElement(By.id("scenario-CANJE_PENDING")).click();
    type(client, "nut", "NUT-2026/555123");
    type(client, "inmOffice", "San Miguel de Allende");
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
    client.clickAndAwaitNextPage(client.driver().findElement(By.cssSelector("#document-" + kind + " button")));
  }

  private static Path file(String name, byte[] content) throws IOException {
    Path folder = Files.createDirectories(Path.of("target", "uploads"));
    return Files.write(folder.resolve(name), content);
  }
}
