package mx.permiso.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import mx.permiso.support.Http;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.SampleCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The dispatcher as it runs in service, on its own thread: an email leaves as soon as the step
 * that wrote it commits, long before the next interval (an hour here).
 */
@PostgresApplicationTest
@TestPropertySource(properties = {
    "spring.mail.host=localhost",
    "spring.mail.port=3025",
    "permiso.mail.dispatcher-enabled=true",
    "permiso.mail.dispatch-interval=PT1H",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"
})
class MailDispatchScheduleIT {

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

  @LocalServerPort
  int port;

  @Test
  void theAcknowledgementLeavesWhenItsStepCommitsNotAtTheNextInterval() throws Exception {
    HttpResponse<String> started = Http.at(port).postJson("/api/intake", SampleCase.intakeJson(1));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    String caseNumber = new ObjectMapper().readTree(started.body()).get("caseNumber").asText();

    await().atMost(Duration.ofSeconds(30)).until(() -> SMTP.getReceivedMessages().length == 1);
    MimeMessage acknowledgement = SMTP.getReceivedMessages()[0];
    assertThat(acknowledgement.getSubject()).contains(caseNumber);
    assertThat(acknowledgement.getAllRecipients()[0].toString()).isEqualTo("client1@example.com");
  }
}
