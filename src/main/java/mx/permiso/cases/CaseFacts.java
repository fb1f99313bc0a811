package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.*;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A case's process variables read as Permiso's types: dates as {@link LocalDate}s, the scenario as a
 * {@link Scenario}, the documents as lists of codes. The engine, the BPMN's expressions, the forms and
 * running cases keep them as they are stored ({@link ExitReentryPermitProcess.Variables}: ISO strings,
 * names and comma-separated codes); Java reads them here, once, instead of casting and parsing where
 * it uses them.
 *
 * <p>Immutable: a copy of the variables taken when it is made. A value is read when asked for, so a
 * malformed value fails only the code that needs it, with an {@link IllegalArgumentException} naming
 * the variable and the value. An absent variable, {@code null} or a blank text reads as empty.
 */
public final class CaseFacts {

  private final Map<String, Object> variables;

  private CaseFacts(Map<String, Object> variables) {
    this.variables = variables;
  }

  /** The facts of these variables (names as in {@link ExitReentryPermitProcess.Variables}). */
  public static CaseFacts of(Map<String, ?> variables) {
    // Not Map.copyOf: the engine hands out variables whose value is null.
    return new CaseFacts(Collections.unmodifiableMap(new HashMap<>(variables)));
  }

  /**
   * The facts of the named variables only, each read with {@code variable} (an execution's or a task's
   * {@code getVariable}): the case's other variables are neither loaded nor deserialized.
   */
  public static CaseFacts of(Function<String, Object> variable, String... names) {
    Map<String, Object> read = new HashMap<>();
    for (String name : names) {
      read.put(name, variable.apply(name));
    }
    return new CaseFacts(Collections.unmodifiableMap(read));
  }

  /** Whether no variable was read at all (a case that has just ended, say). */
  public boolean isEmpty() {
    return variables.isEmpty();
  }

  // Who and how to reach them.

  /** The case number; null when not among the variables read. */
  public String caseNumber() {
    return text(CASE_NUMBER).orElse(null);
  }

  /** The client's name; null when not among the variables read. */
  public String clientName() {
    return text(CLIENT_NAME).orElse(null);
  }

  /** The client's email address; null when not among the variables read. */
  public String clientEmail() {
    return text(CLIENT_EMAIL).orElse(null);
  }

  /** The language the client chose ({@code en} or {@code es}, as stored); {@code en} when there is none. */
  public String language() {
    return text(LANGUAGE).orElse("en");
  }

  /** The client's language as a locale, {@link #language()}'s. */
  public Locale locale() {
    return Locale.forLanguageTag(language());
  }

  /** The client's situation, which decided the documents, the lead time and the fees. */
  public Optional<Scenario> scenario() {
    return read(SCENARIO, "one of " + Scenario.names(), Scenario::valueOf);
  }

  /** The INM office of the appointment, as the client or staff wrote it. */
  public Optional<String> inmOffice() {
    return text(INM_OFFICE);
  }

  // The dates: each empty until the case has it.

  public Optional<LocalDate> departureDate() {
    return date(DEPARTURE_DATE);
  }

  public Optional<LocalDate> plannedReturnDate() {
    return date(PLANNED_RETURN_DATE);
  }

  public Optional<LocalDate> intakeDate() {
    return date(INTAKE_DATE);
  }

  /** The last day to file the request with INM in time for the flight. */
  public Optional<LocalDate> latestRequestDate() {
    return date(LATEST_REQUEST_DATE);
  }

  public Optional<LocalDate> appointmentDate() {
    return date(APPOINTMENT_DATE);
  }

  /** The time of the INM appointment ({@code HH:mm}). */
  public Optional<LocalTime> appointmentTime() {
    return read(APPOINTMENT_TIME, "a time (HH:mm)", LocalTime::parse);
  }

  /** The date printed on the permit. */
  public Optional<LocalDate> permitDate() {
    return date(PERMIT_DATE);
  }

  /** The date INM said it will issue the permit on. */
  public Optional<LocalDate> permitIssueDate() {
    return date(PERMIT_ISSUE_DATE);
  }

  /** The last day the permit lets the client come back. */
  public Optional<LocalDate> returnByDate() {
    return date(RETURN_BY_DATE);
  }

  /** The last return-by date any permit for this flight can give. */
  public Optional<LocalDate> returnByAtLatest() {
    return date(RETURN_BY_AT_LATEST);
  }

  public Optional<LocalDate> reentryDate() {
    return date(REENTRY_DATE);
  }

  /** The last day to hand the permit back at INM. */
  public Optional<LocalDate> permitReturnDueDate() {
    return date(PERMIT_RETURN_DUE_DATE);
  }

  /** The day the client says they handed the permit back. */
  public Optional<LocalDate> permitReturnedDate() {
    return date(PERMIT_RETURNED_DATE);
  }

