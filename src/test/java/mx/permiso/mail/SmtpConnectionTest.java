package mx.permiso.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One SMTP connection for a round of emails, against a scripted SMTP server on a real socket (the
 * real Jakarta Mail client): no NOOP before each email, and a server that ended the connection after
 * an email gets the next one over a new connection, once, while one that hung up after the message
 * was handed over gets nothing twice.
 */
class SmtpConnectionTest {

  private final ExecutorService threads = Executors.newCachedThreadPool();
  private ServerSocket listener;
  /** Every command the server read, as "connection number: command" ("1: MAIL FROM:<...>"). */
  private final List<String> commands = Collections.synchronizedList(new ArrayList<>());
  /** The recipients of the messages the server accepted (replied 250 to their end). */
  private final List<String> accepted = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void stop() throws IOException {
    listener.close();
    threads.shutdownNow();
  }

  @Test
  void emailsOfARoundGoOverOneConnectionWithoutAskingTheServerBeforeEachWhetherItIsOpen() throws Exception {
    JavaMailSenderImpl sender = server(message -> false, message -> false);

    try (SmtpConnection smtp = new SmtpConnection(sender)) {
      for (String to : List.of("ana@example.com", "beto@example.com", "carla@example.com")) {
        smtp.send(email(sender, to));
      }
    }

    assertThat(accepted).containsExactly("ana@example.com", "beto@example.com", "carla@example.com");
    assertThat(commands).as("one connection").allMatch(command -> command.startsWith("1: "));
    assertThat(commands).filteredOn(command -> command.contains("MAIL FROM")).hasSize(3);
    assertThat(commands).noneMatch(command -> command.endsWith("NOOP"));
  }

  @Test
  void aServerThatEndedTheConnectionAfterAnEmailGetsTheNextOnceOverANewConnection() throws Exception {
    // The first connection is closed by the server right after it accepted its first message.
    JavaMailSenderImpl sender = server(message -> message == 1, message -> false);

    try (SmtpConnection smtp = new SmtpConnection(sender)) {
      smtp.send(email(sender, "ana@example.com"));
      smtp.send(email(sender, "beto@example.com"));
      smtp.send(email(sender, "carla@example.com"));
    }

    assertThat(accepted).containsExactly("ana@example.com", "beto@example.com", "carla@example.com");
    assertThat(commands).filteredOn(command -> command.contains("MAIL FROM")).containsExactly(
        "1: MAIL FROM:<firm@example.com>", "2: MAIL FROM:<firm@example.com>", "2: MAIL FROM:<firm@example.com>");
  }

  @Test
  void aServerThatHungUpAfterTheMessageWasHandedOverGetsNothingTwice() throws Exception {
    // The server reads the second message whole, then hangs up without answering: it may have kept it.
    JavaMailSenderImpl sender = server(message -> false, message -> message == 2);

    try (SmtpConnection smtp = new SmtpConnection(sender)) {
      smtp.send(email(sender, "ana@example.com"));
      assertThatThrownBy(() -> smtp.send(email(sender, "beto@example.com"))).isInstanceOf(MessagingException.class);
    }

    assertThat(commands).filteredOn(command -> command.contains("MAIL FROM")).as("the second email sent once")
        .hasSize(2);
    assertThat(commands).filteredOn(command -> command.endsWith("DATA")).hasSize(2);
  }

  /**
   * A scripted SMTP server on a free port. {@code closeAfter} tells, by the number of a message on
   * its connection, whether to close the connection once it accepted it; {@code hangUpOn} whether to
   * close it after reading the message, without an answer. Only the first connection does either.
   */
  private JavaMailSenderImpl server(IntPredicate closeAfter, IntPredicate hangUpOn) throws IOException {
    listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    threads.execute(() -> {
      int connection = 0;
      while (!listener.isClosed()) {
        try {
          Socket socket = listener.accept();
          int number = ++connection;
          threads.execute(() -> converse(socket, number, number == 1 ? closeAfter : message -> false,
              number == 1 ? hangUpOn : message -> false));
        } catch (IOException closed) {
          return;
        }
      }
    });
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(listener.getLocalPort());
    sender.getJavaMailProperties().put("mail.smtp.timeout", "5000");
    return sender;
  }

  private void converse(Socket socket, int connection, IntPredicate closeAfter, IntPredicate hangUpOn) {
    try (socket;
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8)) {
      reply(out, "220 test ready");
      int messages = 0;
      String recipient = null;
      String line;
      while ((line = in.readLine()) != null) {
        commands.add(connection + ": " + line);
        String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
        switch (verb) {
          case "EHLO", "HELO" -> reply(out, "250 test");
          case "RCPT" -> {
            recipient = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
            reply(out, "250 ok");
          }
          case "DATA" -> {
            reply(out, "354 go on");
            while (!".".equals(in.readLine())) {
              // the message itself
            }
            messages++;
            if (hangUpOn.test(messages)) {
              return;
            }
            accepted.add(recipient);
            reply(out, "250 accepted");
            if (closeAfter.test(messages)) {
              return;
            }
          }
          case "QUIT" -> {
            reply(out, "221 bye");
            return;
          }
          default -> reply(out, "250 ok");
        }
      }
    } catch (IOException ended) {
      // the client went away
    }
  }

  private static void reply(Writer out, String line) throws IOException {
    out.write(line + "\r\n");
    out.flush();
  }

  private static MimeMessage email(JavaMailSenderImpl sender, String to) throws MessagingException {
    MimeMessage mime = sender.createMimeMessage();
    mime.setFrom(new InternetAddress("firm@example.com"));
    mime.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
    mime.setSubject("Reminder");
    mime.setText("Text");
    return mime;
  }
}
