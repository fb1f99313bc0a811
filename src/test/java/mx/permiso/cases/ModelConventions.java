package mx.permiso.cases;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;

/** The rules every BPMN model keeps, as a list of readable violations (empty when clean). */
final class ModelConventions {

  private static final Pattern MODELER_DEFAULT_ID = Pattern.compile(
      "(Activity|Event|Gateway|Flow|StartEvent|EndEvent|Task|SequenceFlow|ServiceTask|UserTask|Process|SubProcess)_[0-9][0-9a-z]{5,}");

  private ModelConventions() {
  }

  static List<String> violations(BpmnModelInstance model, String fileBaseName, Set<String> formIds) {
    List<String> violations = new ArrayList<>();
    String xml = Bpmn.convertToString(model);
    if (xml.contains("camunda:class=")) {
      violations.add("binds a delegate by camunda:class; use delegateExpression");
    }
    List<Process> processes = List.copyOf(model.getModelElementsByType(Process.class));
    if (processes.stream().noneMatch(process -> process.getId().equals(fileBaseName))) {
      violations.add("no process with the file's name '" + fileBaseName + "'");
    }
    for (Process process : processes) {
      if (process.getCamundaHistoryTimeToLiveString() == null || process.getCamundaHistoryTimeToLiveString().isBlank()) {
        violations.add(process.getId() + " has no historyTimeToLive");
      }
    }
    for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
      if (element.getId() != null && MODELER_DEFAULT_ID.matcher(element.getId()).matches()) {
        violations.add(element.getId() + " keeps the modeler's default id");
      }
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      if (task.getCamundaCandidateGroups() == null || task.getCamundaCandidateGroups().isBlank()) {
        violations.add(task.getId() + " has no candidate group");
      }
      if (task.getCamundaFormRef() == null || task.getCamundaFormRef().isBlank()) {
        violations.add(task.getId() + " has no form");
      } else if (!formIds.contains(task.getCamundaFormRef())) {
        violations.add(task.getId() + " refers to form '" + task.getCamundaFormRef() + "' that is not in forms/");
      }
      if (task.getCamundaDueDate() == null || task.getCamundaDueDate().isBlank()) {
        violations.add(task.getId() + " has no due date");
      }
      if (task.getCamundaFollowUpDate() == null || task.getCamundaFollowUpDate().isBlank()) {
        violations.add(task.getId() + " has no follow-up date");
      }
      if (task.getCamundaPriority() == null || task.getCamundaPriority().isBlank()) {
        violations.add(task.getId() + " has no priority: an emergency case's tasks must sort first in Tasklist");
      }
    }
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      if ("${sendNoticeDelegate}".equals(task.getCamundaDelegateExpression())) {
        try {
          SendNoticeDelegate.noticeOf(task);
        } catch (IllegalStateException e) {
          violations.add(e.getMessage());
        }
        boolean afterTimer = !task.getIncoming().isEmpty()
            && task.getIncoming().stream().allMatch(flow -> isTimer(flow.getSource()));
        if (afterTimer && task.isCamundaAsyncBefore()) {
          violations.add(task.getId() + " follows a timer: it runs in the timer's job, without asyncBefore (ADR 012)");
        } else if (!afterTimer && !task.isCamundaAsyncBefore()) {
          violations.add(task.getId() + " sends a notice: it needs asyncBefore, so a failure retries only that step "
              + "(ADR 005)");
        }
      }
    }
    return violations;
  }

  private static boolean isTimer(FlowNode node) {
    return node instanceof CatchEvent event
        && event.getEventDefinitions().stream().anyMatch(TimerEventDefinition.class::isInstance);
  }

  /** Constants (static String fields) whose value names no element, or message, of the model. */
  static List<String> driftedConstants(BpmnModelInstance model, Class<?> elements, Class<?> messages) {
    List<String> drifted = new ArrayList<>();
    for (String id : constants(elements)) {
      if (model.getModelElementById(id) == null) {
        drifted.add("element " + id);
      }
    }
    Set<String> messageNames = Set.copyOf(model.getModelElementsByType(Message.class).stream().map(Message::getName).toList());
    for (String name : constants(messages)) {
      if (!messageNames.contains(name)) {
        drifted.add("message " + name);
      }
    }
    return drifted;
  }

  private static List<String> constants(Class<?> holder) {
    List<String> values = new ArrayList<>();
    for (Field field : holder.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          values.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return values;
  }
}
