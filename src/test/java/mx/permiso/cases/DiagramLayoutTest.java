package mx.permiso.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnLabel;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
* Checks the diagram interchange of every model in processes/ so the rendered picture stays readable: no shape
* or label on top of another, and no flow drawn through a shape it does not start or end at.
*/
class DiagramLayoutTest {

  static Stream<File> models() {
    File[] files = new File("processes").listFiles((dir, name) -> name.endsWith(".bpmn"));
    assertThat(files).isNotEmpty();
    return Stream.of(files).sorted();
  }

  @ParameterizedTest
  @MethodSource("models")
  void noTwoShapesOverlap(File file) {
    assertThat(overlappingShapes(Bpmn.readModelFromFile(file)))
        .as("shapes on top of each other in %s", file.getName()).isEmpty();
  }

  /** Pairs of shapes on top of each other, but for a boundary event on its host and a shape in its sub-process. */
  static List<String> overlappingShapes(BpmnModelInstance model) {
    Diagram diagram = new Diagram(model);
    List<String> overlaps = new ArrayList<>();
    List<BaseElement> elements = new ArrayList<>(diagram.shapes.keySet());
    for (int i = 0; i < elements.size(); i++) {
      for (int j = i + 1; j < elements.size(); j++) {
        BaseElement a = elements.get(i);
        BaseElement b = elements.get(j);
        if (diagram.mayOverlap(a, b)) {
          continue;
        }
        if (diagram.shapes.get(a).overlaps(diagram.shapes.get(b))) {
          overlaps.add(a.getId() + " / " + b.getId());
        }
      }
    }
    return overlaps;
  }

  @ParameterizedTest
  @MethodSource("models")
  void everyNamedEventGatewayAndFlowHasItsLabelPlaced(File file) {
    assertThat(unplacedLabels(Bpmn.readModelFromFile(file)))
        .as("named elements without label bounds in %s", file.getName()).isEmpty();
  }

  /** Named events, gateways and flows whose label has no bounds. */
  static List<String> unplacedLabels(BpmnModelInstance model) {
    // bpmn-js places a missing label itself, where the checks below cannot see it
    Diagram diagram = new Diagram(model);
    List<String> unplaced = new ArrayList<>();
    for (BaseElement element : diagram.elementsWithDi()) {
      String name = element.getAttributeValue("name");
      boolean external = !(element instanceof Task) && !(element instanceof SubProcess);
      if (name != null && !name.isBlank() && external && !diagram.labels.containsKey(element)) {
        unplaced.add(element.getId());
      }
    }
    return unplaced;
  }

  @ParameterizedTest
  @MethodSource("models")
  void noLabelOverlapsAnotherLabelOrAShape(File file) {
    assertThat(overlappingLabels(Bpmn.readModelFromFile(file)))
        .as("labels on top of labels or shapes in %s", file.getName()).isEmpty();
  }

  /** Labels on top of another label or of a shape other than a sub-process holding their element. */
  static List<String> overlappingLabels(BpmnModelInstance model) {
    Diagram diagram = new Diagram(model);
    List<String> overlaps = new ArrayList<>();
    List<BaseElement> labelled = new ArrayList<>(diagram.labels.keySet());
    for (int i = 0; i < labelled.size(); i++) {
      for (int j = i + 1; j < labelled.size(); j++) {
        if (diagram.labels.get(labelled.get(i)).overlaps(diagram.labels.get(labelled.get(j)))) {
          overlaps.add("label " + labelled.get(i).getId() + " / label " + labelled.get(j).getId());
        }
      }
      for (Map.Entry<BaseElement, Box> shape : diagram.shapes.entrySet()) {
        BaseElement owner = labelled.get(i);
        // a label may sit inside the sub-process that holds its element, never on any other shape
        if (diagram.ancestors(owner).contains(shape.getKey())) {
          continue;
        }
        if (diagram.labels.get(owner).overlaps(shape.getValue())) {
          overlaps.add("label " + owner.getId() + " / " + shape.getKey().getId());
        }
      }
    }
    return overlaps;
  }

