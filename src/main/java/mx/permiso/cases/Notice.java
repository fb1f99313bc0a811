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

  /** A fact of the notice beyond the variables: which change of the travel dates it tells (one email each). */
  public static final String TRAVEL_DATES_CHANGE = "travelDatesChange";
  /** A fact of the notice beyond the variables: which change of the client's contact it tells (one email each). */
  public static final String CONTACT_CHANGE = "contactChange";
  /** A fact of the notice beyond the variables: the address staff replaced, when they changed the client's email. */
  public static final String PREVIOUS_CLIENT_EMAIL = "previousClientEmail";

  public Notice {
    facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
  }

  /** The facts read as Permiso's types. */
  public CaseFacts caseFacts() {
    return CaseFacts.of(facts);
  }
}
