package mx.permiso.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import mx.permiso.deadlines.Deadlines;
import mx.permiso.support.SampleSettings;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** "Record INM outcome" refuses a next step or an issue date the case cannot go on with, naming the field. */
class InmOutcomeConditionTest {

  // Thursday 12 November 2026, 12:00 in Mexico City; the sample flight leaves on 20 November.
  private final InmOutcomeCondition condition = new InmOutcomeCondition(
      new Deadlines(SampleSettings.deadlines(), Clock.fixed(Instant.parse("2026-11-12T18:00:00Z"), ZoneOffset.UTC),
          ZoneId.of("America/Mexico_City")), messages());

  private static ResourceBundleMessageSource messages() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    return messages;
  }

  private static Map<String, Object> notIssued(String next, String issueDate) {
    Map<String, Object> variables = new HashMap<>(Map.of("permitIssued", false, "departureDate", "2026-11-20"));
    if (next != null) {
      variables.put("inmNextStep", next);
    }
    if (issueDate != null) {
      variables.put("permitIssueDate", issueDate);
    }
    return variables;
  }

  private String unmet(Map<String, Object> variables) {
    return condition.unmet(ExitReentryPermitProcess.Elements.USER_TASK_RECORD_OUTCOME, "EXR-2026-0001", variables)
        .orElse(null);
  }

  @Test
  void anIssueDateIsNeededNotPastAndNotAfterTheDeparture() {
    assertThat(unmet(notIssued("ISSUE_LATER", null))).contains("permitIssueDate", "is not a date");
    assertThat(unmet(notIssued("ISSUE_LATER", "17/11/2026"))).contains("permitIssueDate", "yyyy-MM-dd");
    assertThat(unmet(notIssued("ISSUE_LATER", "2026-11-11"))).contains("permitIssueDate", "2026-11-11 is in the past",
        "today is 2026-11-12");
    assertThat(unmet(notIssued("ISSUE_LATER", "2026-11-21"))).contains("permitIssueDate",
        "2026-11-21 is after the client's departure on 2026-11-20");
    // Today and the departure day itself are still days INM can issue it on.
    assertThat(unmet(notIssued("ISSUE_LATER", "2026-11-12"))).isNull();
    assertThat(unmet(notIssued("ISSUE_LATER", "2026-11-20"))).isNull();
  }

  @Test
  void aPermitNotIssuedNeedsOneOfTheNextSteps() {
    assertThat(unmet(notIssued(null, null))).contains("inmNextStep");
    assertThat(unmet(notIssued("MAYBE", null))).contains("inmNextStep", "\"MAYBE\"");
    for (String next : new String[] {"REBOOK", "NEW_PAPERWORK", "END"}) {
      assertThat(unmet(notIssued(next, null))).as(next).isNull();
    }
  }

  @Test
  void anIssuedPermitAndOtherTasksAreNotItsConcern() {
    assertThat(unmet(Map.of("permitIssued", true, "permitDate", "2026-11-12"))).isNull();
    assertThat(condition.unmet(ExitReentryPermitProcess.Elements.USER_TASK_BOOK_APPOINTMENT, "EXR-2026-0001",
        notIssued(null, null))).isEmpty();
  }
}
