package mx.permiso.cases;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Sends the notice named by the task's {@code notice} input parameter. */
@Component("sendNoticeDelegate")
public class SendNoticeDelegate implements JavaDelegate {

  private final CaseNotices notices;

  public SendNoticeDelegate(CaseNotices notices) {
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    NoticeType type = NoticeType.valueOf((String) execution.getVariableLocal(ExitReentryPermitProcess.Variables.NOTICE));
    notices.send(execution.getProcessInstanceId(), (String) execution.getVariable(ExitReentryPermitProcess.Variables.CASE_NUMBER), type,
        execution.getVariables());
  }
}
