package mx.permiso.mail;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static mx.permiso.support.LiveCase.clockAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import mx.permiso.cases.ClientNotifier;
import mx.permiso.cases.Notice;
import mx.permiso.cases.NoticeType;
import mx.permiso.security.StaffGroups;
import mx.permiso.support.Http;
import mx.permiso.support.LiveCase;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.ReceivedMail;
import mx.permiso.support.SampleCase;
import mx.permiso.support.TestUsers;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Email when things go wrong, on PostgreSQL with a real SMTP server that the test starts and
 * stops: nothing is lost, nothing is sent twice, and what cannot be delivered shows to staff.
 */
@PostgresApplicationTest
@Import(MailDeliveryIT.FlakyStep.class)
@TestPropertySource(properties = {
    "spring.mail.host=localhost",
    "spring.mail.port=" + MailDeliveryIT.SMTP_PORT,
    "permiso.mail.dispatcher-enabled=false",
    "permiso.mail.batch-size=20",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"
})
class MailDeliveryIT {

  static final int SMTP_PORT = 3026;

  /** A process step that writes its email and then fails, once. */
  @TestConfiguration
  static class FlakyStep {
    static final AtomicInteger ATTEMPTS = new AtomicInteger();

    @Bean
    JavaDelegate flakyNoticeDelegate(ClientNotifier notifier) {
      return execution -> {
        notifier.send(new Notice(execution.getProcessInstanceId(), "EXR-2026-0403", NoticeType.CASE_CLOSED,
            LocalDate.of(2026, 11, 3), execution.getVariables()));
        if (ATTEMPTS.incrementAndGet() == 1) {
          throw new IllegalStateException("the node died after writing the email");
        }
      };
    }
  }

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  MailDispatcher dispatcher;

  @Autowired
  Outbox outbox;

  @Autowired
  TransactionTemplate transactions;

  @Autowired
  ObjectProvider<JavaMailSender> senders;

  @Autowired
  MailSettings settings;

  @Autowired
  Clock clock;

  @Autowired
  DeliveryFailures failures;

  @Autowired
  OutboxComposer composer;

  @Autowired
  JdbcTemplate jdbc;

