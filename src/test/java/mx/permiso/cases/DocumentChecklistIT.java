package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import mx.permiso.mail.OutboxComposer;
import mx.permiso.security.StaffGroups;
import mx.permiso.support.Http;
import mx.permiso.support.LiveCase;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.SampleCase;
import mx.permiso.support.TestUsers;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A legal staff member ticks the verification checklist over the REST API as Tasklist sends it (JSON
 * text); a list where the case reads a text, or anything but codes where it reads the ticked
 * documents, is refused with the field's name and nothing is written. What is left unticked reaches
 * the client's "missing documents" email in words; a manager verifies what the client sends again.
 */
@PostgresApplicationTest
class DocumentChecklistIT {

  private static final String CASE = "EXR-2026-0610";
  private static final String STAFF = "dora";
  private static final String MANAGER = "mateo";

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  OutboxComposer emails;

  @Test
  void staffTickTheChecklistAsTasklistSendsItTheClientIsAskedForWhatIsLeftAndOtherShapesAreRefused() {
    TestUsers.ensure(engine.getIdentityService(), STAFF, StaffGroups.LEGAL_STAFF);
    TestUsers.ensure(engine.getIdentityService(), MANAGER, StaffGroups.MANAGERS);
    LiveCase.clockAt("2026-11-03", "09:00");
    LiveCase live = new LiveCase(engine, CASE).start(SampleCase.intake(CASE))
        .complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true))
        .correlate(ExitReentryPermitProcess.Messages.DOCUMENTS_SUBMITTED, Map.of());
    Task verify = live.awaitTask(USER_TASK_VERIFY_DOCUMENTS);
    Http http = Http.at(port);
    assertThat(http.postJson("/engine-rest/task/" + verify.getId() + "/claim", "{\"userId\": \"" + STAFF + "\"}",
        STAFF, TestUsers.PASSWORD).statusCode()).isEqualTo(204);

    HttpResponse<String> listAsText = submit(http, verify, "\"otherMissingDocuments\": " + json("[\"x\"]"));
    assertThat(listAsText.statusCode()).as(listAsText.body()).isEqualTo(400);
    assertThat(listAsText.body()).contains("otherMissingDocuments");
    HttpResponse<String> optionsNotCodes = submit(http, verify, "\"receivedDocuments\": " + json("[{\"label\": \"x\"}]"));
    assertThat(optionsNotCodes.statusCode()).as(optionsNotCodes.body()).isEqualTo(400);
    assertThat(optionsNotCodes.body()).contains("receivedDocuments");
    assertThat(engine.getTaskService().createTaskQuery().taskId(verify.getId()).count()).as("still open").isOne();
    assertThat(engine.getRuntimeService().getVariable(live.instanceId(), "receivedDocuments")).isNull();

    // One document left unticked and a note: the client is asked for both, in words.
    HttpResponse<String> oneMissing = submit(http, verify, "\"receivedDocuments\": "
        + json("[\"FLIGHT_ITINERARY\",\"APPLICATION_STATUS_NUT\"]")
        + ", \"otherMissingDocuments\": {\"value\": \"A second copy of the photo\"}");
    assertThat(oneMissing.statusCode()).as(oneMissing.body()).isEqualTo(204);
    // Written from the step's facts as staff read it before it is sent (ADR 015).
    String email = await().atMost(Duration.ofSeconds(30)).until(() -> emails.forCase(CASE).stream()
        .filter(message -> message.noticeType().equals("MISSING_DOCUMENTS")).toList(), rows -> rows.size() == 1)
        .get(0).text();
    assertThat(email).contains("- One colour photo, child size 2.5 x 3 cm, front view, white background",
        "- A second copy of the photo").doesNotContain("PHOTO_CHILD_SIZE", "flight itinerary");
    live.awaitAt(RECEIVE_TASK_AWAIT_DOCUMENTS);

    // A manager verifies the documents sent again: everything ticked, the case goes on to payment.
    live.correlate(ExitReentryPermitProcess.Messages.DOCUMENTS_SUBMITTED, Map.of());
    Task again = live.awaitTask(USER_TASK_VERIFY_DOCUMENTS);
    assertThat(http.postJson("/engine-rest/task/" + again.getId() + "/claim", "{\"userId\": \"" + MANAGER + "\"}",
        MANAGER, TestUsers.PASSWORD).statusCode()).isEqualTo(204);
    HttpResponse<String> ticked = http.postJson("/engine-rest/task/" + again.getId() + "/submit-form",
        "{\"variables\": {\"receivedDocuments\": "
            + json("[\"FLIGHT_ITINERARY\",\"APPLICATION_STATUS_NUT\",\"PHOTO_CHILD_SIZE\"]") + "}}",
        MANAGER, TestUsers.PASSWORD);
    assertThat(ticked.statusCode()).as(ticked.body()).isEqualTo(204);
    live.awaitTask(USER_TASK_CONFIRM_PAYMENT);
    assertThat(engine.getRuntimeService().getVariable(live.instanceId(), "documentsComplete")).isEqualTo(true);
    assertThat(engine.getRuntimeService().getVariable(live.instanceId(), "missingDocuments")).isEqualTo("");
  }

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  private static HttpResponse<String> submit(Http http, Task task, String variables) {
    return http.postJson("/engine-rest/task/" + task.getId() + "/submit-form", "{\"variables\": {" + variables + "}}",
        STAFF, TestUsers.PASSWORD);
  }

  /** A checklist's answer as Tasklist sends it: JSON text, typed like the checklist's options. */
  private static String json(String value) {
    return "{\"type\": \"Object\", \"value\": " + quoted(value) + ", \"valueInfo\": {\"objectTypeName\": "
        + "\"java.util.ArrayList\", \"serializationDataFormat\": \"application/json\"}}";
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
