package mx.permiso.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.api.Test;

/** The conventions every model in processes/ and forms/ keeps; a drift fails the build. */
class ModelConventionsTest {

  private static final Path PROCESSES = Path.of("processes");
  private static final Path FORMS = Path.of("forms");
  private static final Pattern MODELER_DEFAULT_ID =
      Pattern.compile("(Activity|Event|Gateway|Flow|StartEvent|EndEvent|Task|SequenceFlow|ServiceTask|UserTask)_[0-9][0-9a-z]{5,}");

  @Test
  void everyProcessIsNamedAfterItsFileAndKeepsItsHistoryForAFixedTime() throws IOException {
    List<Path> models = files(PROCESSES, ".bpmn");
    assertThat(models).isNotEmpty();
    for (Path model : models) {
      BpmnModelInstance bpmn = Bpmn.readModelFromFile(model.toFile());
      List<Process> processes = List.copyOf(bpmn.getModelElementsByType(Process.class));
      assertThat(processes).extracting(Process::getId).as(model.toString()).contains(baseName(model));
      for (Process process : processes) {
        assertThat(process.getCamundaHistoryTimeToLiveString()).as("historyTimeToLive of " + process.getId()).isNotBlank();
      }
    }
  }

  @Test
  void noProcessUsesClassBindingOrModelerDefaultIds() throws IOException {
    for (Path model : files(PROCESSES, ".bpmn")) {
      String xml = Files.readString(model);
      assertThat(xml).as(model.toString()).doesNotContain("camunda:class=");
      BpmnModelInstance bpmn = Bpmn.readModelFromFile(model.toFile());
      for (BaseElement element : bpmn.getModelElementsByType(BaseElement.class)) {
        if (element.getId() != null) {
          assertThat(MODELER_DEFAULT_ID.matcher(element.getId()).matches()).as(element.getId()).isFalse();
        }
      }
    }
  }

  @Test
  void everyUserTaskHasACandidateGroupAndAnExistingForm() throws IOException {
    Set<String> formIds = formIds();
    for (Path model : files(PROCESSES, ".bpmn")) {
      for (UserTask task : Bpmn.readModelFromFile(model.toFile()).getModelElementsByType(UserTask.class)) {
        assertThat(task.getCamundaCandidateGroups()).as("candidate groups of " + task.getId()).isNotBlank();
        assertThat(task.getCamundaFormRef()).as("form of " + task.getId()).isNotBlank();
        assertThat(formIds).as("form " + task.getCamundaFormRef()).contains(task.getCamundaFormRef());
      }
    }
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
  void everyDecisionFileHoldsTheDecisionOfItsNameAndParses() throws IOException {
    List<Path> models = files(PROCESSES, ".dmn");
    assertThat(models).isNotEmpty();
    for (Path model : models) {
      DmnModelInstance dmn = Dmn.readModelFromFile(model.toFile());
      assertThat(dmn.getModelElementsByType(Decision.class)).extracting(Decision::getId).contains(baseName(model));
      for (Decision decision : dmn.getModelElementsByType(Decision.class)) {
        assertThat(decision.getCamundaHistoryTimeToLiveString()).as("historyTimeToLive of " + decision.getId()).isNotBlank();
      }
      List<DmnDecision> parsed = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine()
          .parseDecisions(dmn);
      assertThat(parsed).isNotEmpty();
    }
  }

  @Test
  void constantsNameElementsThatExistInTheModel() throws Exception {
    BpmnModelInstance bpmn = Bpmn.readModelFromFile(PROCESSES.resolve(ExitReentryPermitProcess.KEY + ".bpmn").toFile());
    for (Field field : ExitReentryPermitProcess.Elements.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        String id = (String) field.get(null);
        assertThat((Object) bpmn.getModelElementById(id)).as(field.getName() + " = " + id).isNotNull();
      }
    }
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
