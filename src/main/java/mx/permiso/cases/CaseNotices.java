package mx.permiso.cases;

import java.time.LocalDate;
import java.util.Map;
import mx.permiso.deadlines.Deadlines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Decides whether a notice is still worth sending and hands it to the {@link ClientNotifier}. */
@Component
public class CaseNotices {

  private static final Logger LOG = LoggerFactory.getLogger(CaseNotices.class);

  private final ClientNotifier notifier;
  private final Deadlines deadlines;

  public CaseNotices(ClientNotifier notifier, Deadlines deadlines) {
    this.notifier = notifier;
    this.deadlines = deadlines;
  }

  /** Sends the notice unless it is a reminder about a date that has already come. */
  public boolean send(String processInstanceId, String caseNumber, NoticeType type, Map<String, Object> facts) {
    LocalDate today = deadlines.today();
    if (type.pointlessFrom() != null
        && CaseFacts.of(facts).date(type.pointlessFrom()).filter(limit -> !today.isBefore(limit)).isPresent()) {
      LOG.info("Skipped {} for case {}: {} has come", type, caseNumber, type.pointlessFrom());
      return false;
    }
    notifier.send(new Notice(processInstanceId, caseNumber, type, today, facts));
    return true;
  }
}
