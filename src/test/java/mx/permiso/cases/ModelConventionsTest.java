package mx.permiso.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.api.Test;

/** The conventions every model in processes/ and forms/ keeps; a drift fails the build. */
class ModelConventionsTest {

  private static final Path PROCESSES = Path.of("processes");
  private static final Path FORMS = Path.of("forms");
  private static final Set<String> FORM_IDS = Set.of("review-intake");

  @Test
  void everyProcessModelKeepsTheConventions() throws IOException {
    List<Path> models = files(PROCESSES, ".bpmn");
    assertThat(models).isNotEmpty();
    Set<String> formIds = formIds();
    for (Path model : models) {
      assertThat(ModelConventions.violations(Bpmn.readModelFromFile(model.toFile()), baseName(model), formIds))
          .as(model.toString()).isEmpty();
    }
  }

  @Test
  void aWaitForTheOutsideWorldWithoutATimerIsAViolation() {
    BpmnModelInstance receiveOnly = Bpmn.createExecutableProcess("waits").startEvent("Start")
        .receiveTask("ReceiveTask_Forever").message("Something").endEvent("End").done();
    assertThat(ModelConventions.waitsWithoutWayOut(receiveOnly)).singleElement().asString()
        .startsWith("ReceiveTask_Forever waits for a message");

    BpmnModelInstance messageCatch = Bpmn.createExecutableProcess("waits").startEvent("Start")
        .intermediateCatchEvent("Catch_Forever").message("Something").endEvent("End").done();
    assertThat(ModelConventions.waitsWithoutWayOut(messageCatch)).singleElement().asString().startsWith("Catch_Forever");

    BpmnModelInstance messagesOnly = Bpmn.createExecutableProcess("waits").startEvent("Start")
        .eventBasedGateway().id("Gateway_Forever")
        .intermediateCatchEvent("Catch_One").message("One").endEvent("End_One")
        .moveToLastGateway().intermediateCatchEvent("Catch_Two").message("Two").endEvent("End_Two").done();
    assertThat(ModelConventions.waitsWithoutWayOut(messagesOnly)).singleElement().asString()
        .startsWith("Gateway_Forever waits for events with no timer");
  }

  @Test
  void aWaitWithAnInterruptingTimerOnItOrItsSubProcessHasAWayOut() {
    BpmnModelInstance timed = Bpmn.createExecutableProcess("waits").startEvent("Start")
        .receiveTask("ReceiveTask_Timed").message("Something").endEvent("End")
        .moveToActivity("ReceiveTask_Timed").boundaryEvent("Timer_Out").timerWithDuration("P1D").endEvent("End_Late")
        .done();
    assertThat(ModelConventions.waitsWithoutWayOut(timed)).isEmpty();

    BpmnModelInstance remindersOnly = Bpmn.createExecutableProcess("waits").startEvent("Start")
        .receiveTask("ReceiveTask_Reminded").message("Something").endEvent("End")
        .moveToActivity("ReceiveTask_Reminded").boundaryEvent("Timer_Reminder").cancelActivity(false)
        .timerWithCycle("R3/P1D").endEvent("End_Reminded").done();
    assertThat(ModelConventions.waitsWithoutWayOut(remindersOnly)).as("reminders alone end no wait").hasSize(1);

    BpmnModelInstance enclosed = Bpmn.createExecutableProcess("waits").startEvent("Start")
        .subProcess("SubProcess_Waiting").embeddedSubProcess().startEvent("Inner_Start")
        .receiveTask("ReceiveTask_Inside").message("Something").endEvent("Inner_End").subProcessDone()
        .endEvent("End").moveToActivity("SubProcess_Waiting").boundaryEvent("Timer_Around").timerWithDuration("P1D")
        .endEvent("End_Late").done();
    assertThat(ModelConventions.waitsWithoutWayOut(enclosed)).isEmpty();

    BpmnModelInstance raced = Bpmn.createExecutableProcess("waits").startEvent("Start")
        .eventBasedGateway().id("Gateway_Raced")
        .intermediateCatchEvent("Catch_Message").message("One").endEvent("End_One")
        .moveToLastGateway().intermediateCatchEvent("Catch_Timer").timerWithDuration("P1D").endEvent("End_Two").done();
    assertThat(ModelConventions.waitsWithoutWayOut(raced)).as("the gateway's message catch is raced by the timer")
        .isEmpty();
  }