  @ParameterizedTest
  @MethodSource("models")
  void noFlowRunsThroughAShapeThatIsNotItsEnd(File file) {
    assertThat(flowsThroughShapes(Bpmn.readModelFromFile(file)))
        .as("flows drawn through shapes in %s", file.getName()).isEmpty();
  }

  /** Flows with a segment through a shape that is not their source, target or a sub-process holding them. */
  static List<String> flowsThroughShapes(BpmnModelInstance model) {
    Diagram diagram = new Diagram(model);
    List<String> crossings = new ArrayList<>();
    for (BpmnEdge edge : diagram.model.getModelElementsByType(BpmnEdge.class)) {
      if (!(edge.getBpmnElement() instanceof SequenceFlow flow)) {
        continue;
      }
      Set<BaseElement> allowed = new HashSet<>();
      allowed.add(flow.getSource());
      allowed.add(flow.getTarget());
      allowed.addAll(diagram.containers(flow.getSource()));
      allowed.addAll(diagram.containers(flow.getTarget()));
      List<Waypoint> points = new ArrayList<>(edge.getWaypoints());
      for (Map.Entry<BaseElement, Box> shape : diagram.shapes.entrySet()) {
        if (allowed.contains(shape.getKey())) {
          continue;
        }
        for (int k = 0; k + 1 < points.size(); k++) {
          if (shape.getValue().crossedBy(points.get(k), points.get(k + 1))) {
            crossings.add(flow.getId() + " through " + shape.getKey().getId());
            break;
          }
        }
      }
    }
    return crossings;
  }

