package mx.permiso.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mx.permiso.cases.Notice;
import mx.permiso.cases.NoticeType;

/**
 * A notice as its step leaves it in the outbox ({@code outbox_message.facts}, ADR 015): the business
 * day and the moment of the step, and the case's facts then, so that the email written later says
 * what was true when the step ran.
 */
record StoredNotice(LocalDate on, Instant at, Map<String, Object> facts) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The notice as JSON: plain values, lists and maps of them (what templates read); other values are left out. */
  static String write(Notice notice, Instant at) {
    Map<String, Object> facts = new LinkedHashMap<>();
    notice.facts().forEach((name, value) -> {
      if (plain(value)) {
        facts.put(name, value);
      }
    });
    Map<String, Object> stored = new LinkedHashMap<>();
    stored.put("on", notice.on().toString());
    stored.put("at", at.toString());
    stored.put("facts", facts);
    try {
      return JSON.writeValueAsString(stored);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The facts of notice " + notice.type() + " of case " + notice.caseNumber()
          + " cannot be written as JSON", e);
    }
  }

  static StoredNotice read(String json) {
    try {
      Map<String, Object> stored = JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
      @SuppressWarnings("unchecked")
      Map<String, Object> facts = (Map<String, Object>) stored.get("facts");
      return new StoredNotice(LocalDate.parse((String) stored.get("on")), Instant.parse((String) stored.get("at")),
          facts == null ? Map.of() : facts);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the stored facts are not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The notice of this outbox row, as its step sent it. */
  Notice notice(OutboxMessage row) {
    return new Notice(row.processInstanceId(), row.caseNumber(), NoticeType.valueOf(row.noticeType()), on, facts);
  }

  private static boolean plain(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
      return true;
    }
    if (value instanceof List<?> list) {
      return list.stream().allMatch(StoredNotice::plain);
    }
    if (value instanceof Map<?, ?> map) {
      return map.keySet().stream().allMatch(String.class::isInstance) && map.values().stream().allMatch(StoredNotice::plain);
    }
    return false;
  }
}
