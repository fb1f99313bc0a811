package mx.permiso.intake;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mx.permiso.cases.ExitReentryPermitProcess;
import mx.permiso.deadlines.Deadlines;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts a case from a checked intake: a case number and the engagement process, in one
 * transaction, so a refused or failed intake leaves nothing behind. It returns once that
 * transaction has committed, so a case number given to a client is stored for good.
 */
@Service
public class IntakeService {

  private final IntakeValidator validator;
  private final CaseNumbers caseNumbers;
  private final RuntimeService runtime;
  private final Deadlines deadlines;
  private final TransactionTemplate transaction;

  public IntakeService(IntakeValidator validator, CaseNumbers caseNumbers, RuntimeService runtime, Deadlines deadlines,
      PlatformTransactionManager transactions) {
    this.validator = validator;
    this.caseNumbers = caseNumbers;
    this.runtime = runtime;
    this.deadlines = deadlines;
    this.transaction = new TransactionTemplate(transactions);
  }

  /**
   * Starts the case and returns its number once it is stored, or refuses the intake with every wrong
   * field explained in the given language ({@link InvalidIntakeException}).
   */
  public String submit(IntakeRequest request, Locale locale) {
    List<FieldError> errors = validator.check(request, locale);
    if (!errors.isEmpty()) {
      throw new InvalidIntakeException(errors);
    }
    int year = deadlines.today().getYear();
    caseNumbers.ensureCounter(year);
    return transaction.execute(status -> {
      String caseNumber = caseNumbers.next(year);
      runtime.startProcessInstanceByKey(ExitReentryPermitProcess.KEY, caseNumber, variables(caseNumber, request));
      return caseNumber;
    });
  }

  private static Map<String, Object> variables(String caseNumber, IntakeRequest request) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("caseNumber", caseNumber);
    variables.put("clientName", request.clientName().strip());
    variables.put("clientEmail", request.clientEmail().strip());
    variables.put("phone", request.phone().strip());
    variables.put("language", request.language());
    variables.put("scenario", request.scenario());
    variables.put("nut", stripped(request.nut()));
    variables.put("numeroPieza", stripped(request.numeroPieza()));
    variables.put("inmOffice", request.inmOffice().strip());
    variables.put("departureDate", request.departureDate().strip());
    variables.put("plannedReturnDate", request.plannedReturnDate().strip());
    variables.put("emergencyReason", stripped(request.emergencyReason()));
    variables.put("acceptedTerms", true);
    variables.put("acceptedPrivacy", true);
    return variables;
  }

  private static String stripped(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
