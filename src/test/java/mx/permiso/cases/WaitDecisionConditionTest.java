package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static mx.permiso.cases.ExitReentryPermitProcess.Variables.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import mx.permiso.deadlines.Deadlines;
import mx.permiso.support.SampleSettings;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Staff's decisions on a wait that ran out, and on a flight, are complete and possible before the case acts on them. */
class WaitDecisionConditionTest {

  /** Saturday 21 November 2026, 10:00 in Mexico City. */
  private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-21T16:00:00Z"), ZoneOffset.UTC);
  private final WaitDecisionCondition condition = new WaitDecisionCondition(
      new Deadlines(SampleSettings.deadlines(), NOW, ZoneId.of("America/Mexico_City")),
      messages());

  private static ResourceBundleMessageSource messages() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    return messages;
  }

  private Optional<String> documents(Map<String, Object> variables) {
    return condition.unmet(USER_TASK_HANDLE_DOCUMENTS_NEVER_CAME, "EXR-2026-0001", variables);
  }

  @Test
  void aDecisionMustBeMade() {
    assertThat(documents(Map.of())).get().asString().contains("waitDecision");
    assertThat(documents(Map.of(WAIT_DECISION, "SOMETHING_ELSE"))).get().asString().contains("waitDecision");
  }

  @Test
  void newDatesFollowTheCasePagesRules() {
    assertThat(documents(Map.of(WAIT_DECISION, "NEW_DATES", NEW_DEPARTURE_DATE, "2026-12-18",
        NEW_PLANNED_RETURN_DATE, "2027-01-10"))).isEmpty();
    assertThat(documents(Map.of(WAIT_DECISION, "NEW_DATES"))).get().asString()
        .contains("newDepartureDate").contains("newPlannedReturnDate");
    assertThat(documents(Map.of(WAIT_DECISION, "NEW_DATES", NEW_DEPARTURE_DATE, "2026-11-20",
        NEW_PLANNED_RETURN_DATE, "2027-01-10"))).get().asString()
        .isEqualTo("newDepartureDate: The departure date has already passed.");
    assertThat(documents(Map.of(WAIT_DECISION, "NEW_DATES", NEW_DEPARTURE_DATE, "2026-12-18",
        NEW_PLANNED_RETURN_DATE, "2026-12-01"))).get().asString()
        .isEqualTo("newPlannedReturnDate: The return must be after the departure.");
  }

  @Test
  void anAgreedWaitEndsAfterTodayAndWithinAYear() {
    assertThat(documents(Map.of(WAIT_DECISION, "KEEP_WAITING", DOCUMENTS_WAIT_UNTIL, "2026-11-27"))).isEmpty();
    assertThat(documents(Map.of(WAIT_DECISION, "KEEP_WAITING"))).get().asString().contains("documentsWaitUntil");
    assertThat(documents(Map.of(WAIT_DECISION, "KEEP_WAITING", DOCUMENTS_WAIT_UNTIL, "2026-11-21"))).get().asString()
        .contains("documentsWaitUntil").contains("not after today, 2026-11-21");
    assertThat(documents(Map.of(WAIT_DECISION, "KEEP_WAITING", DOCUMENTS_WAIT_UNTIL, "2028-01-01"))).get().asString()
        .contains("more than a year away");
    // The payment's wait has its own date: the documents' one does not count for it.
    assertThat(condition.unmet(USER_TASK_HANDLE_PAYMENT_NEVER_CAME, "EXR-2026-0001",
        Map.of(WAIT_DECISION, "KEEP_WAITING", DOCUMENTS_WAIT_UNTIL, "2026-11-27"))).get().asString()
        .contains("paymentWaitUntil");
  }

  @Test
  void aCancellationSaysWhy() {
    assertThat(documents(Map.of(WAIT_DECISION, "CANCEL", WAIT_DECISION_NOTE, "No answer for two weeks"))).isEmpty();
    assertThat(documents(Map.of(WAIT_DECISION, "CANCEL", WAIT_DECISION_NOTE, "  "))).get().asString()
        .isEqualTo("waitDecisionNote: Please write why the case is cancelled.");
    assertThat(documents(Map.of(WAIT_DECISION, "CANCEL", WAIT_DECISION_NOTE, "x".repeat(1001)))).get().asString()
        .startsWith("waitDecisionNote: Please keep the reason under 1000 characters");
  }

  @Test
  void theFlightsOutcomeIsRecordedWhole() {
    assertThat(condition.unmet(USER_TASK_CONFIRM_DEPARTURE, "EXR-2026-0001", Map.of())).get().asString()
        .contains("departureOutcome");
    assertThat(condition.unmet(USER_TASK_CONFIRM_DEPARTURE, "EXR-2026-0001",
        Map.of(DEPARTURE_OUTCOME, "TRAVELLED", EXIT_STAMP_CONFIRMED, true))).isEmpty();
    assertThat(condition.unmet(USER_TASK_CONFIRM_DEPARTURE, "EXR-2026-0001",
        Map.of(DEPARTURE_OUTCOME, "TRAVELLED", EXIT_STAMP_CONFIRMED, false))).get().asString()
        .contains("exitStampConfirmed");
    assertThat(condition.unmet(USER_TASK_CONFIRM_DEPARTURE, "EXR-2026-0001",
        Map.of(DEPARTURE_OUTCOME, "DID_NOT_TRAVEL"))).isEmpty();
  }

  @Test
  void aPostponedFlightMustLeaveBeforeThePermitExpires() {
    Map<String, Object> postponed = Map.of(DEPARTURE_OUTCOME, "POSTPONED", RETURN_BY_DATE, "2027-01-11",
        NEW_DEPARTURE_DATE, "2026-12-01", NEW_PLANNED_RETURN_DATE, "2026-12-20");
    assertThat(condition.unmet(USER_TASK_CONFIRM_DEPARTURE, "EXR-2026-0001", postponed)).isEmpty();
    assertThat(condition.unmet(USER_TASK_CONFIRM_DEPARTURE, "EXR-2026-0001", Map.of(DEPARTURE_OUTCOME, "POSTPONED",
        RETURN_BY_DATE, "2027-01-11", NEW_DEPARTURE_DATE, "2027-01-11", NEW_PLANNED_RETURN_DATE, "2027-02-01")))
        .get().asString().isEqualTo("newDepartureDate: The permit INM issued expires before this departure: "
        + "leaving then needs a new permit (a new case).");
  }

  @Test
  void otherStepsAreNotItsConcern() {
    assertThat(condition.unmet(USER_TASK_REVIEW_INTAKE, "EXR-2026-0001", Map.of())).isEmpty();
  }
}
