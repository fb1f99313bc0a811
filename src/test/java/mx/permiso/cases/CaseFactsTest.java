package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A case's variables, stored as the engine keeps them, read as Permiso's types. */
class CaseFactsTest {

  private static final Map<String, Object> STORED = Map.ofEntries(
      Map.entry(CASE_NUMBER, "PER-2026-0042"),
      Map.entry(CLIENT_NAME, "Ana López"),
      Map.entry(CLIENT_EMAIL, "ana@example.com"),
      Map.entry(LANGUAGE, "es"),
      Map.entry(SCENARIO, "FAMILY_UNITY"),
      Map.entry(INM_OFFICE, "INM Guadalajara"),
      Map.entry(DEPARTURE_DATE, "2026-06-15"),
      Map.entry(PLANNED_RETURN_DATE, "2026-08-01"),
      Map.entry(LATEST_REQUEST_DATE, "2026-05-29"),
      Map.entry(APPOINTMENT_DATE, "2026-05-20"),
      Map.entry(APPOINTMENT_TIME, "10:30"),
      Map.entry(RETURN_BY_DATE, "2026-09-13"),
      Map.entry(PERMIT_RETURN_DUE_DATE, "2026-08-31"),
      Map.entry(PAPERWORK_CORRECTIONS_ASKED_AT, "2026-05-21T16:00:00Z"),
      Map.entry(REQUIRED_DOCUMENTS, "PASSPORT, FLIGHT_ITINERARY,,PHOTO_CHILD_SIZE"),
      Map.entry(MISSING_DOCUMENTS, "FLIGHT_ITINERARY"),
      Map.entry(LEAD_TIME_DAYS, 10),
      Map.entry(FIRM_FEE_MXN, 3500),
      Map.entry(INM_FEE_MXN, 4022L),
      Map.entry(INM_FEE_YEAR, 2026));

  @Test
  void readsTextsAsStored() {
    CaseFacts facts = CaseFacts.of(STORED);

    assertThat(facts.caseNumber()).isEqualTo("PER-2026-0042");
    assertThat(facts.clientName()).isEqualTo("Ana López");
    assertThat(facts.clientEmail()).isEqualTo("ana@example.com");
    assertThat(facts.inmOffice()).contains("INM Guadalajara");
    assertThat(facts.text(LEAD_TIME_DAYS)).contains("10");
  }

  @Test
  void readsTheLanguageAndTheScenario() {
    CaseFacts facts = CaseFacts.of(STORED);

    assertThat(facts.language()).isEqualTo("es");
    assertThat(facts.locale()).isEqualTo(Locale.forLanguageTag("es"));
    assertThat(facts.scenario()).contains(Scenario.FAMILY_UNITY);
  }

  @Test
  void readsIsoDatesAsDates() {
    CaseFacts facts = CaseFacts.of(STORED);

    assertThat(facts.departureDate()).contains(LocalDate.of(2026, 6, 15));
    assertThat(facts.plannedReturnDate()).contains(LocalDate.of(2026, 8, 1));
    assertThat(facts.latestRequestDate()).contains(LocalDate.of(2026, 5, 29));
    assertThat(facts.appointmentDate()).contains(LocalDate.of(2026, 5, 20));
    assertThat(facts.returnByDate()).contains(LocalDate.of(2026, 9, 13));
    assertThat(facts.permitReturnDueDate()).contains(LocalDate.of(2026, 8, 31));
    assertThat(facts.requiredDate(DEPARTURE_DATE)).isEqualTo(LocalDate.of(2026, 6, 15));
    assertThat(facts.appointmentTime()).contains(LocalTime.of(10, 30));
    assertThat(facts.paperworkCorrectionsAskedAt()).contains(Instant.parse("2026-05-21T16:00:00Z"));
  }

  @Test
  void readsTheDocumentsAsCodesInOrder() {
    CaseFacts facts = CaseFacts.of(STORED);

    assertThat(facts.requiredDocuments()).containsExactly("PASSPORT", "FLIGHT_ITINERARY", "PHOTO_CHILD_SIZE");
    assertThat(facts.missingDocuments()).containsExactly("FLIGHT_ITINERARY");
    assertThat(CaseFacts.documentsText(facts.requiredDocuments()))
        .isEqualTo("PASSPORT,FLIGHT_ITINERARY,PHOTO_CHILD_SIZE");
  }

  @Test
  void readsTheFeesAsWholeNumbers() {
    CaseFacts facts = CaseFacts.of(STORED);

    assertThat(facts.leadTimeDays()).contains(10);
    // A long, as JSON gives it, is a whole number too.
    assertThat(facts.fees()).isEqualTo(new CaseFacts.QuotedFees(3500, 4022, 2026));
    assertThat(facts.fees().sentence(2026, "en"))
        .isEqualTo(FeeWording.sentence(3500, 4022, 2026, 2026, "en"));
  }

