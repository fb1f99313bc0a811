package mx.permiso.intake;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import mx.permiso.deadlines.Deadlines;
import org.springframework.stereotype.Component;

/** The intake's rules, field by field; every problem is reported, not just the first. */
@Component
public class IntakeValidator {

  static final Set<String> LANGUAGES = Set.of("en", "es");
  static final Set<String> SCENARIOS = Set.of("CANJE_PENDING", "FAMILY_UNITY", "EMERGENCY");

  private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
  private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()-]{7,20}$");
  private static final Pattern REFERENCE = Pattern.compile("^[A-Za-z0-9/-]{1,40}$");
  /** Letters of any language, spaces and the punctuation names and places use. */
  private static final Pattern PLAIN_TEXT = Pattern.compile("^[\\p{L}\\p{M}0-9 .,'’()-]+$");

  private final Deadlines deadlines;

  public IntakeValidator(Deadlines deadlines) {
    this.deadlines = deadlines;
  }

  public List<FieldError> check(IntakeRequest request) {
    List<FieldError> errors = new ArrayList<>();
    text(errors, "clientName", request.clientName(), 120, "Please enter your full name.");
    if (blank(request.clientEmail())) {
      errors.add(new FieldError("clientEmail", "Please enter your email address."));
    } else if (request.clientEmail().length() > 254 || !EMAIL.matcher(request.clientEmail().strip()).matches()) {
      errors.add(new FieldError("clientEmail", "This is not a valid email address."));
    }
    if (blank(request.phone())) {
      errors.add(new FieldError("phone", "Please enter a phone number."));
    } else if (!PHONE.matcher(request.phone().strip()).matches()) {
      errors.add(new FieldError("phone", "Use digits, spaces, + ( ) and -, 7 to 20 characters."));
    }
    if (request.language() == null || !LANGUAGES.contains(request.language())) {
      errors.add(new FieldError("language", "Choose English (en) or Spanish (es)."));
    }
    if (request.scenario() == null || !SCENARIOS.contains(request.scenario())) {
      errors.add(new FieldError("scenario", "Choose CANJE_PENDING, FAMILY_UNITY or EMERGENCY."));
    }
    if (blank(request.nut()) && blank(request.numeroPieza())) {
      errors.add(new FieldError("nut", "Enter your NUT or your número de pieza (or both)."));
    }
    reference(errors, "nut", request.nut());
    reference(errors, "numeroPieza", request.numeroPieza());
    text(errors, "inmOffice", request.inmOffice(), 120, "Please tell us your local INM office.");
    LocalDate departure = date(errors, "departureDate", request.departureDate());
    LocalDate plannedReturn = date(errors, "plannedReturnDate", request.plannedReturnDate());
    LocalDate today = deadlines.today();
    if (departure != null && departure.isBefore(today)) {
      errors.add(new FieldError("departureDate", "The departure date has already passed."));
    } else if (departure != null && departure.isAfter(today.plusYears(1))) {
      errors.add(new FieldError("departureDate", "The departure date is more than a year away."));
    }
    if (departure != null && plannedReturn != null && !plannedReturn.isAfter(departure)) {
      errors.add(new FieldError("plannedReturnDate", "The return must be after the departure."));
    }
    if ("EMERGENCY".equals(request.scenario())) {
      if (blank(request.emergencyReason())) {
        errors.add(new FieldError("emergencyReason", "Tell us briefly what the emergency is."));
      } else if (request.emergencyReason().length() > 1000 || hasMarkup(request.emergencyReason())) {
        errors.add(new FieldError("emergencyReason", "Use plain text, at most 1000 characters."));
      }
    } else if (!blank(request.emergencyReason())) {
      errors.add(new FieldError("emergencyReason", "Only for the emergency scenario."));
    }
    if (!Boolean.TRUE.equals(request.acceptTerms())) {
      errors.add(new FieldError("acceptTerms", "Please accept the terms (risk assumption and release of liability)."));
    }
    if (!Boolean.TRUE.equals(request.acceptPrivacy())) {
      errors.add(new FieldError("acceptPrivacy", "Please accept the privacy notice."));
    }
    return errors;
  }

  private static void text(List<FieldError> errors, String field, String value, int max, String missing) {
    if (blank(value)) {
      errors.add(new FieldError(field, missing));
    } else if (value.length() > max) {
      errors.add(new FieldError(field, "At most " + max + " characters."));
    } else if (!PLAIN_TEXT.matcher(value.strip()).matches()) {
      errors.add(new FieldError(field, "Use letters, numbers, spaces and . , ' ( ) - only."));
    }
  }

  private static void reference(List<FieldError> errors, String field, String value) {
    if (!blank(value) && !REFERENCE.matcher(value.strip()).matches()) {
      errors.add(new FieldError(field, "Use letters, numbers, / and -, at most 40 characters."));
    }
  }

  private static LocalDate date(List<FieldError> errors, String field, String value) {
    if (blank(value)) {
      errors.add(new FieldError(field, "Please enter a date (yyyy-mm-dd)."));
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "Not a date: use yyyy-mm-dd."));
      return null;
    }
  }

  private static boolean hasMarkup(String value) {
    return value.contains("<") || value.contains(">");
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