  @Test
  void everyDecisionAskedAgainOpensBlank() {
    BpmnModelInstance bpmn = Bpmn.readModelFromFile(PROCESSES.resolve(ExitReentryPermitProcess.KEY + ".bpmn").toFile());
    for (String task : FreshAnswersListener.ANSWERS.keySet()) {
      org.camunda.bpm.model.bpmn.instance.UserTask userTask = bpmn.getModelElementById(task);
      assertThat(userTask.getExtensionElements().getElementsQuery()
          .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener.class).list())
          .as(task).anySatisfy(listener -> {
            assertThat(listener.getCamundaEvent()).isEqualTo("create");
            assertThat(listener.getCamundaDelegateExpression()).isEqualTo("${freshAnswersListener}");
          });
    }
  }

  @Test
  void constantsNameElementsAndMessagesThatExistInTheModel() {
    BpmnModelInstance bpmn = Bpmn.readModelFromFile(PROCESSES.resolve(ExitReentryPermitProcess.KEY + ".bpmn").toFile());
    assertThat(ModelConventions.driftedConstants(bpmn, ExitReentryPermitProcess.Elements.class,
        ExitReentryPermitProcess.Messages.class)).isEmpty();
  }

  @Test
  void everyFormIdEqualsItsFileName() throws IOException {
    List<Path> forms = files(FORMS, ".form");
    assertThat(forms).isNotEmpty();
    for (Path form : forms) {
      assertThat(new ObjectMapper().readTree(form.toFile()).path("id").asText()).as(form.toString())
          .isEqualTo(baseName(form));
    }
  }

  @Test
  void noFormLetsStaffChangeTheClientsContactOrAComputedFact() throws IOException {
    Set<String> protectedVariables = Stream.concat(ExitReentryPermitProcess.Variables.CLIENT_CONTACT.stream(),
        ExitReentryPermitProcess.Variables.COMPUTED.stream()).collect(Collectors.toSet());
    for (Path form : files(FORMS, ".form")) {
      List<String> editable = new java.util.ArrayList<>();
      new ObjectMapper().readTree(form.toFile()).path("components").forEach(component -> {
        if (protectedVariables.contains(component.path("key").asText())
            && !component.path("readonly").asBoolean(false)) {
          editable.add(component.path("key").asText());
        }
      });
      assertThat(editable).as(form + ": shown read-only, changed only by the audited case action").isEmpty();
    }
  }

  @Test
  void everyFormShowsTheClientsPhoneAndLanguageReadOnly() throws IOException {
    // Staff call the client and write free text that goes into the client's emails, in the client's language.
    for (Path form : files(FORMS, ".form")) {
      Set<String> shown = new java.util.HashSet<>();
      new ObjectMapper().readTree(form.toFile()).path("components").forEach(component -> {
        if (component.path("readonly").asBoolean(false)) {
          shown.add(component.path("key").asText());
        }
      });
      assertThat(shown).as(form + ": shows the client's phone and language, read-only")
          .contains(ExitReentryPermitProcess.Variables.PHONE, ExitReentryPermitProcess.Variables.LANGUAGE);
    }
  }

  @Test
  void everyDecisionFileHoldsTheDecisionOfItsNameAndParses() throws IOException {
    List<Path> models = files(PROCESSES, ".dmn");
    assertThat(models).isNotEmpty();
    for (Path model : models) {
      DmnModelInstance dmn = Dmn.readModelFromFile(model.toFile());
      assertThat(dmn.getModelElementsByType(Decision.class)).extracting(Decision::getId).contains(baseName(model));
      for (Decision decision : dmn.getModelElementsByType(Decision.class)) {
        assertThat(decision.getCamundaHistoryTimeToLiveString()).as("historyTimeToLive of " + decision.getId()).isNotBlank();
      }
      assertThat(DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine().parseDecisions(dmn)).isNotEmpty();
    }
  }

  // The checks themselves must catch each kind of drift.

  @Test
  void aModelerDefaultIdIsCaught() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("p").camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Begun").serviceTask("Activity_0x1abcd").camundaDelegateExpression("${x}")
        .endEvent("EndEvent_Done").done();
    assertThat(ModelConventions.violations(model, "p", FORM_IDS)).containsExactly("Activity_0x1abcd keeps the modeler's default id");
  }

  @Test
  void classBindingIsCaught() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("p").camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Begun").serviceTask("ServiceTask_Do").camundaClass("com.example.Do")
        .endEvent("EndEvent_Done").done();
    assertThat(ModelConventions.violations(model, "p", FORM_IDS))
        .containsExactly("binds a delegate by camunda:class; use delegateExpression");
  }

  @Test
  void aMissingHistoryTimeToLiveIsCaught() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("p").startEvent("StartEvent_Begun").endEvent("EndEvent_Done").done();
    // The builder fills in a default; a hand-edited model may not have one.
    model.<org.camunda.bpm.model.bpmn.instance.Process>getModelElementById("p").setCamundaHistoryTimeToLiveString(null);
    assertThat(ModelConventions.violations(model, "p", FORM_IDS)).containsExactly("p has no historyTimeToLive");
  }

  @Test
  void aNameWithAnExpressionIsCaught() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("p").camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Begun").name("Intake of ${caseNumber}").endEvent("EndEvent_Done").name("Done").done();
    assertThat(ModelConventions.violations(model, "p", FORM_IDS))
        .containsExactly("StartEvent_Begun has an expression in its name; keep names plain");
  }

  @Test
  void aProcessNotNamedAfterItsFileIsCaught() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("other").camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Begun").endEvent("EndEvent_Done").done();
    assertThat(ModelConventions.violations(model, "p", FORM_IDS)).containsExactly("no process with the file's name 'p'");
  }

  @Test
  void userTasksWithoutGroupFormDueOrFollowUpDateOrPriorityAreCaught() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("p").camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Begun")
        .userTask("UserTask_Unknown").camundaCandidateGroups("legal-staff").camundaFormRef("no-such-form").camundaDueDate("${d}")
        .camundaFollowUpDate("${f}").camundaPriority("${p}")
        .userTask("UserTask_Bare")
        .endEvent("EndEvent_Done").done();
    assertThat(ModelConventions.violations(model, "p", FORM_IDS)).containsExactly(
        "UserTask_Unknown refers to form 'no-such-form' that is not in forms/",
        "UserTask_Bare has no candidate group",
        "UserTask_Bare has no form",
        "UserTask_Bare has no due date",
        "UserTask_Bare has no follow-up date",
        "UserTask_Bare has no priority: an emergency case's tasks must sort first in Tasklist");
  }

  @Test
  void noticeStepsWithoutAKnownNoticeAreCaught() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("p").camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Begun")
        .serviceTask("ServiceTask_Unnamed").camundaAsyncBefore().camundaDelegateExpression("${sendNoticeDelegate}")
        .serviceTask("ServiceTask_Unknown").camundaAsyncBefore().camundaDelegateExpression("${sendNoticeDelegate}")
        .serviceTask("ServiceTask_Known").camundaAsyncBefore().camundaDelegateExpression("${sendNoticeDelegate}")
        .endEvent("EndEvent_Done").done();
    noticeProperty(model, "ServiceTask_Unknown", "POSTCARD");
    noticeProperty(model, "ServiceTask_Known", "CASE_CLOSED");
    assertThat(ModelConventions.violations(model, "p", FORM_IDS)).hasSize(2)
        .anySatisfy(violation -> assertThat(violation).startsWith("Step ServiceTask_Unnamed sends a notice but names none"))
        .anySatisfy(violation -> assertThat(violation).isEqualTo("Step ServiceTask_Unknown names an unknown notice 'POSTCARD'"));
  }

  @Test
  void aNoticeStepIsAsyncBeforeUnlessATimerStartsIt() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("p").camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Begun")
        .serviceTask("ServiceTask_SentInline").camundaDelegateExpression("${sendNoticeDelegate}")
        .intermediateCatchEvent("Timer_Later").timerWithDuration("P1D")
        .serviceTask("ServiceTask_SentAfterTimer").camundaAsyncBefore().camundaDelegateExpression("${sendNoticeDelegate}")
        .intermediateCatchEvent("Timer_Again").timerWithDuration("P1D")
        .serviceTask("ServiceTask_RemindedByTimer").camundaDelegateExpression("${sendNoticeDelegate}")
        .serviceTask("ServiceTask_SentAsync").camundaAsyncBefore().camundaDelegateExpression("${sendNoticeDelegate}")
        .endEvent("EndEvent_Done").done();
    for (String step : List.of("ServiceTask_SentInline", "ServiceTask_SentAfterTimer", "ServiceTask_RemindedByTimer",
        "ServiceTask_SentAsync")) {
      noticeProperty(model, step, "CASE_CLOSED");
    }
    assertThat(ModelConventions.violations(model, "p", FORM_IDS)).containsExactlyInAnyOrder(
        "ServiceTask_SentInline sends a notice: it needs asyncBefore, so a failure retries only that step (ADR 005)",
        "ServiceTask_SentAfterTimer follows a timer: it runs in the timer's job, without asyncBefore (ADR 012)");
  }

  @Test
  void constantsThatDriftFromTheModelAreCaught() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("p").camundaHistoryTimeToLive(1)
        .startEvent(ExitReentryPermitProcess.Elements.START_EVENT_INTAKE_RECEIVED).endEvent("EndEvent_Done").done();
    List<String> drifted = ModelConventions.driftedConstants(model, ExitReentryPermitProcess.Elements.class,
        ExitReentryPermitProcess.Messages.class);
    assertThat(drifted).contains("element " + ExitReentryPermitProcess.Elements.USER_TASK_REVIEW_INTAKE,
        "message " + ExitReentryPermitProcess.Messages.CASE_CANCELLED)
        .doesNotContain("element " + ExitReentryPermitProcess.Elements.START_EVENT_INTAKE_RECEIVED);
  }

  private static void noticeProperty(BpmnModelInstance model, String taskId, String notice) {
    CamundaProperty property = model.newInstance(CamundaProperty.class);
    property.setCamundaName("notice");
    property.setCamundaValue(notice);
    CamundaProperties properties = model.newInstance(CamundaProperties.class);
    properties.getCamundaProperties().add(property);
    model.<ServiceTask>getModelElementById(taskId).builder().addExtensionElement(properties);
  }

  private static Set<String> formIds() throws IOException {
    ObjectMapper json = new ObjectMapper();
    return files(FORMS, ".form").stream().map(path -> {
      try {
        return json.readTree(path.toFile()).path("id").asText();
      } catch (IOException e) {
        throw new IllegalStateException(path.toString(), e);
      }
    }).collect(Collectors.toSet());
  }

  private static List<Path> files(Path folder, String ending) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths.filter(path -> path.toString().endsWith(ending)).sorted().toList();
    }
  }

  private static String baseName(Path path) {
    String name = path.getFileName().toString();
    return name.substring(0, name.lastIndexOf('.'));
  }
}
