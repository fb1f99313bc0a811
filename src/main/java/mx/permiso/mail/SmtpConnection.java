package mx.permiso.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One connection to the SMTP server for a dispatcher's rounds, from the first email until the backlog
 * is sent: opening one for every email, or for every round of a backlog, costs more than sending.
 * Opened when the first email goes, opened again if the server has closed it (each email is preceded
 * by a {@code NOOP} that finds out). Each email is accepted or refused on its own, so one failure fails that email only.
 */
final class SmtpConnection implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SmtpConnection.class);

  private final JavaMailSender sender;
  private Transport transport;

  SmtpConnection(JavaMailSender sender) {
    this.sender = sender;
  }

  /** Hands one email to the server; returns once the server has accepted it, throws if it did not. */
  void send(MimeMessage mime) throws MessagingException {
    if (!(sender instanceof JavaMailSenderImpl server)) {
      sender.send(mime);  // a sender of another kind sends its own way
      return;
    }
    if (transport == null || !transport.isConnected()) {
      close();
      transport = connect(server);
    }
    // As JavaMailSenderImpl does before it sends: the date, then the headers made final.
    if (mime.getSentDate() == null) {
      mime.setSentDate(new Date());
    }
    mime.saveChanges();
    Address[] recipients = mime.getAllRecipients();
    transport.sendMessage(mime, recipients == null ? new Address[0] : recipients);
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