  /** The new departure staff gave in a task's form. */
  public Optional<LocalDate> newDepartureDate() {
    return date(NEW_DEPARTURE_DATE);
  }

  /** The new planned return staff gave in a task's form. */
  public Optional<LocalDate> newPlannedReturnDate() {
    return date(NEW_PLANNED_RETURN_DATE);
  }

  /** The moment INM asked for corrected forms, if it did. */
  public Optional<Instant> paperworkCorrectionsAskedAt() {
    return read(PAPERWORK_CORRECTIONS_ASKED_AT, "a moment (ISO instant)", Instant::parse);
  }

  // What the case requires.

  /** The codes of the documents the client provides, in order; empty before they are determined. */
  public List<String> requiredDocuments() {
    return documents(REQUIRED_DOCUMENTS);
  }

  /** The codes of the required documents still missing, in order. */
  public List<String> missingDocuments() {
    return documents(MISSING_DOCUMENTS);
  }

  /** Business days INM needs before the flight. */
  public Optional<Integer> leadTimeDays() {
    return whole(LEAD_TIME_DAYS);
  }

  /** The fees the case quotes: each null while the case has none. */
  public QuotedFees fees() {
    return new QuotedFees(whole(FIRM_FEE_MXN).orElse(null), whole(INM_FEE_MXN).orElse(null),
        whole(INM_FEE_YEAR).orElse(null));
  }

  /**
   * The fees a case quotes, in whole MXN.
   *
   * @param firmMxn the firm's fee; null while the firm has none for the scenario
   * @param inmMxn INM's fee; null before the requirements are determined
   * @param inmYear the year INM published {@code inmMxn} for; null for a case that did not record it
   */
  public record QuotedFees(Integer firmMxn, Integer inmMxn, Integer inmYear) {

    /** The sentence that tells the client the fees ({@link FeeWording}); null without an INM fee. */
    public String sentence(int year, String language) {
      return FeeWording.sentence(firmMxn, inmMxn, inmYear, year, language);
    }
  }

  // Any variable by name, for the few read generically.

  /** The variable's value as text (a number or flag as written); empty when absent. */
  public Optional<String> text(String name) {
    return Optional.ofNullable(variables.get(name)).map(Object::toString);
  }

  /** The variable as a date; empty when absent or blank. */
  public Optional<LocalDate> date(String name) {
    return Optional.ofNullable(isoDate(name, variables.get(name)));
  }

  /**
   * The variable as a date, for a step the model only reaches once the case has it.
   *
   * @throws IllegalStateException naming the variable when the case has no such date
   */
  public LocalDate requiredDate(String name) {
    return date(name).orElseThrow(() -> noValue(name));
  }

  /** What a step that needs the variable fails with when the case does not have it. */
  public static IllegalStateException noValue(String name) {
    return new IllegalStateException("The case has no value for the variable '" + name + "'");
  }

  /**
   * A date as the case stores it ({@code yyyy-MM-dd} text), or null when absent or blank.
   *
   * @throws IllegalArgumentException naming the variable when the value is no such date
   */
  public static LocalDate isoDate(String name, Object value) {
    return parse(name, value, "a date (yyyy-MM-dd)", LocalDate::parse);
  }

  /** The codes of a comma-separated list as the case stores documents ({@code A,B}), in order; blanks left out. */
  public static List<String> documentCodes(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return List.of();
    }
    return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(code -> !code.isEmpty()).toList();
  }

  /** Document codes as the case stores them: comma-separated. */
  public static String documentsText(List<String> codes) {
    return String.join(",", codes);
  }

  private List<String> documents(String name) {
    Object value = variables.get(name);
    if (value != null && !(value instanceof String)) {
      throw malformed(name, value, "comma-separated document codes");
    }
    return documentCodes((String) value);
  }

  private Optional<Integer> whole(String name) {
    Object value = variables.get(name);
    if (value != null && !(value instanceof Number)) {
      throw malformed(name, value, "a whole number");
    }
    // An integer, or a long from JSON.
    return Optional.ofNullable(value).map(number -> ((Number) number).intValue());
  }

  private <T> Optional<T> read(String name, String expected, Function<String, T> parser) {
    return Optional.ofNullable(parse(name, variables.get(name), expected, parser));
  }

  private static <T> T parse(String name, Object value, String expected, Function<String, T> parser) {
    if (value == null || value instanceof String text && text.isBlank()) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw malformed(name, value, expected);
    }
    try {
      return parser.apply(text.strip());
    } catch (DateTimeParseException | IllegalArgumentException unreadable) {
      throw malformed(name, value, expected);
    }
  }

  private static IllegalArgumentException malformed(String name, Object value, String expected) {
    return new IllegalArgumentException("The case variable '" + name + "' is not " + expected + ": '" + value + "'");
  }

  /** The names only: the values are a client's personal data. */
  @Override
  public String toString() {
    return "CaseFacts" + variables.keySet();
  }
}
