package mx.permiso.bench;

import static org.camunda.bpm.model.bpmn.impl.BpmnModelConstants.CAMUNDA_NS;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimeCycle;
import org.camunda.bpm.model.bpmn.instance.TimeDate;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The baseline of the throughput benchmark: the product's own engagement model with every piece
 * of the product's code taken out, so the two differ by what the product's code costs and by
 * nothing else. Made from {@code processes/exit-reentry-permit.bpmn} each run, so it follows the
 * model as it changes: the same subprocesses, gateways, user tasks, message events and boundary
 * timers, the same asynchronous steps, the same conditions on the same variables; every service
 * task a no-op expression, no listeners, no input mappings, no computed due or follow-up dates or priorities.
 *
 * <p>Timers: the product computes their dates from the case. Here each is a fixed date instead:
 * the ones the benchmark's path fires at the moments the product computes for its sample case
 * (the driver waits for each reminder step, so a wrong date would stop the run), every other at a
 * date the run never reaches (in the product, those are cancelled before they fall due as well).
 */
final class BaselineModel {

  static final String KEY = "baseline-engagement";
  private static final String PRODUCT_MODEL = "processes/exit-reentry-permit.bpmn";
  private static final String NEVER = "2099-01-01T00:00:00Z";
  /** Timers the driven path fires, at the product's dates for the sample case (10:00 in Mexico City). */
  private static final Map<String, String> FIRED = Map.of(
      "Timer_AppointmentReminder", "2026-11-11T10:00:00-06:00",
      "Timer_DepartureReminder", "2026-11-19T10:00:00-06:00",
      "Timer_HandBackReminder", "R3/2026-12-13T10:00:00-06:00/P3D");

  private BaselineModel() {
  }

  static BpmnModelInstance fromProductModel() {
    BpmnModelInstance model;
    try (InputStream product = BaselineModel.class.getClassLoader().getResourceAsStream(PRODUCT_MODEL)) {
      if (product == null) {
        throw new IllegalStateException(PRODUCT_MODEL + " is not on the classpath");
      }
      model = Bpmn.readModelFromStream(product);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Process process = single(model.getModelElementsByType(Process.class));
    process.setId(KEY);
    process.setName("Baseline: the engagement without the product's code");
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      List.of("delegateExpression", "class", "resultVariable").forEach(name -> task.removeAttributeNs(CAMUNDA_NS, name));
      task.setCamundaExpression("${true}");
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      List.of("dueDate", "followUpDate", "priority").forEach(name -> task.removeAttributeNs(CAMUNDA_NS, name));
    }
    for (ExtensionElements extensions : model.getModelElementsByType(ExtensionElements.class)) {
      List<ModelElementInstance> productCode = extensions.getElementsQuery().list().stream()
          .filter(element -> element instanceof CamundaInputOutput || element instanceof CamundaTaskListener
              || element instanceof CamundaExecutionListener).map(ModelElementInstance.class::cast).toList();
      productCode.forEach(extensions::removeChildElement);
    }
    for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
      fixDate(((BaseElement) timer.getParentElement()).getId(), timer);
    }
    return model;
  }

  private static void fixDate(String id, TimerEventDefinition timer) {
    TimeDate date = timer.getTimeDate();
    TimeCycle cycle = timer.getTimeCycle();
    if (date != null) {
      date.setTextContent(FIRED.getOrDefault(id, NEVER));
    } else if (cycle != null) {
      cycle.setTextContent(FIRED.getOrDefault(id, "R3/" + NEVER + "/P2D"));
    } else {
      throw new IllegalStateException("Timer " + id + " has neither a date nor a cycle: extend the baseline");
    }
  }

  private static <T> T single(Collection<T> elements) {
    if (elements.size() != 1) {
      throw new IllegalStateException("Expected one, found " + elements.size());
    }
    return elements.iterator().next();
  }
}
