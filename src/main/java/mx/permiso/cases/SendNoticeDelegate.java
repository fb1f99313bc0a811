package mx.permiso.cases;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * Sends the notice named by the step's {@code notice} property (an extension property in the
 * model, so sending writes no variable: read once per model version and step).
 */
@Component("sendNoticeDelegate")
public class SendNoticeDelegate implements JavaDelegate {

  static final String NOTICE_PROPERTY = "notice";

  private final CaseNotices notices;
  private final Map<String, NoticeType> noticeOfStep = new ConcurrentHashMap<>();

  public SendNoticeDelegate(CaseNotices notices) {
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    NoticeType type = noticeOfStep.computeIfAbsent(execution.getProcessDefinitionId() + "/"
        + execution.getCurrentActivityId(), step -> noticeOf(execution.getBpmnModelElementInstance()));
    Map<String, Object> variables = execution.getVariables();
    notices.send(execution.getProcessInstanceId(), CaseFacts.of(variables).caseNumber(), type, variables);
  }

  static NoticeType noticeOf(FlowElement step) {
    String value = step.getExtensionElements() == null ? null : step.getExtensionElements().getElementsQuery()
        .filterByType(CamundaProperties.class).list().stream()
        .flatMap(properties -> properties.getCamundaProperties().stream())
        .filter(property -> NOTICE_PROPERTY.equals(property.getCamundaName()))
        .map(CamundaProperty::getCamundaValue).findFirst().orElse(null);
    if (value == null) {
      throw new IllegalStateException("Step " + step.getId() + " sends a notice but names none: give it the extension "
          + "property '" + NOTICE_PROPERTY + "' (one of " + Arrays.toString(NoticeType.values()) + ")");
    }
    try {
      return NoticeType.valueOf(value.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("Step " + step.getId() + " names an unknown notice '" + value + "'", e);
    }
  }
}
