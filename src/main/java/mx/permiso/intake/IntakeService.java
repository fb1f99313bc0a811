package mx.permiso.intake;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.*;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mx.permiso.cases.ExitReentryPermitProcess;
import mx.permiso.config.LockConflicts;
import mx.permiso.deadlines.Deadlines;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts a case from a checked intake: a case number and the engagement process, in one
 * transaction, so a refused or failed intake leaves nothing behind. It returns once that
 * transaction has committed, so a case number given to a client is stored for good.
 *
 * <p>Intakes arriving together queue for the year's counter row. One that loses a race for a lock
 * (a lock wait timed out, a deadlock) was rolled back whole, so it is tried again, a few times,
 * as a new transaction that takes the next free number; after that the client is told to send it
 * again ({@link IntakeBusyException}) rather than shown a server error.
 */
@Service
public class IntakeService {

  private static final Logger LOG = LoggerFactory.getLogger(IntakeService.class);
  /** The first try and two more: each waits its turn at the counter, so more would only keep a client waiting. */
  static final int ATTEMPTS = 3;
  /** What a client that got none of them is told to wait before sending the intake again. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private final IntakeValidator validator;
  private final CaseNumbers caseNumbers;
  private final RuntimeService runtime;
  private final Deadlines deadlines;
  private final TransactionTemplate transaction;
  private final LockConflicts lockConflicts;

  public IntakeService(IntakeValidator validator, CaseNumbers caseNumbers, RuntimeService runtime, Deadlines deadlines,
      PlatformTransactionManager transactions, LockConflicts lockConflicts) {
    this.validator = validator;
    this.caseNumbers = caseNumbers;
    this.runtime = runtime;
    this.deadlines = deadlines;
    this.transaction = new TransactionTemplate(transactions);
    this.lockConflicts = lockConflicts;
  }

  /**
   * Starts the case and returns its number once it is stored, or refuses the intake with every wrong
   * field explained in the given language ({@link InvalidIntakeException}), or, if it kept losing
   * the race for the counter, with {@link IntakeBusyException}.
   */
  public String submit(IntakeRequest request, Locale locale) {
    List<FieldError> errors = validator.check(request, locale);
    if (!errors.isEmpty()) {
      throw new InvalidIntakeException(errors);
    }
    int year = deadlines.today().getYear();
    caseNumbers.ensureCounter(year);
    try {
      return lockConflicts.inTransaction(transaction, ATTEMPTS, "An intake", status -> {
        String caseNumber = caseNumbers.next(year);
        runtime.startProcessInstanceByKey(ExitReentryPermitProcess.KEY, caseNumber, variables(caseNumber, request));
        return caseNumber;
      });
    } catch (RuntimeException e) {
      if (!lockConflicts.isLockConflict(e)) {
        throw e;
      }
      LOG.warn("An intake lost the race for a lock {} times; the client is asked to send it again", ATTEMPTS, e);
      throw new IntakeBusyException(RETRY_AFTER, e);
    }
  }

  private static Map<String, Object> variables(String caseNumber, IntakeRequest request) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(CASE_NUMBER, caseNumber);
    variables.put(CLIENT_NAME, request.clientName().strip());
    variables.put(CLIENT_EMAIL, request.clientEmail().strip());
    variables.put(PHONE, request.phone().strip());
    variables.put(LANGUAGE, request.language());
    variables.put(SCENARIO, request.scenario());
    variables.put(NUT, stripped(request.nut()));
    variables.put(NUMERO_PIEZA, stripped(request.numeroPieza()));
    variables.put(INM_OFFICE, request.inmOffice().strip());
    // Stored as the model, the forms and running cases read dates: ISO text; the validator has checked them.
    variables.put(DEPARTURE_DATE, request.departureDate().strip());
    variables.put(PLANNED_RETURN_DATE, request.plannedReturnDate().strip());
    variables.put(EMERGENCY_REASON, stripped(request.emergencyReason()));
    variables.put(ACCEPTED_TERMS, true);
    variables.put(ACCEPTED_PRIVACY, true);
    return variables;
  }

  private static String stripped(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
