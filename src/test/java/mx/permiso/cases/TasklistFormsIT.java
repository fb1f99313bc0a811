package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import mx.permiso.documents.DocumentStore;
import mx.permiso.security.StaffGroups;
import mx.permiso.support.Browser;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.SampleCase;
import mx.permiso.support.SampleFiles;
import mx.permiso.support.Tasklist;
import mx.permiso.support.TestUsers;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A legal staff member works every task of a case's happy path in the real Tasklist, in
 * headless Chromium: each Camunda Form opens, takes the answers and completes the task.
 * Screenshots of each form land in target/screenshots.
 */
@PostgresApplicationTest
class TasklistFormsIT {

  private static final String CASE = "EXR-2026-0200";
  private static final String STAFF = "lucia";
  /** Notes show with their time in the office's zone (the sample case's clock: 3 November, 09:00 there). */
  private static final String WHEN_TODAY = "2026-11-03 09:00";

  @LocalServerPort
  int port;

  @Autowired
  IdentityService identity;

  @Autowired
  RuntimeService runtime;

  @Autowired
  TaskService tasks;

  @Autowired
  HistoryService history;

  @Autowired
  DocumentStore documents;

  @Autowired
  CaseNotes notes;

  private Browser browser;
  private Tasklist tasklist;
  private final java.util.List<String> completed = new java.util.ArrayList<>();
  private String instanceId;