  private final GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, null, ServerSetup.PROTOCOL_SMTP));

  @BeforeEach
  void atIntake() {
    clockAt("2026-11-03", "09:00");
  }

  @AfterEach
  void stop() {
    smtp.stop();
    ClockUtil.reset();
  }

  @Test
  void remindersThatFallDueWhileSmtpIsDownAreDeliveredOnceWhenItReturns() {
    LiveCase live = new LiveCase(engine, "EXR-2026-0401").start(SampleCase.intake("EXR-2026-0401"))
        .complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true));
    live.awaitPassed(SERVICE_TASK_SEND_ACKNOWLEDGEMENT);
    // Three reminders fall due, one every other day, while the SMTP server is down.
    int reminders = 0;
    for (String day : List.of("2026-11-05", "2026-11-07", "2026-11-09")) {
      clockAt(day, "10:01");
      live.awaitPassedTimes(SERVICE_TASK_SEND_DOCUMENTS_REMINDER, ++reminders);
    }

    assertThat(dispatcher.dispatchDue()).isZero();
    List<OutboxMessage> waiting = outbox.forCase("EXR-2026-0401");
    assertThat(waiting).extracting(OutboxMessage::noticeType)
        .containsExactly("ACKNOWLEDGEMENT", "DOCUMENTS_REMINDER", "DOCUMENTS_REMINDER", "DOCUMENTS_REMINDER");
    assertThat(waiting).allSatisfy(message -> {
      assertThat(message.status()).isEqualTo(Outbox.Status.PENDING);
      assertThat(message.attempts()).isOne();
      assertThat(message.lastError()).containsIgnoringCase("connect");
    });

    smtp.start();
    assertThat(dispatcher.dispatchDue()).as("not before the retry is due").isZero();
    clockAt("2026-11-09", "10:05");
    dispatchUntilDone();
    assertThat(dispatcher.dispatchDue()).isZero();

    assertThat(received(smtp, "EXR-2026-0401")).hasSize(4);
    assertThat(dedupeKeys(received(smtp, "EXR-2026-0401"))).doesNotHaveDuplicates().hasSize(4);
    assertThat(outbox.forCase("EXR-2026-0401")).extracting(OutboxMessage::status).containsOnly(Outbox.Status.SENT);
  }

  @Test
  void aStepRetriedAfterWritingItsEmailStillSendsItOnce() {
    smtp.start();
    engine.getRepositoryService().createDeployment().name("flaky-step")
        .addModelInstance("flaky-step.bpmn", Bpmn.createExecutableProcess("flaky-step").camundaHistoryTimeToLive(1)
            .startEvent("StartEvent_Begun")
            .serviceTask("ServiceTask_SendAndFail").camundaAsyncBefore().camundaDelegateExpression("${flakyNoticeDelegate}")
            .endEvent("EndEvent_Done").done())
        .deploy();
    String instance = engine.getRuntimeService().startProcessInstanceByKey("flaky-step",
        SampleCase.intake("EXR-2026-0403")).getId();

    await().atMost(Duration.ofSeconds(30)).until(() -> FlakyStep.ATTEMPTS.get() >= 1
        && engine.getManagementService().createJobQuery().processInstanceId(instance).withException().count() == 1);
    assertThat(outbox.forCase("EXR-2026-0403")).as("rolled back with the failed step").isEmpty();
    clockAt("2026-11-03", "09:06");   // past the 5-minute retry
    await().atMost(Duration.ofSeconds(30)).until(() -> engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceId(instance).count() == 0);

    dispatchUntilDone();
    assertThat(FlakyStep.ATTEMPTS.get()).isEqualTo(2);
    assertThat(outbox.forCase("EXR-2026-0403")).hasSize(1);
    assertThat(received(smtp, "EXR-2026-0403")).hasSize(1);
  }

  @Test
  void twoDispatchersAtOnceSendEveryMessageExactlyOnce() throws Exception {
    smtp.start();
    int messages = 300;
    transactions.executeWithoutResult(status -> {
      for (int i = 0; i < messages; i++) {
        outbox.enqueue(new Outbox.NewMessage("load|" + i, "EXR-2026-0500", null, "DOCUMENTS_REMINDER", "en",
            "client" + i + "@example.com", new ComposedMail("Reminder " + i, "Body " + i, "<p>Body " + i + "</p>",
                List.of())), clock.instant());
      }
    });
    MailDispatcher otherNode = new MailDispatcher(outbox, senders, settings, clock, failures, composer);

    ExecutorService nodes = Executors.newFixedThreadPool(2);
    List<Future<Integer>> sent = new ArrayList<>();
    for (MailDispatcher node : List.of(dispatcher, otherNode)) {
      sent.add(nodes.submit(() -> {
        int total = 0;
        for (int round = 0; round < 1_000 && waiting("EXR-2026-0500") > 0; round++) {
          total += node.dispatchDue();
        }
        return total;
      }));
    }
    int total = 0;
    for (Future<Integer> node : sent) {
      total += node.get();
    }
    nodes.shutdown();

    // Rows of other tests in this database may ride along, so count this test's own.
    assertThat(total).isGreaterThanOrEqualTo(messages);
    assertThat(sent.get(0).get()).as("both nodes took part").isPositive();
    assertThat(sent.get(1).get()).as("both nodes took part").isPositive();
    assertThat(received(smtp, "EXR-2026-0500")).hasSize(messages);
    assertThat(dedupeKeys(received(smtp, "EXR-2026-0500"))).doesNotHaveDuplicates().hasSize(messages);
    assertThat(outbox.forCase("EXR-2026-0500")).extracting(OutboxMessage::status).containsOnly(Outbox.Status.SENT);
  }

  @Test
  void aRoundWithARefusalInTheMiddleRecordsTheOthersSentRetriesTheRefusedOneAndSendsNoneTwice() throws Exception {
    smtp.start();
    String caseNumber = "EXR-2026-0510";
    transactions.executeWithoutResult(status -> {
      for (String who : List.of("first", "busy", "third")) {
        List<ComposedMail.Attachment> files = who.equals("busy") ? List.of()
            : List.of(new ComposedMail.Attachment(who + ".txt", "text/plain", who.getBytes(StandardCharsets.UTF_8)));
        outbox.enqueue(new Outbox.NewMessage("batch|" + who, caseNumber, null, "DOCUMENTS_REMINDER", "en",
            who + "@example.com", new ComposedMail("Reminder", "Body", "<p>Body</p>", files)), clock.instant());
      }
    });
    MailDispatcher refusingOnce = new MailDispatcher(outbox, FlakySmtp.sender(SMTP_PORT, "busy@example.com"),
        settings, clock, failures, composer);

    refusingOnce.dispatchDue();

    assertThat(received(smtp, caseNumber)).extracting(message -> message.getAllRecipients()[0].toString())
        .containsExactlyInAnyOrder("first@example.com", "third@example.com");
    for (MimeMessage message : received(smtp, caseNumber)) {
      String who = message.getAllRecipients()[0].toString().replace("@example.com", "");
      assertThat(attachmentNames(message)).as("the files of %s's email", who).containsExactly(who + ".txt");
    }
    Map<String, OutboxMessage> rows = new HashMap<>();
    outbox.forCase(caseNumber).forEach(row -> rows.put(row.recipient(), row));
    assertThat(rows.get("first@example.com").status()).isEqualTo(Outbox.Status.SENT);
    assertThat(rows.get("third@example.com").status()).isEqualTo(Outbox.Status.SENT);
    assertThat(rows.get("busy@example.com").status()).isEqualTo(Outbox.Status.PENDING);
    assertThat(rows.get("busy@example.com").attempts()).isOne();
    assertThat(rows.get("busy@example.com").lastError()).contains("452");

    clockAt("2026-11-03", "09:02");   // past the first retry
    refusingOnce.dispatchDue();

    assertThat(dedupeKeys(received(smtp, caseNumber))).containsExactlyInAnyOrder("batch|first", "batch|busy",
        "batch|third");
    assertThat(outbox.forCase(caseNumber)).allSatisfy(row -> assertThat(row.status()).isEqualTo(Outbox.Status.SENT));
    assertThat(outbox.forCase(caseNumber)).extracting(OutboxMessage::recipient, OutboxMessage::attempts)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("first@example.com", 1),
            org.assertj.core.groups.Tuple.tuple("busy@example.com", 2),
            org.assertj.core.groups.Tuple.tuple("third@example.com", 1));
  }

  private static List<String> attachmentNames(MimeMessage message) throws Exception {
    List<String> names = new ArrayList<>();
    jakarta.mail.Multipart parts = (jakarta.mail.Multipart) message.getContent();
    for (int i = 0; i < parts.getCount(); i++) {
      if (parts.getBodyPart(i).getFileName() != null) {
        names.add(parts.getBodyPart(i).getFileName());
      }
    }
    return names;
  }

  /**
   * The real SMTP client, to the test's server, except that the server answers "452 mailbox full"
   * the first time an email goes to one address (a refusal worth retrying, which GreenMail never gives).
   */
  public static final class FlakySmtp extends org.eclipse.angus.mail.smtp.SMTPTransport {

    static final Set<String> REFUSE_ONCE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public FlakySmtp(jakarta.mail.Session session, jakarta.mail.URLName url) {
      super(session, url);
    }

    static ObjectProvider<JavaMailSender> sender(int port, String refusedOnce) {
      REFUSE_ONCE.add(refusedOnce);
      java.util.Properties properties = new java.util.Properties();
      properties.put("mail.smtp.class", FlakySmtp.class.getName());
      jakarta.mail.Session session = jakarta.mail.Session.getInstance(properties);
      session.addProvider(new jakarta.mail.Provider(jakarta.mail.Provider.Type.TRANSPORT, "smtp",
          FlakySmtp.class.getName(), "tests", "1"));
      org.springframework.mail.javamail.JavaMailSenderImpl server =
          new org.springframework.mail.javamail.JavaMailSenderImpl();
      server.setSession(session);
      server.setHost("localhost");
      server.setPort(port);
      return new org.springframework.beans.factory.support.StaticListableBeanFactory(Map.of("sender", server))
          .getBeanProvider(JavaMailSender.class);
    }

    @Override
    public synchronized void sendMessage(jakarta.mail.Message message, jakarta.mail.Address[] addresses)
        throws jakarta.mail.MessagingException {
      String to = ((jakarta.mail.internet.InternetAddress) addresses[0]).getAddress();
      if (REFUSE_ONCE.remove(to)) {
        throw new jakarta.mail.SendFailedException("Invalid Addresses",
            new org.eclipse.angus.mail.smtp.SMTPAddressFailedException(new jakarta.mail.internet.InternetAddress(to),
                "RCPT", 452, "452 Mailbox full"));
      }
      super.sendMessage(message, addresses);
    }
  }

  @Test
  void anEmailStillUndeliveredAfterTheLastAttemptIsMarkedFailedAndShownToStaff() {
    // SMTP stays down; this node gives up after two attempts.
    MailSettings twoAttempts = new MailSettings(settings.from(), settings.staffAddress(), 2,
        settings.firstRetryAfter(), settings.maxRetryAfter(), settings.batchSize(), settings.lease(),
        settings.dispatchInterval(), settings.dispatchDelay());
    MailDispatcher impatient = new MailDispatcher(outbox, senders, twoAttempts, clock, failures, composer);
    LiveCase live = new LiveCase(engine, "EXR-2026-0405").start(SampleCase.intake("EXR-2026-0405"));
    live.awaitTask(USER_TASK_REVIEW_INTAKE);

    impatient.dispatchDue();
    assertThat(outbox.forCase("EXR-2026-0405")).singleElement().satisfies(message -> {
      assertThat(message.status()).isEqualTo(Outbox.Status.PENDING);
      assertThat(message.attempts()).isOne();
    });
    clockAt("2026-11-03", "09:02");   // past the first retry
    impatient.dispatchDue();

    OutboxMessage failed = outbox.forCase("EXR-2026-0405").get(0);
    assertThat(failed.status()).isEqualTo(Outbox.Status.FAILED);
    assertThat(failed.attempts()).isEqualTo(2);
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(live.instanceId())
        .incidentType(DeliveryFailures.INCIDENT_TYPE).singleResult().getIncidentMessage())
        .contains("could not be delivered after 2 attempt(s)");
  }

  @Test
  void anAddressThatCanNeverWorkIsMarkedFailedAndShownToStaffWhileOthersGoOut() {
    smtp.start();
    Map<String, Object> broken = new HashMap<>(SampleCase.intake("EXR-2026-0402"));
    broken.put("clientEmail", "jane.example.com");
    LiveCase bad = new LiveCase(engine, "EXR-2026-0402").start(broken);
    LiveCase good = new LiveCase(engine, "EXR-2026-0404").start(SampleCase.intake("EXR-2026-0404"));
    bad.awaitTask(USER_TASK_REVIEW_INTAKE);
    good.awaitTask(USER_TASK_REVIEW_INTAKE);

    dispatchUntilDone();

    assertThat(received(smtp, "EXR-2026-0402")).isEmpty();
    assertThat(received(smtp, "EXR-2026-0404")).hasSize(1);
    OutboxMessage failed = outbox.forCase("EXR-2026-0402").get(0);
    assertThat(failed.status()).isEqualTo(Outbox.Status.FAILED);
    assertThat(failed.attempts()).isOne();
    Incident incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(bad.instanceId())
        .incidentType(DeliveryFailures.INCIDENT_TYPE).singleResult();
    assertThat(incident.getIncidentMessage()).contains("could not be delivered", "jane.example.com",
        "Your exit and re-entry permit request EXR-2026-0402");
    assertThat(outbox.forCase("EXR-2026-0404")).extracting(OutboxMessage::status).containsExactly(Outbox.Status.SENT);

    TestUsers.ensure(engine.getIdentityService(), "lucia", StaffGroups.LEGAL_STAFF);
    var log = Http.at(port).get("/api/cases/EXR-2026-0402/communications", "lucia", TestUsers.PASSWORD);
    assertThat(log.statusCode()).isEqualTo(200);
    assertThat(log.body()).contains("\"status\":\"FAILED\"", "\"type\":\"ACKNOWLEDGEMENT\"", "jane.example.com");
    assertThat(Http.at(port).get("/api/cases/EXR-2026-0402/communications").statusCode()).isEqualTo(401);
  }

  @Test
  void anEmailIsWrittenWhenItIsSentSayingWhatWasTrueWhenItsStepRan() {
    smtp.start();
    LiveCase live = new LiveCase(engine, "EXR-2026-0406").start(SampleCase.intake("EXR-2026-0406"));
    live.awaitTask(USER_TASK_REVIEW_INTAKE);
    OutboxMessage written = acknowledgementOf("EXR-2026-0406");
    assertThat(written.text()).as("nothing written at the step").isNull();
    assertThat(written.subject()).isNull();
    assertThat(written.facts()).contains("\"on\":\"2026-11-03\"", "\"latestRequestDate\":\"2026-11-17\"",
        "\"clientName\":\"Jane Doe\"", "/c/");

    // Sent much later: the last day to file has passed and the client's name has changed since the step.
    clockAt("2026-11-18", "12:00");
    engine.getRuntimeService().setVariable(live.instanceId(), "clientName", "Juana Pérez");
    dispatchUntilDone();

    List<MimeMessage> received = received(smtp, "EXR-2026-0406").stream()
        .filter(message -> ReceivedMail.header(message, "X-Permiso-Message").contains("ACKNOWLEDGEMENT")).toList();
    assertThat(received).hasSize(1);
    String text = ReceivedMail.text(received.get(0));
    assertThat(text).as("as on the day of the step").contains("Dear Jane Doe",
        "INM needs the request by Tuesday 17 November 2026 at the latest", "/c/")
        .doesNotContain("Juana");
    OutboxMessage sent = acknowledgementOf("EXR-2026-0406");
    assertThat(sent.status()).isEqualTo(Outbox.Status.SENT);
    assertThat(sent.subject()).isEqualTo("Your exit and re-entry permit request EXR-2026-0406");
    assertThat(sent.text()).as("stored as sent").contains("INM needs the request by Tuesday 17 November 2026")
        .isEqualTo(composer.readable(sent).text());
  }

  @Test
  void anEmailItsTemplateCannotWriteFailsWithAReadableReasonWhileOthersGoOut() {
    smtp.start();
    MailSettings twoAttempts = new MailSettings(settings.from(), settings.staffAddress(), 2,
        settings.firstRetryAfter(), settings.maxRetryAfter(), settings.batchSize(), settings.lease(),
        settings.dispatchInterval(), settings.dispatchDelay());
    MailDispatcher impatient = new MailDispatcher(outbox, senders, twoAttempts, clock, failures, composer);
    LiveCase bad = new LiveCase(engine, "EXR-2026-0407").start(SampleCase.intake("EXR-2026-0407"));
    LiveCase good = new LiveCase(engine, "EXR-2026-0408").start(SampleCase.intake("EXR-2026-0408"));
    bad.awaitTask(USER_TASK_REVIEW_INTAKE);
    good.awaitTask(USER_TASK_REVIEW_INTAKE);
    // What a template edited after the step cannot read: a date that is no date.
    jdbc.update("update outbox_message set facts = replace(facts, '\"departureDate\":\"2026-11-20\"', "
        + "'\"departureDate\":\"next week\"') where case_number = ?", "EXR-2026-0407");

    impatient.dispatchDue();

    assertThat(received(smtp, "EXR-2026-0408")).as("the other case's email went").hasSize(1);
    assertThat(received(smtp, "EXR-2026-0407")).isEmpty();
    OutboxMessage tried = acknowledgementOf("EXR-2026-0407");
    assertThat(tried.status()).as("tried again later").isEqualTo(Outbox.Status.PENDING);
    assertThat(tried.attempts()).isOne();
    assertThat(tried.lastError()).contains("could not be written from the firm's template mail/en/ACKNOWLEDGEMENT.txt",
        "dates.of(departureDate)", "next week");

    clockAt("2026-11-03", "09:02");   // past the first retry
    impatient.dispatchDue();

    OutboxMessage failed = acknowledgementOf("EXR-2026-0407");
    assertThat(failed.status()).isEqualTo(Outbox.Status.FAILED);
    assertThat(failed.attempts()).isEqualTo(2);
    assertThat(failed.text()).isNull();
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(bad.instanceId())
        .incidentType(DeliveryFailures.INCIDENT_TYPE).singleResult().getIncidentMessage())
        .contains("ACKNOWLEDGEMENT", "after 2 attempt(s)", "mail/en/ACKNOWLEDGEMENT.txt");
    for (String staff : List.of("lucia", "mateo")) {
      TestUsers.ensure(engine.getIdentityService(), staff,
          staff.equals("lucia") ? StaffGroups.LEGAL_STAFF : StaffGroups.MANAGERS);
      var log = Http.at(port).get("/api/cases/EXR-2026-0407/communications", staff, TestUsers.PASSWORD);
      assertThat(log.statusCode()).isEqualTo(200);
      assertThat(log.body()).contains("\"status\":\"FAILED\"", "\"type\":\"ACKNOWLEDGEMENT\"",
          "mail/en/ACKNOWLEDGEMENT.txt", "next week");
    }
  }

  @Test
  void anEmailItsStepWroteInFullIsSentAsItIs() throws Exception {
    smtp.start();
    byte[] calendar = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    transactions.executeWithoutResult(status -> outbox.enqueue(new Outbox.NewMessage(
        "EXR-2026-0409|ACKNOWLEDGEMENT|2026-11-02|client", "EXR-2026-0409", null, "ACKNOWLEDGEMENT", "en",
        "jane@example.com", new ComposedMail("Written by its step", "The text as the step wrote it.",
            "<p>The text as the step wrote it.</p>", List.of(new ComposedMail.Attachment("inm-appointment.ics",
                "text/calendar; charset=UTF-8; method=PUBLISH", calendar)))), clock.instant()));

    dispatchUntilDone();

    MimeMessage received = received(smtp, "EXR-2026-0409").get(0);
    assertThat(received.getSubject()).isEqualTo("Written by its step");
    assertThat(ReceivedMail.text(received)).contains("The text as the step wrote it.").doesNotContain("Dear");
    jakarta.mail.Multipart parts = (jakarta.mail.Multipart) received.getContent();
    List<String> files = new ArrayList<>();
    for (int i = 0; i < parts.getCount(); i++) {
      if (parts.getBodyPart(i).getFileName() != null) {
        files.add(parts.getBodyPart(i).getFileName());
      }
    }
    assertThat(files).containsExactly("inm-appointment.ics");
    OutboxMessage sent = outbox.forCase("EXR-2026-0409").get(0);
    assertThat(sent.status()).isEqualTo(Outbox.Status.SENT);
    assertThat(sent.text()).isEqualTo("The text as the step wrote it.");
    assertThat(sent.facts()).isNull();
    assertThat(outbox.attachments(sent.id())).hasSize(1);
  }

  private OutboxMessage acknowledgementOf(String caseNumber) {
    return outbox.forCase(caseNumber).stream().filter(message -> message.noticeType().equals("ACKNOWLEDGEMENT"))
        .findFirst().orElseThrow();
  }

  private void dispatchUntilDone() {
    ReceivedMail.deliverAll(dispatcher);
  }

  private long waiting(String caseNumber) {
    return outbox.forCase(caseNumber).stream().filter(message -> message.status() == Outbox.Status.PENDING).count();
  }

  /** What the SMTP server received for one case (tests of this class share a database). */
  private static List<MimeMessage> received(GreenMail smtp, String caseNumber) {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(message -> caseNumber.equals(ReceivedMail.header(message, "X-Permiso-Case")))
        .toList();
  }

  private static List<String> dedupeKeys(List<MimeMessage> messages) {
    return messages.stream().map(message -> ReceivedMail.header(message, "X-Permiso-Message")).toList();
  }
}
