package mx.permiso.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Provider;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import mx.permiso.support.MovableClock;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

@ExtendWith(OutputCaptureExtension.class)
class MailDispatcherTest {

  private final MailSettings settings = new MailSettings("from@example.com", "", 8,
      Duration.ofMinutes(1), Duration.ofHours(2), 50, Duration.ofMinutes(5), Duration.ofSeconds(10),
      Duration.ofSeconds(1));
  private final Outbox outbox = mock(Outbox.class);
  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-03T16:00:00Z"));

  @BeforeEach
  void serverAcceptsEverything() {
    RecordingSmtp.reset();
    doAnswer(call -> {
      RecordingSmtp.EVENTS.add("recorded " + call.getArgument(0));
      return null;
    }).when(outbox).markSent(anyLong(), any());
    doAnswer(call -> {
      RecordingSmtp.EVENTS.add("recorded " + call.getArgument(0) + " as written");
      return null;
    }).when(outbox).markSent(anyLong(), any(), any());
  }

  @Test
  void aRoundSendsOverOneConnectionAndRecordsEachEmailBeforeTheNextGoes() {
    when(outbox.claim(anyInt(), any(), any())).thenReturn(List.of(message(1), message(2), message(3)));

    assertThat(dispatcher(settings).dispatchDue()).isEqualTo(3);

    assertThat(RecordingSmtp.EVENTS).containsExactly("connect", "send client1@example.com", "recorded 1",
        "send client2@example.com", "recorded 2", "send client3@example.com", "recorded 3", "close");
  }

  @Test
  void anEmailTheServerRefusesFailsAloneAndTheRoundGoesOn() {
    when(outbox.claim(anyInt(), any(), any())).thenReturn(List.of(message(1), message(2), message(3)));
    RecordingSmtp.REFUSED.add("client2@example.com");

    assertThat(dispatcher(settings).dispatchDue()).isEqualTo(2);

    verify(outbox).markSent(eq(1L), any());
    verify(outbox).markAttemptFailed(eq(2L), eq("452 Mailbox full"), eq(clock.instant().plus(Duration.ofMinutes(1))));
    verify(outbox, never()).markSent(eq(2L), any());
    verify(outbox).markSent(eq(3L), any());
    assertThat(RecordingSmtp.EVENTS).filteredOn("connect"::equals).hasSize(1);
  }

