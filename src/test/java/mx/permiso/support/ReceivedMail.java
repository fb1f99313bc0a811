package mx.permiso.support;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mx.permiso.mail.MailDispatcher;

/** Reading what a test SMTP server received. */
public final class ReceivedMail {

  private ReceivedMail() {
  }

  /** Runs the dispatcher until no email is due, so the SMTP server has received all that was written. */
  public static void deliverAll(MailDispatcher dispatcher) {
    for (int round = 0; round < 100 && dispatcher.dispatchDue() > 0; round++) {
      // keep going: a round takes one batch
    }
  }

  /** What the server received for one case, in the order it arrived (tests share a database and a server). */
  public static List<MimeMessage> ofCase(MimeMessage[] received, String caseNumber) {
    return Arrays.stream(received)
        .filter(message -> caseNumber.equals(header(message, "X-Permiso-Case"))).toList();
  }

  /** What the server received for one case at this address, in the order it arrived. */
  public static List<MimeMessage> ofCase(MimeMessage[] received, String caseNumber, String address) {
    return ofCase(received, caseNumber).stream().filter(message -> {
      try {
        return Arrays.stream(message.getAllRecipients()).anyMatch(to -> to instanceof InternetAddress mailbox
            && mailbox.getAddress().equalsIgnoreCase(address));
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  /** The first value of a header, or null; e.g. {@code X-Permiso-Case}, {@code X-Permiso-Message}. */
  public static String header(MimeMessage message, String name) {
    try {
      String[] values = message.getHeader(name);
      return values == null ? null : values[0];
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every text part (plain and HTML, decoded), attachments left out: what a mail client shows. */
  public static String text(MimeMessage message) {
    try {
      List<String> texts = new ArrayList<>();
      collect(message.getContent(), texts);
      return String.join("\n", texts);
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void collect(Object content, List<String> texts) throws MessagingException, IOException {
    if (content instanceof String text) {
      texts.add(text);
    } else if (content instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart part = multipart.getBodyPart(i);
        if (part.getFileName() == null) {
          collect(part.getContent(), texts);
        }
      }
    }
  }
}
