package mx.permiso.mail;

import java.util.List;

/** An email ready for the outbox: subject, plain text and HTML bodies, attachments. */
public record ComposedMail(String subject, String text, String html, List<Attachment> attachments) {

  public ComposedMail {
    attachments = List.copyOf(attachments);
  }

  /** A file sent with the email. */
  public record Attachment(String fileName, String contentType, byte[] content) {
  }
}
