package mx.permiso.documents;

import java.util.Locale;
import java.util.Optional;
import mx.permiso.cases.ExitReentryPermitProcess;
import mx.permiso.engine.TaskCompletionCondition;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * "Prepare the INM paperwork" is done only once the paperwork is attached to the case: the step
 * after it emails the PDFs to the client and cannot go without them.
 */
@Component
public class PaperworkBeforeSending implements TaskCompletionCondition {

  /** The kind the paperwork email attaches. */
  public static final String INM_PAPERWORK = "INM_PAPERWORK";

  private final DocumentStore documents;
  private final MessageSource messages;

  public PaperworkBeforeSending(DocumentStore documents, MessageSource messages) {
    this.documents = documents;
    this.messages = messages;
  }

  @Override
  public Optional<String> unmet(String taskDefinitionKey, String caseNumber) {
    if (!ExitReentryPermitProcess.Elements.USER_TASK_PREPARE_INM_PAPERWORK.equals(taskDefinitionKey)
        || caseNumber == null
        || documents.listOf(caseNumber).stream().anyMatch(document -> INM_PAPERWORK.equals(document.kind()))) {
      return Optional.empty();
    }
    return Optional.of(messages.getMessage("task.error.noPaperwork", new Object[] {caseNumber}, Locale.ENGLISH));
  }
}
