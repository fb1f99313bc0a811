package mx.permiso.cases;

import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mx.permiso.cases.ExitReentryPermitProcess.Variables;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /api/cases/{caseNumber}/client} for staff: change the client's name, email, phone or
 * language (any of them) on a running case, audited and told to the client ({@link ClientContacts}).
 * 400 names each wrong field, 404 an unknown case, 409 an ended one ({@link StaffActionAdvice}).
 */
@RestController
@StaffApi
public class ClientContactController {

  private final ClientContacts contacts;
  private final ContactRules rules;
  private final MessageSource messages;

  public ClientContactController(ClientContacts contacts, ContactRules rules, MessageSource messages) {
    this.contacts = contacts;
    this.rules = rules;
    this.messages = messages;
  }

  @PutMapping("/api/cases/{caseNumber}/client")
  public ResponseEntity<Map<String, Object>> change(@PathVariable String caseNumber,
      @RequestBody Map<String, Object> body, Principal staff, Locale locale) {
    List<ContactRules.Problem> problems = new ArrayList<>();
    Map<String, String> values = new HashMap<>();
    body.forEach((field, value) -> {
      if (!Variables.CLIENT_CONTACT.contains(field)) {
        problems.add(problem(field, "contact.error.field.unknown", locale));
      } else if (!(value instanceof String text)) {
        problems.add(problem(field, "intake.error.field.wrongType", locale));
      } else {
        values.put(field, text);
      }
    });
    if (body.isEmpty()) {
      problems.add(problem("body", "contact.error.empty", locale));
    }
    problems.addAll(rules.checkContact(values.get(Variables.CLIENT_NAME), values.get(Variables.CLIENT_EMAIL),
        values.get(Variables.PHONE), values.get(Variables.LANGUAGE), locale));
    if (!problems.isEmpty()) {
      return ResponseEntity.badRequest().body(Map.of("errors", problems));
    }
    ClientContacts.Outcome outcome = contacts.change(caseNumber, new ClientContacts.Change(values), staff.getName());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("caseNumber", caseNumber);
    answer.putAll(outcome.contact());
    answer.put("changed", outcome.changed());
    return ResponseEntity.ok(answer);
  }

  private ContactRules.Problem problem(String field, String code, Locale locale) {
    return new ContactRules.Problem(field, message(code, locale));
  }

  private String message(String code, Locale locale, Object... args) {
    return messages.getMessage(code, args, locale);
  }
}