  @Test
  void absentNullAndBlankValuesAreEmpty() {
    Map<String, Object> variables = new HashMap<>();
    variables.put(APPOINTMENT_DATE, null);
    variables.put(RETURN_BY_DATE, " ");
    variables.put(MISSING_DOCUMENTS, "");
    CaseFacts facts = CaseFacts.of(variables);

    assertThat(facts.appointmentDate()).isEmpty();
    assertThat(facts.returnByDate()).isEmpty();
    assertThat(facts.departureDate()).isEmpty();
    assertThat(facts.scenario()).isEmpty();
    assertThat(facts.appointmentTime()).isEmpty();
    assertThat(facts.requiredDocuments()).isEmpty();
    assertThat(facts.missingDocuments()).isEmpty();
    assertThat(facts.leadTimeDays()).isEmpty();
    assertThat(facts.fees()).isEqualTo(new CaseFacts.QuotedFees(null, null, null));
    assertThat(facts.caseNumber()).isNull();
    assertThat(facts.inmOffice()).isEmpty();
    // The language defaults to English, as every email and page did.
    assertThat(facts.language()).isEqualTo("en");
  }

  @Test
  void aMissingRequiredDateNamesTheVariable() {
    CaseFacts facts = CaseFacts.of(Map.of());

    assertThatThrownBy(() -> facts.requiredDate(REENTRY_DATE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("The case has no value for the variable 'reentryDate'");
  }

  @Test
  void aMalformedDateFailsNamingTheVariableAndTheValue() {
    CaseFacts facts = CaseFacts.of(Map.of(DEPARTURE_DATE, "15/06/2026", RETURN_BY_DATE, "2026-02-30"));

    assertThatThrownBy(facts::departureDate)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The case variable 'departureDate' is not a date (yyyy-MM-dd): '15/06/2026'");
    assertThatThrownBy(facts::returnByDate)
        .hasMessage("The case variable 'returnByDate' is not a date (yyyy-MM-dd): '2026-02-30'");
  }

  @Test
  void aValueOfTheWrongKindFailsNamingTheVariable() {
    CaseFacts facts = CaseFacts.of(Map.of(SCENARIO, "TOURIST", APPOINTMENT_DATE, LocalDate.of(2026, 5, 20),
        APPOINTMENT_TIME, "half past ten", REQUIRED_DOCUMENTS, List.of("PASSPORT"), INM_FEE_MXN, "4022"));

    assertThatThrownBy(facts::scenario).hasMessageContaining("'scenario' is not one of [CANJE_PENDING");
    assertThatThrownBy(facts::appointmentDate).hasMessageContaining("'appointmentDate' is not a date");
    assertThatThrownBy(facts::appointmentTime).hasMessageContaining("'appointmentTime' is not a time");
    assertThatThrownBy(facts::requiredDocuments).hasMessageContaining("'requiredDocuments' is not comma-separated");
    assertThatThrownBy(facts::fees).hasMessageContaining("'inmFeeMxn' is not a whole number");
  }

  @Test
  void onlyAMalformedValueThatIsReadFails() {
    CaseFacts facts = CaseFacts.of(Map.of(DEPARTURE_DATE, "2026-06-15", RETURN_BY_DATE, "soon"));

    assertThat(facts.departureDate()).contains(LocalDate.of(2026, 6, 15));
  }

  @Test
  void readsOnlyTheNamedVariablesThroughAGetter() {
    Map<String, Object> execution = new HashMap<>(STORED);
    CaseFacts facts = CaseFacts.of(execution::get, DEPARTURE_DATE, REENTRY_DATE);

    assertThat(facts.departureDate()).contains(LocalDate.of(2026, 6, 15));
    assertThat(facts.reentryDate()).isEmpty();
    assertThat(facts.caseNumber()).isNull();
  }

  @Test
  void isACopyTheCallerCannotChange() {
    Map<String, Object> variables = new HashMap<>(Map.of(DEPARTURE_DATE, "2026-06-15"));
    CaseFacts facts = CaseFacts.of(variables);
    variables.put(DEPARTURE_DATE, "2026-07-01");

    assertThat(facts.departureDate()).contains(LocalDate.of(2026, 6, 15));
    assertThat(facts.toString()).doesNotContain("2026");
  }

  @Test
  void aDateAsStoredIsReadAlikeOneByOne() {
    assertThat(CaseFacts.isoDate(REENTRY_DATE, " 2026-08-20 ")).isEqualTo(LocalDate.of(2026, 8, 20));
    assertThat(CaseFacts.isoDate(REENTRY_DATE, null)).isNull();
    assertThatThrownBy(() -> CaseFacts.isoDate(REENTRY_DATE, "tomorrow"))
        .hasMessage("The case variable 'reentryDate' is not a date (yyyy-MM-dd): 'tomorrow'");
  }
}
