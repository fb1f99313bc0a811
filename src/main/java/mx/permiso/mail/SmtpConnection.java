package mx.permiso.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One connection to the SMTP server for a dispatcher's round: opening one for every email costs
 * more than sending it. Opened when the first email goes, opened again if the server has closed
 * it. Each email is accepted or refused on its own, so one failure fails that email only.
 */
final class SmtpConnection implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SmtpConnection.class);

  /**
   * A connection that carried an email this recently is used without asking the server first whether
   * it is still open: that question (a NOOP) is one more round trip per email, a fifth of the exchange.
   */
  private static final long JUST_USED_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final JavaMailSender sender;
  private Transport transport;
  private long lastAccepted;

  SmtpConnection(JavaMailSender sender) {
    this.sender = sender;
  }

  /** Hands one email to the server; returns once the server has accepted it, throws if it did not. */
  void send(MimeMessage mime) throws MessagingException {
    if (!(sender instanceof JavaMailSenderImpl server)) {
      sender.send(mime);  // a sender of another kind sends its own way
      return;
    }
    boolean justUsed = transport != null && System.nanoTime() - lastAccepted < JUST_USED_NANOS;
    if (!justUsed && (transport == null || !transport.isConnected())) {
      close();
      transport = connect(server);
    }
    // As JavaMailSenderImpl does before it sends: the date, then the headers made final.
    if (mime.getSentDate() == null) {
      mime.setSentDate(new Date());
    }
    mime.saveChanges();
    Address[] recipients = mime.getAllRecipients();
    Address[] to = recipients == null ? new Address[0] : recipients;
    try {
      transport.sendMessage(mime, to);
    } catch (MessagingException e) {
      if (!justUsed || !refusedAtMailFrom(e)) {
        throw e;
      }
      // The server ended the connection after the last email (or refused the sender on it): nothing of
      // this one reached it, so it goes once more, over a new connection.
      LOG.debug("The SMTP server refused the sender on a connection just used ({}): connecting again", e.getMessage());
      close();
      transport = connect(server);
      transport.sendMessage(mime, to);
    }
    lastAccepted = System.nanoTime();
  }

  /**
   * Whether the email failed at its first command (MAIL FROM), before anything of it reached the
   * server: the server refused it or had hung up (the command could not be written, or no answer came).
   * Jakarta Mail names the command of a refusal; a connection found dead it reports from where it
   * was writing, so the failure is also recognised by having been raised within {@code mailFrom}
   * ({@code SmtpConnectionTest} checks both against the real client).
   */
  private static boolean refusedAtMailFrom(MessagingException failure) {
    Throwable e = failure;
    while (e != null) {
      String command = e instanceof SMTPSendFailedException sendFailed ? sendFailed.getCommand()
          : e instanceof SMTPSenderFailedException senderFailed ? senderFailed.getCommand() : null;
      if (command != null) {
        return command.regionMatches(true, 0, "MAIL FROM", 0, 9);
      }
      if (Arrays.stream(e.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("mailFrom")
          && frame.getClassName().endsWith(".SMTPTransport"))) {
        return true;
      }
      e = e instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : null;
    }
    return false;
  }

  /** Ends the connection (QUIT); every email sent over it has been accepted or refused already. */
  @Override
  public void close() {
    if (transport == null) {
      return;
    }
    try {
      transport.close();
    } catch (MessagingException e) {
      LOG.debug("Closing the SMTP connection failed: {}", e.getMessage());
    }
    transport = null;
  }

  /** The server, protocol and account Spring Boot configured ({@code spring.mail.*}), as JavaMailSenderImpl connects. */
  private static Transport connect(JavaMailSenderImpl server) throws MessagingException {
    Session session = server.getSession();
    String protocol = server.getProtocol() != null ? server.getProtocol()
        : session.getProperty("mail.transport.protocol") != null ? session.getProperty("mail.transport.protocol")
        : JavaMailSenderImpl.DEFAULT_PROTOCOL;
    String username = blankToNull(server.getUsername());
    String password = username == null && "".equals(server.getPassword()) ? null : server.getPassword();
    Transport transport = session.getTransport(protocol);
    transport.connect(server.getHost(), server.getPort(), username, password);
    return transport;
  }

  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