  /** A task between two events, laid out by the model API's builder, with its labels placed. */
  private static BpmnModelInstance sample() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("p").startEvent("StartEvent_Begun")
        .userTask("UserTask_Work").name("Work").userTask("UserTask_More").name("More").endEvent("EndEvent_Done").done();
    assertThat(overlappingShapes(model)).isEmpty();
    assertThat(flowsThroughShapes(model)).isEmpty();
    return model;
  }

  private static Bounds bounds(BpmnModelInstance model, String element) {
    return model.getModelElementsByType(BpmnShape.class).stream()
        .filter(shape -> shape.getBpmnElement().getId().equals(element)).findFirst().orElseThrow().getBounds();
  }

  @Test
  void aShapeMovedOntoAnotherIsCaught() {
    BpmnModelInstance model = sample();
    bounds(model, "UserTask_More").setX(bounds(model, "UserTask_Work").getX() + 20);
    assertThat(overlappingShapes(model)).containsExactly("UserTask_Work / UserTask_More");
  }

  @Test
  void aFlowDrawnThroughAShapeIsCaught() {
    BpmnModelInstance model = sample();
    // the end event moved onto the line from the start event to the first task
    Bounds start = bounds(model, "StartEvent_Begun");
    Bounds end = bounds(model, "EndEvent_Done");
    end.setX(start.getX() + start.getWidth() + 5);
    end.setY(start.getY());
    assertThat(flowsThroughShapes(model))
        .anySatisfy(crossing -> assertThat(crossing).endsWith("through EndEvent_Done"));
  }

  @Test
  void anUnplacedLabelAndALabelOnAShapeAreCaught() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("p").startEvent("StartEvent_Begun").name("Begun")
        .userTask("UserTask_Work").name("Work").endEvent("EndEvent_Done").name("Done").done();
    assertThat(unplacedLabels(model)).containsExactlyInAnyOrder("StartEvent_Begun", "EndEvent_Done");

    Bounds task = bounds(model, "UserTask_Work");
    BpmnShape start = model.getModelElementsByType(BpmnShape.class).stream()
        .filter(shape -> shape.getBpmnElement().getId().equals("StartEvent_Begun")).findFirst().orElseThrow();
    BpmnLabel label = model.newInstance(BpmnLabel.class);
    Bounds onTheTask = model.newInstance(Bounds.class);
    onTheTask.setX(task.getX() + 10);
    onTheTask.setY(task.getY() + 10);
    onTheTask.setWidth(40);
    onTheTask.setHeight(14);
    label.setBounds(onTheTask);
    start.setBpmnLabel(label);
    assertThat(overlappingLabels(model)).containsExactly("label StartEvent_Begun / UserTask_Work");
  }

  /** The shapes and labels of one model, by the element they draw. */
  private static final class Diagram {
    final BpmnModelInstance model;
    final Map<BaseElement, Box> shapes = new LinkedHashMap<>();
    final Map<BaseElement, Box> labels = new LinkedHashMap<>();

    Diagram(BpmnModelInstance model) {
      this.model = model;
      for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
        shapes.put(shape.getBpmnElement(), Box.of(shape.getBounds()));
        if (shape.getBpmnLabel() != null && shape.getBpmnLabel().getBounds() != null) {
          labels.put(shape.getBpmnElement(), Box.of(shape.getBpmnLabel().getBounds()));
        }
      }
      for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
        if (edge.getBpmnLabel() != null && edge.getBpmnLabel().getBounds() != null) {
          labels.put(edge.getBpmnElement(), Box.of(edge.getBpmnLabel().getBounds()));
        }
      }
    }

    Collection<BaseElement> elementsWithDi() {
      List<BaseElement> all = new ArrayList<>(shapes.keySet());
      for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
        all.add(edge.getBpmnElement());
      }
      return all;
    }

    /** The sub-processes holding an element; for a boundary event, also its host and the host's. */
    Set<BaseElement> ancestors(BaseElement element) {
      Set<BaseElement> result = containers(element);
      if (element instanceof BoundaryEvent boundary) {
        result.add(boundary.getAttachedTo());
        result.addAll(ancestors(boundary.getAttachedTo()));
      }
      return result;
    }

    /** The sub-processes holding an element. */
    Set<BaseElement> containers(BaseElement element) {
      Set<BaseElement> result = new HashSet<>();
      for (ModelElementInstance parent = element.getParentElement(); parent != null;
          parent = parent.getParentElement()) {
        if (parent instanceof FlowNode node) {
          result.add(node);
        }
      }
      return result;
    }

    boolean mayOverlap(BaseElement a, BaseElement b) {
      return ancestors(a).contains(b) || ancestors(b).contains(a);
    }
  }

  /** An axis-aligned rectangle. */
  private record Box(double x, double y, double width, double height) {
    static Box of(Bounds bounds) {
      return new Box(bounds.getX(), bounds.getY(), bounds.getWidth(), bounds.getHeight());
    }

    boolean overlaps(Box other) {
      return x < other.x + other.width && other.x < x + width
          && y < other.y + other.height && other.y < y + height;
    }

    /** Whether the segment enters the inside of this box; touching its border does not count. */
    boolean crossedBy(Waypoint from, Waypoint to) {
      double inset = 1;
      double left = x + inset;
      double right = x + width - inset;
      double top = y + inset;
      double bottom = y + height - inset;
      // Liang-Barsky clipping of the segment against the inset box
      double x0 = from.getX();
      double y0 = from.getY();
      double dx = to.getX() - x0;
      double dy = to.getY() - y0;
      double[] p = {-dx, dx, -dy, dy};
      double[] q = {x0 - left, right - x0, y0 - top, bottom - y0};
      double enter = 0;
      double leave = 1;
      for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
          if (q[i] < 0) {
            return false;
          }
        } else {
          double t = q[i] / p[i];
          if (p[i] < 0) {
            enter = Math.max(enter, t);
          } else {
            leave = Math.min(leave, t);
          }
        }
      }
      return enter < leave;
    }
  }
}
