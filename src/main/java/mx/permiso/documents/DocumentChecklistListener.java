package mx.permiso.documents;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import mx.permiso.cases.CaseFacts;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * The verification form's checklist. When the task is created: its options, the case's required
 * documents by staff name (task variable {@code documentChecklist}). When it is completed: what is
 * missing ({@code missingDocuments}: the codes not ticked, then what staff wrote, comma-separated
 * as the "missing documents" email reads it) and whether the documents are complete. The form
 * only ticks; the engine decides, so nobody can complete the task "complete" with a box unticked.
 */
@Component("documentChecklistListener")
public class DocumentChecklistListener implements TaskListener {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final StaffDocumentNames names;

  public DocumentChecklistListener(StaffDocumentNames names) {
    this.names = names;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      offerChecklist(task);
    } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      decide(task);
    }
  }

  private void offerChecklist(DelegateTask task) {
    List<Map<String, String>> options = new ArrayList<>();
    for (String code : required(task)) {
      Map<String, String> option = new LinkedHashMap<>();
      option.put("label", names.name(code));
      option.put("value", code);
      options.add(option);
    }
    task.setVariableLocal(DOCUMENT_CHECKLIST, json(options));
  }

  private void decide(DelegateTask task) {
    List<String> received = received(task);
    List<String> missing = new ArrayList<>(required(task).stream().filter(code -> !received.contains(code)).toList());
    Object other = task.getVariable(OTHER_MISSING_DOCUMENTS);
    if (other instanceof String text && !text.isBlank()) {
      missing.add(text.strip());
    }
    String missingDocuments = String.join(",", missing);
    // Kept as JSON, so the next verification of the case opens with these already ticked.
    task.getExecution().setVariable(RECEIVED_DOCUMENTS,
        json(required(task).stream().filter(received::contains).toList()));
    task.getExecution().setVariable(MISSING_DOCUMENTS, missingDocuments);
    task.getExecution().setVariable(MISSING_DOCUMENT_NAMES, names.markdown(missingDocuments, ""));
    task.getExecution().setVariable(DOCUMENTS_COMPLETE, missing.isEmpty());
    // Said once: the next verification starts with nothing to redo (it stays in missingDocuments and the history).
    task.getExecution().removeVariable(OTHER_MISSING_DOCUMENTS);
  }

  private static List<String> required(DelegateTask task) {
    return CaseFacts.of(task::getVariable, REQUIRED_DOCUMENTS).requiredDocuments();
  }

  /**
   * The ticked codes, however the caller sent them: Tasklist sends JSON text (still text within the
   * command that received it, so read here as JSON), the Java API a list.
   */
  private static List<String> received(DelegateTask task) {
    TypedValue typed = task.getVariableTyped(RECEIVED_DOCUMENTS, false);
    Object value;
    if (typed instanceof SerializableValue serialized && !serialized.isDeserialized()
        && Variables.SerializationDataFormats.JSON.getName().equals(serialized.getSerializationDataFormat())) {
      value = fromJson(serialized.getValueSerialized());
    } else {
      value = typed == null ? null : task.getVariable(RECEIVED_DOCUMENTS);
    }
    if (value instanceof Collection<?> ticked) {
      return ticked.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    if (value instanceof String commaSeparated) {
      return CaseFacts.documentCodes(commaSeparated);
    }
    return List.of();
  }

  private static Object fromJson(String json) {
    try {
      return json == null ? null : JSON.readValue(json, Object.class);
    } catch (JsonProcessingException notJson) {
      return null; // nothing ticked that can be read: every document counts as missing
    }
  }

  private static Object json(List<?> value) {
    return Variables.objectValue(new ArrayList<>(value))
        .serializationDataFormat(Variables.SerializationDataFormats.JSON).create();
  }
}
