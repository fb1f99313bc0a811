package mx.permiso.documents;

import java.time.Clock;
import mx.permiso.cases.ExitReentryPermitProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Notes the moment INM asked for corrected forms (the model's "corrected forms" path), in the
 * transaction that records INM's outcome: the paperwork attached before it is the paperwork INM
 * refused, so the next round needs, and sends, only what staff attach from then on.
 */
@Component("paperworkCorrections")
public class PaperworkCorrections implements ExecutionListener {

  private final Clock clock;

  public PaperworkCorrections(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void notify(DelegateExecution execution) {
    execution.setVariable(ExitReentryPermitProcess.Variables.PAPERWORK_CORRECTIONS_ASKED_AT, clock.instant().toString());
  }
}
