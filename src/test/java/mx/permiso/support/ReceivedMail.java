package mx.permiso.support;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** Reading what a test SMTP server received. */
public final class ReceivedMail {

  private ReceivedMail() {
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
}
