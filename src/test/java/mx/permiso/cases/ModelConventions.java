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
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

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
    for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
      // the diagram shows names as written; Tasklist's filters show the case number and client instead
      if (element.getName() != null && element.getName().contains("${")) {
        violations.add(element.getId() + " has an expression in its name; keep names plain");
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
    violations.addAll(waitsWithoutWayOut(model));
    return violations;
  }

  /**
   * Wait states that only the outside world can end: a receive task or message catch event with no
   * interrupting timer on it or on a sub-process around it, and an event-based gateway with no timer
   * among its events. (A user task is a staff-driven way out by itself; the case-level cancellation
   * message does not count: nobody may be needed to remember a case.)
   */
  static List<String> waitsWithoutWayOut(BpmnModelInstance model) {
    List<String> violations = new ArrayList<>();
    List<BoundaryEvent> boundaries = List.copyOf(model.getModelElementsByType(BoundaryEvent.class));
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      // A catch event after an event-based gateway is raced by the gateway's other events: the gateway is judged.
      boolean waitsForMessage = node instanceof ReceiveTask
          || (node instanceof IntermediateCatchEvent event && !isTimer(event)
              && event.getIncoming().stream().noneMatch(flow -> flow.getSource() instanceof EventBasedGateway));
      if (waitsForMessage && !timedOut(node, boundaries)) {
        violations.add(node.getId() + " waits for a message with no timer- or staff-driven way out: "
            + "add an interrupting timer that hands the case to staff");
      }
      if (node instanceof EventBasedGateway && node.getOutgoing().stream().noneMatch(flow -> isTimer(flow.getTarget()))) {
        violations.add(node.getId() + " waits for events with no timer among them: add one that hands the case to staff");
      }
    }
    return violations;
  }

  /** Whether an interrupting timer is attached to the node or to a sub-process around it. */
  private static boolean timedOut(FlowNode node, List<BoundaryEvent> boundaries) {
    for (ModelElementInstance scope = node; scope != null && !(scope instanceof Process); scope = scope.getParentElement()) {
      ModelElementInstance current = scope;
      if (boundaries.stream().anyMatch(boundary -> boundary.getAttachedTo() == current && boundary.cancelActivity()
          && isTimer(boundary))) {
        return true;
      }
    }
    return false;
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
