package mx.permiso.documents;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import mx.permiso.cases.ExitReentryPermitProcess.Elements;
import mx.permiso.cases.ExitReentryPermitProcess.Variables;
import mx.permiso.engine.TaskCompletionCondition;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A permit counts as handed back to INM only with INM's proof: its receipt attached to the case
 * ({@code INM_RECEIPT}) or the receipt's reference recorded. Holds for staff recording the hand-back
 * themselves and for staff confirming the client's word; staff who found it not handed back need none.
 */
@Component
public class HandBackEvidence implements TaskCompletionCondition {

  private final DocumentStore documents;
  private final MessageSource messages;

  public HandBackEvidence(DocumentStore documents, MessageSource messages) {
    this.documents = documents;
    this.messages = messages;
  }

  @Override
  public Optional<String> unmet(String taskDefinitionKey, String caseNumber, Map<String, Object> variables) {
    if (Elements.USER_TASK_CONFIRM_PERMIT_RETURNED.equals(taskDefinitionKey)) {
      Boolean confirmed = yesOrNo(variables.get(Variables.PERMIT_RETURN_CONFIRMED));
      if (confirmed == null) {
        return Optional.of(message("task.error.permitReturnConfirmed.missing"));
      }
      if (!confirmed) {
        return Optional.empty();
      }
    } else if (!Elements.USER_TASK_RECORD_PERMIT_RETURNED.equals(taskDefinitionKey)) {
      return Optional.empty();
    }
    if (variables.get(Variables.INM_RECEIPT_REFERENCE) instanceof String reference && !reference.isBlank()) {
      return Optional.empty();
    }
    if (caseNumber != null && documents.listOf(caseNumber).stream()
        .anyMatch(document -> StaffDocuments.INM_RECEIPT.equals(document.kind()))) {
      return Optional.empty();
    }
    return Optional.of(message("task.error.noInmReceipt", caseNumber));
  }

  private static Boolean yesOrNo(Object value) {
    if (value instanceof Boolean answer) {
      return answer;
    }
    return value instanceof String text && (text.equals("true") || text.equals("false")) ? Boolean.valueOf(text) : null;
  }

  private String message(String key, Object... arguments) {
    return messages.getMessage(key, arguments, Locale.ENGLISH);
  }
}