  @Test
  void legalStaffCompleteEveryFormOfTheHappyPathInTasklist() {
    TestUsers.ensure(identity, STAFF, StaffGroups.LEGAL_STAFF);
    // The case's own calendar: intake on 3 November 2026, so no deadline of the sample case has passed.
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-03T15:00:00Z")));
    Map<String, Object> intake = SampleCase.intake(CASE);
    intake.put("phone", "+52 442 123 4567");
    instanceId = runtime.startProcessInstanceByKey(ExitReentryPermitProcess.KEY, CASE, intake).getId();

    try (Browser opened = new Browser()) {
      browser = opened;
      tasklist = new Tasklist(opened, port);
      tasklist.logIn(STAFF, TestUsers.PASSWORD);

      // Every form shows the case's latest notes, read-only, and completes with them.
      notes.add(CASE, "Client prefers a call after 5 pm.", STAFF);
      work(USER_TASK_REVIEW_INTAKE, form -> {
        assertThat(field("clientName").getDomProperty("value")).isEqualTo("Jane Doe");
        assertClientContact(form);
        assertNotes("lucia: Client prefers a call after 5 pm.");
        assertThat(form.getText()).contains("Documents the client provides\nFlight itinerary\n"
            + "Residency application status (NUT)\nPhoto, child size").doesNotContain("FLIGHT_ITINERARY");
        check("intakeAccepted");
      });
      documents.store(CASE, "FLIGHT_ITINERARY", "vuelo.pdf", SampleFiles.pdf("Vuelo"), "client");
      documentsSubmitted();
      notes.add(CASE, "Passport photo looks dark; accepted.", STAFF);
      // A checklist of the case's documents by the names staff know them by, never by their codes; the
      // uploads listed under their document's name. One left unticked, and a note to the client.
      work(USER_TASK_VERIFY_DOCUMENTS, form -> {
        assertNotes("lucia: Passport photo looks dark; accepted.");
        assertThat(checklist()).containsExactly("Flight itinerary", "Residency application status (NUT)",
            "Photo, child size");
        assertThat(form.getText()).contains("Flight itinerary\nvuelo.pdf")
            .doesNotContain("FLIGHT_ITINERARY", "APPLICATION_STATUS_NUT", "PHOTO_CHILD_SIZE");
        tick("Flight itinerary");
        tick("Residency application status (NUT)");
        browser.type(field("otherMissingDocuments"), "A second copy of the photo");
      });
      await().atMost(Duration.ofSeconds(30)).until(() -> runtime.getActiveActivityIds(instanceId)
          .contains(RECEIVE_TASK_AWAIT_DOCUMENTS));
      assertThat(runtime.getVariable(instanceId, "missingDocuments"))
          .isEqualTo("PHOTO_CHILD_SIZE,A second copy of the photo");
      documentsSubmitted();
      work(USER_TASK_VERIFY_DOCUMENTS, form -> {
        // What was received last time stays ticked; nothing is left to redo.
        assertThat(ticked()).containsExactly("Flight itinerary", "Residency application status (NUT)");
        assertThat(field("otherMissingDocuments").getDomProperty("value")).isEmpty();
        tick("Photo, child size");
      });
      assertThat(runtime.getVariable(instanceId, "documentsComplete")).isEqualTo(true);
      work(USER_TASK_CONFIRM_PAYMENT, form -> {
        assertThat(field("inmFeeMxn").getDomProperty("value")).isEqualTo("522");
        assertClientContact(form);
        check("paymentReceived");
        browser.type(field("amountPaidMxn"), "4022.50");
        browser.type(field("paymentReference"), "SPEI 0042-77");
      });
      documents.store(CASE, "INM_PAPERWORK", "solicitud.pdf", SampleFiles.pdf("Solicitud"), STAFF);
      work(USER_TASK_PREPARE_INM_PAPERWORK, form -> check("paperworkReady"));
      work(USER_TASK_BOOK_APPOINTMENT, form -> {
        assertClientContact(form);
        date("appointmentDate", "2026-11-12");
        browser.type(field("appointmentTime"), "09:30");
      });
      work(USER_TASK_RECORD_OUTCOME, form -> {
        check("permitIssued");
        date("permitDate", "2026-11-12");
      });
      work(USER_TASK_CONFIRM_DEPARTURE, form -> {
        tasklist.choose("departureOutcome", 0, "Travelled");
        check("exitStampConfirmed");
      });
      work(USER_TASK_CONFIRM_REENTRY, form -> {
        date("reentryDate", "2026-12-10");
        check("entryStampConfirmed");
      });
      work(USER_TASK_RECORD_PERMIT_RETURNED, form -> {
        date("permitReturnedDate", "2026-12-14");
        browser.type(field("inmReceiptReference"), "INM-QRO-2026-5512");
      });

      // Tasklist asks who is logged in before login, and may reload a task it has just completed:
      // both answer 404. Nothing else may go wrong in the page.
      assertThat(browser.consoleErrors()).extracting(Object::toString).allSatisfy(error -> assertThat(
          error.contains("/camunda/api/admin/auth/user/default - ")
              || completed.stream().anyMatch(id -> error.contains("/task/" + id + " - ") && error.contains("404")))
          .as(error).isTrue());
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createProcessInstanceQuery()
        .processInstanceId(instanceId).count() == 0);
    Map<String, Object> recorded = Map.of(
        "appointmentDate", historic("appointmentDate"),
        "appointmentTime", historic("appointmentTime"),
        "permitDate", historic("permitDate"),
        "returnByDate", historic("returnByDate"),
        "reentryDate", historic("reentryDate"),
        "permitReturnDueDate", historic("permitReturnDueDate"));
    assertThat(recorded).containsExactlyInAnyOrderEntriesOf(Map.of(
        "appointmentDate", "2026-11-12", "appointmentTime", "09:30", "permitDate", "2026-11-12",
        "returnByDate", "2027-01-11", "reentryDate", "2026-12-10", "permitReturnDueDate", "2026-12-18"));
    assertThat(historic("paymentReference")).isEqualTo("SPEI 0042-77");
    assertThat(new java.math.BigDecimal(historic("amountPaidMxn").toString())).isEqualByComparingTo("4022.5");
  }

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  /** Opens the task in Tasklist, claims it, fills its form and completes it. */
  private void work(String taskKey, Consumer<WebElement> fill) {
    Task task = await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery()
        .processInstanceId(instanceId).taskDefinitionKey(taskKey).singleResult(), Objects::nonNull);
    tasklist.open(task);
    browser.clickText("Claim");
    WebElement form = browser.await(By.cssSelector("form.fjs-form, .fjs-container"));
    try {
      fill.accept(form);
    } catch (RuntimeException e) {
      browser.screenshot("tasklist-" + taskKey + "-failed");
      throw e;
    }
    browser.screenshot("tasklist-" + taskKey);
    browser.clickText("Complete");
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery().taskId(task.getId()).count() == 0);
      completed.add(task.getId());
    } catch (RuntimeException e) {
      browser.screenshot("tasklist-" + taskKey + "-not-completed");
      throw e;
    }
  }

  private WebElement field(String key) {
    return browser.await(By.cssSelector("[id$='-Field_" + key + "']"));
  }

  private void assertNotes(String latest) {
    WebElement shown = field("caseNotes");
    assertThat(shown.getTagName()).isEqualTo("textarea");
    assertThat(shown.getDomProperty("value")).startsWith(WHEN_TODAY).contains(latest);
    assertThat(shown.getAttribute("readonly") != null || !shown.isEnabled()).as("read-only").isTrue();
  }

  /** The client's phone and language (in words), shown and read-only. */
  private void assertClientContact(WebElement form) {
    WebElement phone = field("phone");
    assertThat(phone.getDomProperty("value")).isEqualTo("+52 442 123 4567");
    assertThat(phone.getAttribute("readonly") != null || !phone.isEnabled()).as("phone read-only").isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> form.getText().contains("English"));
  }

  private void documentsSubmitted() {
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
      runtime.createMessageCorrelation(ExitReentryPermitProcess.Messages.DOCUMENTS_SUBMITTED)
          .processInstanceBusinessKey(CASE).correlate();
      return true;
    });
  }

  /** The options of the documents checklist, as their labels read. */
  private java.util.List<String> checklist() {
    return checklistOptions().stream().map(option -> option.getText().strip()).toList();
  }

  /** The options ticked. */
  private java.util.List<String> ticked() {
    return checklistOptions().stream().filter(option -> browser.driver().findElement(By.id(option.getDomAttribute("for")))
        .isSelected()).map(option -> option.getText().strip()).toList();
  }

  private java.util.List<WebElement> checklistOptions() {
    browser.await(By.cssSelector("input[id*='-Field_receivedDocuments-']"));
    return browser.driver().findElements(By.cssSelector(".fjs-form-field-checklist label[for*='-Field_receivedDocuments-']"));
  }

  private void tick(String document) {
    WebElement option = checklistOptions().stream().filter(label -> label.getText().strip().equals(document))
        .findFirst().orElseThrow(() -> new AssertionError("no option " + document + " in " + checklist()));
    WebElement box = browser.driver().findElement(By.id(option.getDomAttribute("for")));
    if (!box.isSelected()) {
      browser.click(box);
    }
    assertThat(box.isSelected()).as(document).isTrue();
  }

  private void check(String key) {
    WebElement box = field(key);
    if (!box.isSelected()) {
      browser.click(box);
    }
    assertThat(box.isSelected()).as(key).isTrue();
  }

  private void date(String key, String isoDate) {
    String[] parts = isoDate.split("-");
    // A date field's input carries the field's id with "-date" appended.
    WebElement input = browser.await(By.cssSelector("[id$='-Field_" + key + "-date']"));
    browser.type(input, parts[1] + "/" + parts[2] + "/" + parts[0]);
    // Confirm the typed date the way the picker does on Enter: through its own API.
    browser.driver().executeScript("arguments[0]._flatpickr.setDate(arguments[1], true, 'Y-m-d');", input, isoDate);
    assertThat(input.getDomProperty("value")).as(key).isEqualTo(parts[1] + "/" + parts[2] + "/" + parts[0]);
  }

  private Object historic(String variable) {
    return history.createHistoricVariableInstanceQuery().processInstanceId(instanceId).variableName(variable)
        .singleResult().getValue();
  }
}
