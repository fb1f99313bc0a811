package mx.permiso.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.AddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
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
}
