package mx.permiso.documents;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import mx.permiso.cases.ExitReentryPermitProcess;
import mx.permiso.engine.TaskCompletionCondition;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * "Prepare the INM paperwork" is done only once the paperwork is attached to the case: the step
 * after it emails the PDFs to the client and cannot go without them. After INM asked for corrected
 * forms, only paperwork attached since then counts: the forms INM refused must not go out again.
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
  public Optional<String> unmet(String taskDefinitionKey, String caseNumber, Map<String, Object> variables) {
    if (!ExitReentryPermitProcess.Elements.USER_TASK_PREPARE_INM_PAPERWORK.equals(taskDefinitionKey)
        || caseNumber == null) {
      return Optional.empty();
    }
    Instant correctionsAsked = correctionsAsked(variables.get(
        ExitReentryPermitProcess.Variables.PAPERWORK_CORRECTIONS_ASKED_AT));
    if (!current(documents.listOf(caseNumber), correctionsAsked).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(correctionsAsked == null
        ? messages.getMessage("task.error.noPaperwork", new Object[] {caseNumber}, Locale.ENGLISH)
        : messages.getMessage("task.error.noCorrectedPaperwork", new Object[] {caseNumber}, Locale.ENGLISH));
  }

  /**
   * The INM paperwork of a case that goes to the client: all of it, or once INM asked for corrections
   * (at {@code correctionsAsked}), only what was attached from then on.
   */
  public static List<DocumentStore.DocumentInfo> current(List<DocumentStore.DocumentInfo> caseDocuments,
      Instant correctionsAsked) {
    return caseDocuments.stream().filter(document -> INM_PAPERWORK.equals(document.kind()))
        .filter(document -> correctionsAsked == null || !document.uploadedAt().isBefore(correctionsAsked))
        .toList();
  }

  /** The moment INM asked for corrections, as the case keeps it (an ISO instant), if it did. */
  public static Instant correctionsAsked(Object value) {
    if (!(value instanceof String text) || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException unreadable) {
      return null;
    }
  }
}
