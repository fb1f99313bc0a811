package mx.permiso.caseboard;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import mx.permiso.documents.DocumentStore;
import mx.permiso.security.StaffGroups;
import mx.permiso.support.Browser;
import mx.permiso.support.LiveCase;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.SampleCase;
import mx.permiso.support.SampleFiles;
import mx.permiso.support.Tasklist;
import mx.permiso.support.TestUsers;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A legal staff member runs a case from the case page in headless Chromium: Tasklist refuses the
 * paperwork task while no INM paperwork is attached and its form links to the case page; there she
 * reads the case in words, attaches the paperwork and a document the client brought in, changes the client's email, writes a note and
 * moves the planned return with the page's forms (no script); back in Tasklist the task completes
 * and the next task's form shows her note; at last she cancels the case from its page. Nothing goes
 * wrong in the pages.
 */
@PostgresApplicationTest
class CasePageBrowserIT {

  private static final String CASE = "EXR-2026-1701";
  private static final String STAFF = "lucia";
  private static final String NOTE = "Client asks for a morning appointment.";

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  DocumentStore documents;

  @Test
  void legalStaffRunACaseFromTheCasePageAndTasklist() throws IOException {
    TestUsers.ensure(engine.getIdentityService(), STAFF, StaffGroups.LEGAL_STAFF);
    LiveCase.clockAt("2026-11-03", "09:00");
    LiveCase live = new LiveCase(engine, CASE).start(SampleCase.intake(CASE))
        .complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true))
        .correlate("DocumentsSubmitted", Map.of())
        .complete(USER_TASK_VERIFY_DOCUMENTS, SampleCase.documentsVerified())
        .complete(USER_TASK_CONFIRM_PAYMENT, Map.of("paymentReceived", true));
    Task task = live.awaitTask(USER_TASK_PREPARE_INM_PAPERWORK);
    Path paperwork = Files.createTempFile("solicitud", ".pdf");
    Files.write(paperwork, SampleFiles.pdf("Solicitud"));

    try (Browser browser = new Browser()) {
      Tasklist tasklist = new Tasklist(browser, port);
      tasklist.logIn(STAFF, TestUsers.PASSWORD);

      tasklist.open(task);
      browser.clickText("Claim");
      WebElement link = browser.await(By.cssSelector("a[href='/cases/" + CASE + "#documents']"));
      assertThat(link.getText()).isEqualTo("the case page of " + CASE);
      assertThat(browser.driver().findElement(By.cssSelector(".fjs-container")).getText())
          .contains("This task cannot be completed until the INM paperwork is attached.");
      check(browser, "paperworkReady");
      browser.clickText("Complete");
      browser.await(By.xpath("//*[contains(normalize-space(), 'Attach the INM paperwork')]"));
      browser.screenshot("casepage-paperwork-refused");
      assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);

      // The form's link leads to the case page, in the staff's words.
      browser.open("http://localhost:" + port + link.getDomAttribute("href"));
      browser.await(By.id("upload"));
      assertThat(browser.driver().findElement(By.cssSelector(".timeline li.current")).getText())
          .isEqualTo("INM paperwork");
      assertThat(browser.driver().findElement(By.id("scenario")).getText()).isEqualTo("Canje pending");
      assertThat(browser.driver().findElement(By.id("dates")).getText()).contains("Fri 20 Nov 2026, in 17 days");
      assertThat(browser.driver().findElement(By.tagName("main")).getText())
          .doesNotContain("CANJE_PENDING").doesNotContain("PAPERWORK_READY").doesNotContain("LATEST_REQUEST");

      new Select(browser.driver().findElement(By.id("upload-kind"))).selectByValue("INM_PAPERWORK");
      browser.driver().findElement(By.id("upload-file")).sendKeys(paperwork.toAbsolutePath().toString());
      browser.clickAndAwaitNextPage(browser.driver().findElement(By.cssSelector("#upload button[type='submit']")));
      assertThat(browser.await(By.id("notice")).getText()).startsWith("Attached solicitud").endsWith("as INM paperwork "
          + "(request form and letter).");
      assertThat(documents.ofKind(CASE, "INM_PAPERWORK")).hasSize(1);

      // A document the client brought in counts as the client's.
      new Select(browser.driver().findElement(By.id("upload-kind"))).selectByValue("FLIGHT_ITINERARY");
      browser.driver().findElement(By.id("upload-file")).sendKeys(paperwork.toAbsolutePath().toString());
      browser.clickAndAwaitNextPage(browser.driver().findElement(By.cssSelector("#upload button[type='submit']")));
      assertThat(browser.await(By.id("notice")).getText()).endsWith("as Flight itinerary.");
      assertThat(documents.ofKind(CASE, "FLIGHT_ITINERARY")).hasSize(1);

      WebElement email = browser.driver().findElement(By.id("contact-clientEmail"));
      email.clear();
      email.sendKeys("jane.new@example.com");
      browser.clickAndAwaitNextPage(browser.driver().findElement(By.cssSelector("#contact-form button[type='submit']")));
      assertThat(browser.await(By.id("notice")).getText())
          .isEqualTo("The client's email changed; the client has been told by email.");
      assertThat(browser.driver().findElement(By.id("contact-clientEmail")).getDomProperty("value"))
          .isEqualTo("jane.new@example.com");

      // A note for whoever works the case next.
      browser.driver().findElement(By.id("note-text")).sendKeys(NOTE);
      browser.clickAndAwaitNextPage(browser.driver().findElement(By.cssSelector("#note-form button[type='submit']")));
      assertThat(browser.await(By.id("notice")).getText()).startsWith("Note written");
      assertThat(browser.driver().findElement(By.id("notes")).getText()).contains(NOTE)
          .contains(STAFF + " · Tue 3 Nov 2026 09:00");

      // The client comes back five days later: the planned return moves, typed as the browser's date field takes it.
      WebElement plannedReturn = browser.driver().findElement(By.id("dates-plannedReturnDate"));
      assertThat(plannedReturn.getDomProperty("value")).isEqualTo("2026-12-10");
      plannedReturn.sendKeys("12152026");
      assertThat(plannedReturn.getDomProperty("value")).isEqualTo("2026-12-15");
      browser.clickAndAwaitNextPage(browser.driver().findElement(By.cssSelector("#dates-form button[type='submit']")));
      assertThat(browser.await(By.id("notice")).getText()).startsWith("Departure Fri 20 Nov 2026, in 17 days; "
          + "planned return Tue 15 Dec 2026, in 42 days.");
      assertThat(browser.driver().findElement(By.id("dates")).getText()).contains("Tue 15 Dec 2026, in 42 days");
      assertThat(engine.getRuntimeService().getVariable(live.instanceId(), "plannedReturnDate"))
          .isEqualTo("2026-12-15");
      browser.screenshot("casepage-after-actions");

      tasklist.open(task);
      check(browser, "paperworkReady");
      browser.clickText("Complete");
      await().atMost(Duration.ofSeconds(30)).until(() ->
          engine.getTaskService().createTaskQuery().taskId(task.getId()).count() == 0);

      // The next task's form shows the note, read-only.
      Task next = live.awaitTask(USER_TASK_BOOK_APPOINTMENT);
      tasklist.open(next);
      WebElement notes = browser.await(By.cssSelector("[id$='-Field_caseNotes']"));
      assertThat(notes.getDomProperty("value")).isEqualTo("2026-11-03 09:00 " + STAFF + ": " + NOTE);
      assertThat(notes.getAttribute("readonly") != null || !notes.isEnabled()).as("read-only").isTrue();
      browser.screenshot("casepage-note-in-tasklist");

      // At the end, the firm cancels the case from its page.
      browser.open("http://localhost:" + port + "/cases/" + CASE);
      browser.click(browser.await(By.id("cancel-requestedBy-FIRM")));
      browser.driver().findElement(By.id("cancel-reason")).sendKeys("The client found another firm.");
      browser.clickAndAwaitNextPage(browser.driver().findElement(By.cssSelector("#cancel-form button[type='submit']")));
      assertThat(browser.await(By.id("notice")).getText())
          .isEqualTo("Case " + CASE + " is cancelled; the client is told by email.");
      assertThat(browser.driver().findElement(By.id("audit")).getText()).contains("Case cancelled")
          .contains("Note written").contains("Travel dates changed").contains("Client's contact changed");
      browser.screenshot("casepage-cancelled");

      // Tasklist asks who is logged in before login, reports the refused completion (400) and may reload the
      // task it has just completed (404). Nothing else may go wrong in the pages.
      assertThat(browser.consoleErrors()).extracting(Object::toString).allSatisfy(error -> assertThat(
          error.contains("/camunda/api/admin/auth/user/default - ")
              || error.contains("/task/" + task.getId() + "/submit-form - ") && error.contains("400")
              || error.contains("/task/" + task.getId() + " - ") && error.contains("404"))
          .as(error).isTrue());
    } finally {
      Files.deleteIfExists(paperwork);
    }
    live.awaitEnded();
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(live.instanceId())
        .variableName("cancelRequestedBy").singleResult().getValue()).isEqualTo("FIRM");
  }

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  private static void check(Browser browser, String key) {
    WebElement box = browser.await(By.cssSelector("[id$='-Field_" + key + "']"));
    if (!box.isSelected()) {
      browser.click(box);
    }
    assertThat(box.isSelected()).as(key).isTrue();
  }
}
