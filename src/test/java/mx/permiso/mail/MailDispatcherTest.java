package mx.permiso.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import mx.permiso.support.MovableClock;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

@ExtendWith(OutputCaptureExtension.class)
class MailDispatcherTest {

  private final MailSettings settings = new MailSettings("from@example.com", "", Map.of("en", "9-5"), 8,
      Duration.ofMinutes(1), Duration.ofHours(2), 50, Duration.ofMinutes(5), Duration.ofSeconds(10));

  @Test
  void withoutAnSmtpServerNothingIsSentAndTheLogSaysSoOnce(CapturedOutput output) {
    MailDispatcher dispatcher = new MailDispatcher(null,
        new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class), settings, Clock.systemUTC(), null);

    assertThat(dispatcher.dispatchDue()).isZero();
    assertThat(dispatcher.dispatchDue()).isZero();

    assertThat(output.getOut().split("Email is not being sent", -1)).hasSize(2);
  }

  @Test
  void aRoundStopsHalfwayThroughItsLeaseAndLetsTheRestGo() {
    Outbox outbox = mock(Outbox.class);
    MovableClock clock = new MovableClock(Instant.parse("2026-11-03T16:00:00Z"));
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
        clock, null);

    assertThat(dispatcher.dispatchDue()).isOne();

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

  private static OutboxMessage message(long id) {
    return new OutboxMessage(id, "EXR-2026-0001|DOCUMENTS_REMINDER|2026-11-03|client", "EXR-2026-0001", null,
        "DOCUMENTS_REMINDER", "en", "client" + id + "@example.com", "Reminder", "Text", "<p>Text</p>",
        Outbox.Status.PENDING, 0, Instant.EPOCH, null, Instant.EPOCH, null);
  }
}