  @Test
  void aRoundLooksForFilesOnceReadsThemOnlyForEmailsThatHaveThemAndAFailureInTheMiddleLeavesTheRestSentOnce()
      throws Exception {
    when(outbox.claim(anyInt(), any(), any())).thenReturn(List.of(message(1), message(2), message(3)),
        List.of(message(2)));
    when(outbox.withAttachments(any())).thenReturn(Set.of(3L), Set.of());
    when(outbox.attachments(3L)).thenReturn(List.of(new ComposedMail.Attachment("cita.ics", "text/calendar",
        "BEGIN:VCALENDAR".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    RecordingSmtp.REFUSED.add("client2@example.com");

    assertThat(dispatcher(settings).dispatchDue()).isEqualTo(2);

    verify(outbox).withAttachments(List.of(1L, 2L, 3L));
    verify(outbox).attachments(3L);
    verify(outbox, never()).attachments(1L);
    verify(outbox, never()).attachments(2L);
    assertThat(((jakarta.mail.Multipart) RecordingSmtp.SENT.get("client3@example.com").getContent()).getCount())
        .as("the email and its one file").isEqualTo(2);
    verify(outbox).markSent(eq(1L), any());
    verify(outbox).markSent(eq(3L), any());
    verify(outbox).markAttemptFailed(eq(2L), eq("452 Mailbox full"), eq(clock.instant().plus(Duration.ofMinutes(1))));

    // The next round, past the retry: only the refused one goes again.
    RecordingSmtp.REFUSED.clear();
    clock.move(Duration.ofMinutes(1));
    assertThat(dispatcher(settings).dispatchDue()).isOne();

    assertThat(RecordingSmtp.EVENTS).filteredOn(event -> event.startsWith("send ")).containsExactly(
        "send client1@example.com", "send client3@example.com", "send client2@example.com");
    verify(outbox, times(1)).markSent(eq(2L), any());
    verify(outbox, times(1)).markSent(eq(1L), any());
    verify(outbox, times(1)).markSent(eq(3L), any());
  }

  @Test
  void anEmailWrittenAtSendIsStoredWithItsRecordOfSendingAndOneItsTemplateCannotWriteFailsAloneWithItsReason() {
    Map<String, Object> facts = MailFixtures.facts("en", null, null);
    String good = StoredNotice.write(new mx.permiso.cases.Notice(null, "EXR-2026-0042",
        mx.permiso.cases.NoticeType.ACKNOWLEDGEMENT, java.time.LocalDate.of(2026, 11, 3), facts),
        Instant.parse("2026-11-03T15:00:00Z"));
    facts.put("departureDate", "next week");
    String bad = StoredNotice.write(new mx.permiso.cases.Notice(null, "EXR-2026-0042",
        mx.permiso.cases.NoticeType.ACKNOWLEDGEMENT, java.time.LocalDate.of(2026, 11, 3), facts),
        Instant.parse("2026-11-03T15:00:00Z"));
    when(outbox.claim(anyInt(), any(), any())).thenReturn(List.of(toWrite(1, bad), toWrite(2, good), message(3)));

    assertThat(dispatcher(settings).dispatchDue()).isEqualTo(2);

    verify(outbox).markAttemptFailed(eq(1L), org.mockito.ArgumentMatchers.argThat(reason -> reason.startsWith(
        "The email could not be written from the firm's template mail/en/ACKNOWLEDGEMENT.txt")
        && reason.contains("next week")), eq(clock.instant().plus(Duration.ofMinutes(1))));
    verify(outbox, never()).markSent(eq(1L), any(), any());
    verify(outbox, never()).markSent(eq(1L), any());
    verify(outbox).markSent(eq(2L), any(), org.mockito.ArgumentMatchers.argThat(mail ->
        mail.subject().equals("Your exit and re-entry permit request EXR-2026-0042")
        && mail.text().contains("INM needs the request by Tuesday 17 November 2026")));
    verify(outbox, never()).markSent(eq(2L), any());
    verify(outbox).markSent(eq(3L), any());
    verify(outbox, never()).markSent(eq(3L), any(), any());
    assertThat(RecordingSmtp.EVENTS).containsExactly("connect", "send client2@example.com", "recorded 2 as written",
        "send client3@example.com", "recorded 3", "close");
  }

  @Test
  void aConnectionTheServerClosedIsOpenedAgainForTheNextEmail() {
    when(outbox.claim(anyInt(), any(), any())).thenReturn(List.of(message(1), message(2)));
    RecordingSmtp.HANG_UP_AFTER.add("client1@example.com");

    assertThat(dispatcher(settings).dispatchDue()).isEqualTo(2);

    assertThat(RecordingSmtp.EVENTS).containsExactly("connect", "send client1@example.com", "recorded 1", "close",
        "connect", "send client2@example.com", "recorded 2", "close");
  }

  @Test
  void aBacklogIsSentRoundAfterRoundOverOneConnectionWithoutWaitingForTheNextInterval() {
    MailSettings batchesOfTwo = withBatchSize(2);
    when(outbox.claim(eq(2), any(), any())).thenReturn(List.of(message(1), message(2)), List.of(message(3), message(4)),
        List.of(message(5)), List.of(message(6)));

    assertThat(dispatcher(batchesOfTwo).dispatchDue()).as("stops after the round that found less than a batch")
        .isEqualTo(5);

    verify(outbox, times(3)).claim(eq(2), any(), any());
    assertThat(RecordingSmtp.EVENTS).filteredOn("connect"::equals).as("one connection for the backlog").hasSize(1);
    assertThat(RecordingSmtp.EVENTS).last().isEqualTo("close");
  }

  @Test
  void aServerThatCannotBeReachedIsTriedAgainAtTheNextIntervalNotAtOnce() {
    MailSettings batchesOfTwo = withBatchSize(2);
    when(outbox.claim(eq(2), any(), any())).thenReturn(List.of(message(1), message(2)), List.of(message(3), message(4)));
    RecordingSmtp.down = true;

    assertThat(dispatcher(batchesOfTwo).dispatchDue()).isZero();

    verify(outbox).claim(eq(2), any(), any());
    verify(outbox).markAttemptFailed(eq(1L), eq("Connection refused"), any());
    verify(outbox).markAttemptFailed(eq(2L), eq("Connection refused"), any());
  }

  @Test
  void aRoundStopsHalfwayThroughItsLeaseAndLetsTheRestGo() {
    when(outbox.claim(anyInt(), any(), any())).thenReturn(List.of(message(1), message(2), message(3)));
    // A slow server: the first email takes 3 of the lease's 5 minutes.
    RecordingSmtp.onSend = () -> clock.move(Duration.ofMinutes(3));

    assertThat(dispatcher(settings).dispatchDue()).isOne();

    verify(outbox).markSent(1, Instant.parse("2026-11-03T16:03:00Z"));
    verify(outbox).release(List.of(2L, 3L));
    assertThat(RecordingSmtp.EVENTS).containsExactly("connect", "send client1@example.com", "recorded 1", "close");
  }

  @Test
  void withoutAnSmtpServerNothingIsSentAndTheLogSaysSoOnce(CapturedOutput output) {
    MailDispatcher dispatcher = new MailDispatcher(null,
        new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class), settings, Clock.systemUTC(), null,
        null);

    assertThat(dispatcher.dispatchDue()).isZero();
    assertThat(dispatcher.dispatchDue()).isZero();

    assertThat(output.getOut().split("Email is not being sent", -1)).hasSize(2);
  }

  @Test
  void aSenderOfAnotherKindSendsEachEmailItsOwnWayAndAlsoStopsHalfwayThroughTheLease() {
    when(outbox.claim(anyInt(), any(), any())).thenReturn(List.of(message(1), message(2), message(3)));
    JavaMailSender sender = mock(JavaMailSender.class);
    when(sender.createMimeMessage()).thenAnswer(call -> new MimeMessage(Session.getInstance(new Properties())));
    // A slow server: the first send takes 3 of the lease's 5 minutes.
    doAnswer(call -> {
      clock.move(Duration.ofMinutes(3));
      return null;
    }).when(sender).send(any(MimeMessage.class));
    StaticListableBeanFactory senders = new StaticListableBeanFactory(Map.of("sender", sender));
    MailDispatcher dispatcher = new MailDispatcher(outbox, senders.getBeanProvider(JavaMailSender.class), settings,
        clock, null, composer());

    assertThat(dispatcher.dispatchDue()).isOne();

    verify(sender).send(any(MimeMessage.class));
    verify(outbox).markSent(1, Instant.parse("2026-11-03T16:03:00Z"));
    verify(outbox, never()).markSent(eq(2L), any());
    verify(outbox).release(List.of(2L, 3L));
  }

  @Test
  void retriesWaitLongerEachTimeUpToTheMaximum() {
    assertThat(settings.retryAfter(1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(settings.retryAfter(2)).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.retryAfter(4)).isEqualTo(Duration.ofMinutes(8));
    assertThat(settings.retryAfter(12)).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void onlyAddressesThatCanNeverWorkFailAtOnce() {
    assertThat(MailDispatcher.isPermanent(new MailSendException("bad", new AddressException("Missing final '@domain'"))))
        .isTrue();
    assertThat(MailDispatcher.isPermanent(new SMTPAddressFailedException(null, "RCPT", 550, "No such user"))).isTrue();
    assertThat(MailDispatcher.isPermanent(new SMTPAddressFailedException(null, "RCPT", 452, "Mailbox full"))).isFalse();
    assertThat(MailDispatcher.isPermanent(new MailSendException("Mail server connection failed",
        new java.net.ConnectException("Connection refused")))).isFalse();
  }

  @Test
  void refusedAddressesAreLeftOutOfTheLog() {
    assertThat(MailDispatcher.withoutAddresses("550 5.1.1 <jane.doe@example.com>: Recipient address rejected"))
        .isEqualTo("550 5.1.1 <<address>>: Recipient address rejected");
    assertThat(MailDispatcher.withoutAddresses("Illegal address in string ``jane@@example''"))
        .doesNotContain("jane");
    assertThat(MailDispatcher.withoutAddresses("Connection refused")).isEqualTo("Connection refused");
  }

  private MailDispatcher dispatcher(MailSettings mailSettings) {
    Properties properties = new Properties();
    properties.put("mail.smtp.class", RecordingSmtp.class.getName());
    Session session = Session.getInstance(properties);
    session.addProvider(new Provider(Provider.Type.TRANSPORT, "smtp", RecordingSmtp.class.getName(), "tests", "1"));
    JavaMailSenderImpl server = new JavaMailSenderImpl();
    server.setSession(session);
    server.setHost("smtp.example.com");
    StaticListableBeanFactory senders = new StaticListableBeanFactory(Map.of("sender", server));
    return new MailDispatcher(outbox, senders.getBeanProvider(JavaMailSender.class), mailSettings, clock,
        mock(DeliveryFailures.class), composer());
  }

  private OutboxComposer composer() {
    return new OutboxComposer(MailFixtures.composer(MailFixtures.firm(), MailFixtures.deadlines()), outbox);
  }

  private MailSettings withBatchSize(int batchSize) {
    return new MailSettings(settings.from(), settings.staffAddress(), settings.maxAttempts(),
        settings.firstRetryAfter(), settings.maxRetryAfter(), batchSize, settings.lease(), settings.dispatchInterval(),
        settings.dispatchDelay());
  }

  /**
   * The SMTP connection the session hands out: writes down each connection, email and close, and
   * refuses, hangs up or stays down as a test asks. Jakarta Mail makes it by reflection, hence the
   * static state, reset before each test.
   */
  public static final class RecordingSmtp extends Transport {

    static final List<String> EVENTS = Collections.synchronizedList(new ArrayList<>());
    static final Set<String> REFUSED = new HashSet<>();
    static final Set<String> HANG_UP_AFTER = new HashSet<>();
    static final Map<String, Message> SENT = new java.util.concurrent.ConcurrentHashMap<>();
    static boolean down;
    static Runnable onSend = () -> { };

    public RecordingSmtp(Session session, URLName url) {
      super(session, url);
    }

    static void reset() {
      EVENTS.clear();
      REFUSED.clear();
      HANG_UP_AFTER.clear();
      SENT.clear();
      down = false;
      onSend = () -> { };
    }

    @Override
    protected boolean protocolConnect(String host, int port, String user, String password) throws MessagingException {
      if (down) {
        throw new MessagingException("Couldn't connect to host", new java.net.ConnectException("Connection refused"));
      }
      EVENTS.add("connect");
      return true;
    }

    @Override
    public void sendMessage(Message message, Address[] addresses) throws MessagingException {
      String to = ((InternetAddress) addresses[0]).getAddress();
      onSend.run();
      if (REFUSED.contains(to)) {
        throw new SendFailedException("Invalid Addresses", new SMTPAddressFailedException(new InternetAddress(to),
            "RCPT", 452, "452 Mailbox full"));
      }
      EVENTS.add("send " + to);
      SENT.put(to, message);
      if (HANG_UP_AFTER.contains(to)) {
        setConnected(false);
      }
    }

    @Override
    public synchronized void close() throws MessagingException {
      EVENTS.add("close");
      super.close();
    }
  }

  /** A row its step left as facts, to be written when it is sent. */
  private static OutboxMessage toWrite(long id, String facts) {
    return new OutboxMessage(id, "EXR-2026-0042|ACKNOWLEDGEMENT|2026-11-03|client", "EXR-2026-0042", null,
        "ACKNOWLEDGEMENT", "en", "client" + id + "@example.com", null, null, null, Outbox.Status.PENDING, 0,
        Instant.EPOCH, null, Instant.EPOCH, null, facts);
  }

  private static OutboxMessage message(long id) {
    return new OutboxMessage(id, "EXR-2026-0001|DOCUMENTS_REMINDER|2026-11-03|client", "EXR-2026-0001", null,
        "DOCUMENTS_REMINDER", "en", "client" + id + "@example.com", "Reminder", "Text", "<p>Text</p>",
        Outbox.Status.PENDING, 0, Instant.EPOCH, null, Instant.EPOCH, null);
  }
}
