package mx.permiso.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.variable.serializer.AbstractObjectValueSerializer;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Stores plain lists and maps (of text, numbers, booleans) as JSON ({@code application/json}), the
 * form Tasklist's Camunda Forms read and send for a checklist and its options. It never creates an
 * object of the class a caller names: whatever type name comes with the value, it reads back
 * lists, maps and plain values only. (Camunda Spin would do the JSON too, but it builds any class
 * named in a variable's type, from values anyone completing a form can send.)
 */
final class JsonListSerializer extends AbstractObjectValueSerializer {

  static final String NAME = "permiso-json";
  private static final ObjectMapper JSON = new ObjectMapper();

  JsonListSerializer() {
    super(Variables.SerializationDataFormats.JSON.getName());
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  protected String getTypeNameForDeserialized(Object deserializedObject) {
    return deserializedObject instanceof Map ? "java.util.LinkedHashMap" : "java.util.ArrayList";
  }

  @Override
  protected byte[] serializeToByteArray(Object deserializedObject) throws Exception {
    return JSON.writeValueAsBytes(deserializedObject);
  }

  @Override
  protected Object deserializeFromByteArray(byte[] object, String objectTypeName) throws Exception {
    return JSON.readValue(object, Object.class);
  }

  @Override
  protected boolean isSerializationTextBased() {
    return true;
  }

  @Override
  protected boolean canSerializeValue(Object value) {
    return (value instanceof List || value instanceof Map) && plain(value);
  }

  private static boolean plain(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().allMatch(JsonListSerializer::plain);
    }
    if (value instanceof Map<?, ?> map) {
      return map.keySet().stream().allMatch(String.class::isInstance) && map.values().stream().allMatch(JsonListSerializer::plain);
    }
    return value == null || value instanceof String || value instanceof Number || value instanceof Boolean;
  }
}
