package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.DEPARTURE_DATE;
import static mx.permiso.cases.ExitReentryPermitProcess.Variables.PLANNED_RETURN_DATE;

import java.security.Principal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff's case actions over JSON: {@code POST /api/cases/{caseNumber}/cancel} ({@link CaseCancellation})
 * and {@code POST /api/cases/{caseNumber}/travel-dates} ({@link TravelDates}). 400 names each wrong
 * field, 404 an unknown case, 409 a case that no longer allows the action ({@link StaffActionAdvice}).
 */
@RestController
@StaffApi
public class CaseActionController {

  static final Set<String> CANCEL_FIELDS = Set.of("reason", "requestedBy");
  /** The travel dates' fields are named as the variables they change. */
  static final Set<String> TRAVEL_FIELDS = Set.of(DEPARTURE_DATE, PLANNED_RETURN_DATE);

  private final CaseCancellation cancellation;
  private final TravelDates travelDates;
  private final MessageSource messages;

  public CaseActionController(CaseCancellation cancellation, TravelDates travelDates, MessageSource messages) {
    this.cancellation = cancellation;
    this.travelDates = travelDates;
    this.messages = messages;
  }

  @PostMapping("/api/cases/{caseNumber}/cancel")
  public ResponseEntity<Map<String, Object>> cancel(@PathVariable String caseNumber,
      @RequestBody Map<String, Object> body, Principal staff, Locale locale) {
    List<ContactRules.Problem> problems = unknownFields(body, CANCEL_FIELDS, locale);
    Object reason = body.get("reason");
    if (reason != null && !(reason instanceof String)) {
      problems.add(problem("reason", "intake.error.field.wrongType", locale));
    } else {
      CaseCancellation.reasonProblem((String) reason).ifPresent(code ->
          problems.add(problem("reason", code, locale, CaseCancellation.REASON_MAX_LENGTH)));
    }
    CaseCancellation.RequestedBy requestedBy = CaseCancellation.RequestedBy.of(body.get("requestedBy"));
    if (requestedBy == null) {
      problems.add(problem("requestedBy", "cancel.error.requestedBy", locale));
    }
    if (!problems.isEmpty()) {
      return ResponseEntity.badRequest().body(Map.of("errors", problems));
    }
    cancellation.cancel(caseNumber, (String) reason, requestedBy, staff.getName());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("caseNumber", caseNumber);
    answer.put("cancelled", true);
    answer.put("requestedBy", requestedBy.name());
    return ResponseEntity.ok(answer);
  }

  @PostMapping("/api/cases/{caseNumber}/travel-dates")
  public ResponseEntity<Map<String, Object>> changeTravelDates(@PathVariable String caseNumber,
      @RequestBody Map<String, Object> body, Principal staff, Locale locale) {
    List<ContactRules.Problem> problems = unknownFields(body, TRAVEL_FIELDS, locale);
    LocalDate departure = date(body, DEPARTURE_DATE, problems, locale);
    LocalDate plannedReturn = date(body, PLANNED_RETURN_DATE, problems, locale);
    if (!problems.isEmpty()) {
      return ResponseEntity.badRequest().body(Map.of("errors", problems));
    }
    try {
      TravelDates.Outcome outcome = travelDates.change(caseNumber, departure, plannedReturn, staff.getName());
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("caseNumber", caseNumber);
      answer.put(DEPARTURE_DATE, outcome.departureDate().toString());
      answer.put(PLANNED_RETURN_DATE, outcome.plannedReturnDate().toString());
      answer.put("changed", outcome.changed());
      return ResponseEntity.ok(answer);
    } catch (TravelDates.InvalidDatesException e) {
      return ResponseEntity.badRequest().body(Map.of("errors", e.problems().stream()
          .map(wrong -> problem(wrong.field(), wrong.code(), locale)).toList()));
    }
  }

  private LocalDate date(Map<String, Object> body, String field, List<ContactRules.Problem> problems, Locale locale) {
    Object value = body.get(field);
    if (value != null && !(value instanceof String)) {
      problems.add(problem(field, "intake.error.field.wrongType", locale));
      return null;
    }
    List<TravelDates.Problem> wrong = new ArrayList<>();
    LocalDate date = TravelDates.date(field, (String) value, wrong);
    wrong.forEach(each -> problems.add(problem(each.field(), each.code(), locale)));
    return date;
  }

  private List<ContactRules.Problem> unknownFields(Map<String, Object> body, Set<String> known, Locale locale) {
    List<ContactRules.Problem> problems = new ArrayList<>();
    body.keySet().stream().filter(field -> !known.contains(field)).sorted()
        .forEach(field -> problems.add(problem(field, "caseAction.error.field.unknown", locale, String.join(", ",
            known.stream().sorted().toList()))));
    return problems;
  }

  private ContactRules.Problem problem(String field, String code, Locale locale, Object... args) {
    return new ContactRules.Problem(field, messages.getMessage(code, args, locale));
  }
}
