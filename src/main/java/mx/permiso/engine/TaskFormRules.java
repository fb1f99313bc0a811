package mx.permiso.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeploymentResourceCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormCmd;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The form checks behind {@link StaffTaskRules}: which variables a user may hand in with a task
 * (the keys of its deployed Camunda Form; read-only fields only with their current value, and then
 * not written again). Who may work a task is {@link WorkRules}. Calls without an authenticated user
 * (the application itself, jobs, process tests) are not checked.
 */
final class TaskFormRules {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_FORMAT = Variables.SerializationDataFormats.JSON.getName();

  private final ProcessEngineConfigurationImpl configuration;
  /** Fields by form definition id: a deployed form never changes. */
  private final Map<String, FormFields> fieldsByForm = new ConcurrentHashMap<>();

  TaskFormRules(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
  }

  /**
   * The variables to write when the current user completes the task with these: the form's editable
   * fields as given. Anything that is not a field of the form, or a read-only field with another
   * value than the case holds, refuses the whole call (403), so nothing is written.
   */
  Map<String, Object> admitted(String taskId, Map<String, Object> variables) {
    Authentication user = currentUser();
    if (user == null || variables == null || variables.isEmpty() || taskId == null) {
      return variables;
    }
    return configuration.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() -> {
      TaskEntity task = context.getTaskManager().findTaskById(taskId);
      if (task == null) {
        return variables; // the engine answers "no such task" itself
      }
      FormFields form = fieldsOf(context, taskId);
      Set<String> refused = new TreeSet<>();
      Set<String> changedReadOnly = new TreeSet<>();
      Set<String> wrongShape = new TreeSet<>();
      VariableMap admitted = Variables.createVariables();
      for (String name : variables.keySet()) {
        Object given = variables instanceof VariableMap typed ? typed.getValueTyped(name) : variables.get(name);
        if (!form.editable().contains(name) && !form.readOnly().contains(name)) {
          refused.add(name);
        } else if (!form.editable().contains(name)) {
          if (!sameValue(task.getVariable(name), given)) {
            changedReadOnly.add(name);
          }
        } else if (!shapeFits(given, form.lists().contains(name))) {
          wrongShape.add(name);
        } else if (given instanceof TypedValue typedValue) {
          admitted.putValueTyped(name, typedValue);
        } else {
          admitted.put(name, given);
        }
      }
      if (!refused.isEmpty()) {
        throw new AuthorizationException("The user '" + user.getUserId() + "' may complete task "
            + taskId + " only with the fields of its form" + form.describe() + "; not a field of it: "
            + String.join(", ", refused) + ". The client's contact changes through PUT /api/cases/{caseNumber}/client.");
      }
      if (!changedReadOnly.isEmpty()) {
        throw new AuthorizationException("The user '" + user.getUserId() + "' may not change "
            + "what the form" + form.describe() + " of task " + taskId + " only shows: " + String.join(", ",
            changedReadOnly) + ". The client's contact changes through PUT /api/cases/{caseNumber}/client.");
      }
      if (!wrongShape.isEmpty()) {
        throw new FormFieldValidationException(String.join(",", wrongShape), "The form" + form.describe()
            + " of task " + taskId + " takes a list of texts only for its checklists, and a single value for every"
            + " other field; not so: " + String.join(", ", wrongShape) + ".");
      }
      return admitted;
    }));
  }

  /**
   * A checklist's answer is a list of texts (JSON text from Tasklist, a list from Java); every other
   * field holds one plain value. So no form stores an object where the case reads a text.
   */
  static boolean shapeFits(Object given, boolean list) {
    Object value = given;
    if (given instanceof SerializableValue serialized) {
      if (serialized.isDeserialized()) {
        value = serialized.getValue();
      } else if (list && JSON_FORMAT.equals(serialized.getSerializationDataFormat())) {
        try {
          value = JSON.readValue(serialized.getValueSerialized(), Object.class);
        } catch (IOException notJson) {
          return false;
        }
      } else {
        return false;
      }
    } else if (given instanceof TypedValue typed) {
      value = typed.getValue();
    }
    if (value == null) {
      return true;
    }
    if (list) {
      return value instanceof Collection<?> items && items.stream().allMatch(String.class::isInstance);
    }
    // A single value is text, a number or a yes/no: never a file, a date object or a structure.
    return value instanceof String || value instanceof Number || value instanceof Boolean;
  }

  /** Whether the current user is the task's assignee. */
  boolean isOwnTask(String taskId) {
    Authentication user = currentUser();
    if (user == null || taskId == null) {
      return false;
    }
    return configuration.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() -> {
      TaskEntity task = context.getTaskManager().findTaskById(taskId);
      return task != null && user.getUserId().equals(task.getAssignee());
    }));
  }

  private Authentication currentUser() {
    Authentication authentication = configuration.getIdentityService().getCurrentAuthentication();
    return authentication == null || authentication.getUserId() == null ? null : authentication;
  }

  private FormFields fieldsOf(CommandContext context, String taskId) {
    TaskFormData form = new GetTaskFormCmd(taskId).execute(context);
    CamundaFormRef reference = form.getCamundaFormRef();
    if (reference == null || reference.getKey() == null) {
      return FormFields.NONE;
    }
    CamundaFormDefinition definition = new GetCamundaFormDefinitionCmd(reference, form.getDeploymentId())
        .execute(context);
    if (definition == null) {
      return FormFields.NONE;
    }
    return fieldsByForm.computeIfAbsent(definition.getId(), id -> {
      try (InputStream json = new GetDeploymentResourceCmd(definition.getDeploymentId(), definition.getResourceName())
          .execute(context)) {
        return FormFields.of(reference.getKey(), JSON.readTree(json));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** A read-only field comes back as shown: the same value, or empty where the case has none. */
  static boolean sameValue(Object current, Object given) {
    Object value = given instanceof TypedValue typed ? valueOf(typed) : given;
    if (isEmpty(current) || isEmpty(value)) {
      return isEmpty(current) && isEmpty(value);
    }
    if (current instanceof Number a && value instanceof Number b) {
      return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
    }
    return Objects.equals(current.toString(), value.toString());
  }

  private static Object valueOf(TypedValue typed) {
    try {
      return typed.getValue();
    } catch (IllegalStateException notDeserialized) {
      return typed; // compared as text: a serialized object never matches a shown field
    }
  }

  private static boolean isEmpty(Object value) {
    return value == null || value instanceof String text && text.isEmpty();
  }

  /** The keys of a form's fields, split by whether the form lets the user change them. */
  record FormFields(String formId, Set<String> editable, Set<String> readOnly, Set<String> lists) {

    static final FormFields NONE = new FormFields(null, Set.of(), Set.of(), Set.of());
    /** The fields whose answer is a list of values (a checklist's ticked options). */
    private static final Set<String> LIST_TYPES = Set.of("checklist", "taglist");

    static FormFields of(String formId, JsonNode form) {
      Set<String> editable = new HashSet<>();
      Set<String> readOnly = new HashSet<>();
      Set<String> lists = new HashSet<>();
      collect(form.path("components"), editable, readOnly, lists);
      readOnly.removeAll(editable);
      return new FormFields(formId, Set.copyOf(editable), Set.copyOf(readOnly), Set.copyOf(lists));
    }

    private static void collect(JsonNode components, Set<String> editable, Set<String> readOnly, Set<String> lists) {
      for (JsonNode component : components) {
        JsonNode key = component.get("key");
        if (key != null && key.isTextual()) {
          // An expression ("=...") may make the field editable: only a plain true counts as read-only.
          (shownOnly(component, "readonly") || shownOnly(component, "disabled") ? readOnly : editable).add(key.asText());
          if (LIST_TYPES.contains(component.path("type").asText())) {
            lists.add(key.asText());
          }
        }
        collect(component.path("components"), editable, readOnly, lists);
      }
    }

    private static boolean shownOnly(JsonNode component, String attribute) {
      return component.path(attribute).isBoolean() && component.get(attribute).asBoolean();
    }

    String describe() {
      return formId == null ? " (it has no Camunda Form)" : " '" + formId + "'";
    }
  }
}
