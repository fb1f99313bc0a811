package mx.permiso.cases;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message the case sends.
 *
 * @param processInstanceId the case's process instance
 * @param caseNumber the case
 * @param type what it says
 * @param on the business day it is sent
 * @param facts the case's variables at that moment (names as in the process)
 */
public record Notice(String processInstanceId, String caseNumber, NoticeType type, LocalDate on, Map<String, Object> facts) {

  public Notice {
    facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
  }
}
