package mx.permiso.operations;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mx.permiso.mail.MailDispatcher;
import mx.permiso.security.StaffGroups;
import mx.permiso.support.Http;
import mx.permiso.support.LiveCase;
import mx.permiso.support.GreenMailApplicationTest;
import mx.permiso.support.SampleCase;
import mx.permiso.support.TestUsers;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The Prometheus endpoint after a scripted day of five cases (one declined, one cancelled, two
 * waiting for documents and reminded, one waiting for review past its due date), with email
 * going to a real SMTP server: every figure as the script makes it, and no figure for strangers.
 */
@GreenMailApplicationTest
@AutoConfigureObservability(tracing = false)
@TestPropertySource(properties = "permiso.metrics.refresh=PT0S")
class MetricsIT {

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

  @Autowired
  ProcessEngine engine;

  @Autowired
  MailDispatcher dispatcher;

  @LocalServerPort
  int port;

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  @Test
  void prometheusShowsTheCaseloadTheRemindersTheBacklogAndTheIncidentsOfAScriptedDay() {
    TestUsers.ensure(engine.getIdentityService(), "mateo", StaffGroups.MANAGERS);
    TestUsers.ensure(engine.getIdentityService(), "lucia", StaffGroups.LEGAL_STAFF);
    LiveCase.clockAt("2026-11-03", "09:00");
    LiveCase reminded = started("EXR-2026-0401", "jane@example.com")
        .complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true)).awaitAt(RECEIVE_TASK_AWAIT_DOCUMENTS);
    LiveCase unreachable = started("EXR-2026-0402", "not an address")
        .complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true)).awaitAt(RECEIVE_TASK_AWAIT_DOCUMENTS);
    started("EXR-2026-0403", "dee@example.com")
        .complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", false, "declineReason", "No NUT")).awaitEnded();
    started("EXR-2026-0404", "cy@example.com")
        .complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true)).awaitAt(RECEIVE_TASK_AWAIT_DOCUMENTS)
        .correlate("CaseCancelled", Map.of()).awaitEnded();
    started("EXR-2026-0405", "eve@example.com").awaitTask(USER_TASK_REVIEW_INTAKE);

    // Two days on, 10:01 in Mexico City: the first documents reminders fall due.
    LiveCase.clockAt("2026-11-05", "10:01");
    reminded.awaitPassed(SERVICE_TASK_SEND_DOCUMENTS_REMINDER);
    unreachable.awaitPassed(SERVICE_TASK_SEND_DOCUMENTS_REMINDER);

    Http http = Http.at(port);
    String before = scrape(http);
    // Nothing sent yet: 5 acknowledgements, the declined and cancelled emails, 2 reminders, all written 2 days ago
    // or more (the clock stands still in this test, so the age is exact).
    assertThat(value(before, "permiso_outbox_pending")).isEqualTo(9);
    assertThat(value(before, "permiso_outbox_oldest_pending_age_seconds")).isEqualTo((2 * 24 + 1) * 3600 + 60);

    int sent = dispatcher.dispatchDue();
    assertThat(sent).isEqualTo(7);

    String after = scrape(http);
    assertThat(value(after, "permiso_cases_started_total")).isEqualTo(5);
    assertThat(value(after, "permiso_cases_ended_total{outcome=\"declined\"}")).isEqualTo(1);
    assertThat(value(after, "permiso_cases_ended_total{outcome=\"cancelled\"}")).isEqualTo(1);
    assertThat(value(after, "permiso_cases_ended_total{outcome=\"closed\"}")).isZero();
    assertThat(value(after, "permiso_cases_open{phase=\"documents\"}")).isEqualTo(2);
    assertThat(value(after, "permiso_cases_open{phase=\"review\"}")).isEqualTo(1);
    assertThat(value(after, "permiso_cases_open{phase=\"payment\"}")).isZero();
    assertThat(value(after, "permiso_reminders_sent_total")).isEqualTo(1);
    assertThat(value(after, "permiso_reminders_failed_total")).isEqualTo(1);
    assertThat(value(after, "permiso_outbox_pending")).isZero();
    assertThat(value(after, "permiso_outbox_oldest_pending_age_seconds")).isZero();
    assertThat(value(after, "permiso_tasks_overdue")).as("the review of EXR-2026-0405").isEqualTo(1);
    assertThat(value(after, "permiso_jobs_executable")).isZero();
    assertThat(value(after, "permiso_incidents")).as("one per email that can never go out").isEqualTo(2);

    assertThat(http.get("/actuator/prometheus").statusCode()).isEqualTo(401);
    assertThat(http.get("/actuator/prometheus", "lucia", TestUsers.PASSWORD).statusCode()).isEqualTo(403);
    HttpResponse<String> health = http.get("/actuator/health", "mateo", TestUsers.PASSWORD);
    assertThat(health.body()).contains("\"db\"").contains("\"mail\"");
  }

  private LiveCase started(String number, String email) {
    Map<String, Object> intake = SampleCase.intake(number);
    intake.put("clientEmail", email);
    intake.put("departureDate", "2026-12-18");
    intake.put("plannedReturnDate", "2027-01-10");
    LiveCase live = new LiveCase(engine, number).start(intake);
    live.awaitTask(USER_TASK_REVIEW_INTAKE);
    return live;
  }

  private static String scrape(Http http) {
    HttpResponse<String> response = http.get("/actuator/prometheus", "mateo", TestUsers.PASSWORD);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** The value of one series, e.g. {@code permiso_cases_open{phase="review"}}. */
  private static long value(String scrape, String series) {
    String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
    String labels = series.contains("{") ? series.substring(series.indexOf('{') + 1, series.length() - 1) : "";
    Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$").matcher(scrape);
    while (line.find()) {
      if (labels.isEmpty() || (line.group(1) != null && line.group(1).contains(labels))) {
        return (long) Double.parseDouble(line.group(2));
      }
    }
    throw new AssertionError("no series " + series + " in\n" + scrape);
  }
}
