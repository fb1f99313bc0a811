package mx.permiso.intake;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.Locale;
import mx.permiso.cases.ContactRules;
import mx.permiso.cases.Scenario;
import mx.permiso.deadlines.Deadlines;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The intake's rules, field by field; every problem is reported, not just the first, in the
 * language of the person who filled the intake ({@code messages*.properties}).
 */
@Component
public class IntakeValidator implements ContactRules {

  static final Set<String> LANGUAGES = Set.of("en", "es");
  /** The scenarios, in the order the intake page offers them. */
  /** The scenarios a client may choose (one list, the intake's). */
  public static final List<String> SCENARIOS = Scenario.names();

  private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
  private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()-]{7,20}$");
  private static final Pattern REFERENCE = Pattern.compile("^[A-Za-z0-9/-]{1,40}$");
  /** Letters of any language, spaces and the punctuation names and places use. */
  private static final Pattern PLAIN_TEXT = Pattern.compile("^[\\p{L}\\p{M}0-9 .,'’()-]+$");

  private final Deadlines deadlines;
  private final MessageSource messages;

  public IntakeValidator(Deadlines deadlines, MessageSource messages) {
    this.deadlines = deadlines;
    this.messages = messages;
  }

  public List<FieldError> check(IntakeRequest request, Locale locale) {
    Problems errors = new Problems(messages, locale);
    text(errors, "clientName", request.clientName(), 120, "intake.error.clientName.missing");
    email(errors, request.clientEmail());
    phone(errors, request.phone());
    language(errors, request.language());
    if (request.scenario() == null || !SCENARIOS.contains(request.scenario())) {
      errors.add("scenario", "intake.error.scenario.invalid");
    }
    if (blank(request.nut()) && blank(request.numeroPieza())) {
      errors.add("nut", "intake.error.reference.missing");
    }
    reference(errors, "nut", request.nut());
    reference(errors, "numeroPieza", request.numeroPieza());
    text(errors, "inmOffice", request.inmOffice(), 120, "intake.error.inmOffice.missing");
    LocalDate departure = date(errors, "departureDate", request.departureDate());
    LocalDate plannedReturn = date(errors, "plannedReturnDate", request.plannedReturnDate());
    LocalDate today = deadlines.today();
    if (departure != null && departure.isBefore(today)) {
      errors.add("departureDate", "intake.error.departureDate.past");
    } else if (departure != null && departure.isAfter(today.plusYears(1))) {
      errors.add("departureDate", "intake.error.departureDate.tooFar");
    }
    if (departure != null && plannedReturn != null && !plannedReturn.isAfter(departure)) {
      errors.add("plannedReturnDate", "intake.error.plannedReturnDate.beforeDeparture");
    }
    if (Scenario.isEmergency(request.scenario())) {
      if (blank(request.emergencyReason())) {
        errors.add("emergencyReason", "intake.error.emergencyReason.missing");
      } else if (request.emergencyReason().length() > 1000 || hasMarkup(request.emergencyReason())) {
        errors.add("emergencyReason", "intake.error.emergencyReason.invalid");
      }
    } else if (!blank(request.emergencyReason())) {
      errors.add("emergencyReason", "intake.error.emergencyReason.notEmergency");
    }
    if (!Boolean.TRUE.equals(request.acceptTerms())) {
      errors.add("acceptTerms", "intake.error.acceptTerms.missing");
    }
    if (!Boolean.TRUE.equals(request.acceptPrivacy())) {
      errors.add("acceptPrivacy", "intake.error.acceptPrivacy.missing");
    }
    return errors.list();
  }

  /**
   * The intake's rules for the client's contact details, for the fields given (null: not given), as
   * staff change them on a running case.
   */
  @Override
  public List<Problem> checkContact(String clientName, String clientEmail, String phone, String language,
      Locale locale) {
    Problems errors = new Problems(messages, locale);
    if (clientName != null) {
      text(errors, "clientName", clientName, 120, "intake.error.clientName.missing");
    }
    if (clientEmail != null) {
      email(errors, clientEmail);
    }
    if (phone != null) {
      phone(errors, phone);
    }
    if (language != null) {
      language(errors, language);
    }
    return errors.list().stream().map(error -> new Problem(error.field(), error.message())).toList();
  }

  private static void email(Problems errors, String value) {
    if (blank(value)) {
      errors.add("clientEmail", "intake.error.clientEmail.missing");
    } else if (value.length() > 254 || !EMAIL.matcher(value.strip()).matches()) {
      errors.add("clientEmail", "intake.error.clientEmail.invalid");
    }
  }

  private static void phone(Problems errors, String value) {
    if (blank(value)) {
      errors.add("phone", "intake.error.phone.missing");
    } else if (!PHONE.matcher(value.strip()).matches()) {
      errors.add("phone", "intake.error.phone.invalid");
    }
  }

  private static void language(Problems errors, String value) {
    if (value == null || !LANGUAGES.contains(value)) {
      errors.add("language", "intake.error.language.invalid");
    }
  }

  private static void text(Problems errors, String field, String value, int max, String missing) {
    if (blank(value)) {
      errors.add(field, missing);
    } else if (value.length() > max) {
      errors.add(field, "intake.error.text.tooLong", max);
    } else if (!PLAIN_TEXT.matcher(value.strip()).matches()) {
      errors.add(field, "intake.error.text.characters");
    }
  }

  private static void reference(Problems errors, String field, String value) {
    if (!blank(value) && !REFERENCE.matcher(value.strip()).matches()) {
      errors.add(field, "intake.error.reference.invalid");
    }
  }

  private static LocalDate date(Problems errors, String field, String value) {
    if (blank(value)) {
      errors.add(field, "intake.error.date.missing");
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      errors.add(field, "intake.error.date.invalid");
      return null;
    }
  }

  private static boolean hasMarkup(String value) {
    return value.contains("<") || value.contains(">");
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  /** The problems found so far, each with its message in the requested language. */
  private static final class Problems {
    private final MessageSource messages;
    private final Locale locale;
    private final List<FieldError> list = new ArrayList<>();

    Problems(MessageSource messages, Locale locale) {
      this.messages = messages;
      this.locale = locale;
    }

    void add(String field, String code, Object... args) {
      list.add(new FieldError(field, messages.getMessage(code, args, locale)));
    }

    List<FieldError> list() {
      return List.copyOf(list);
    }
  }
}
