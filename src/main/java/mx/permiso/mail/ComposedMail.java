package mx.permiso.mail;

import java.util.List;

/**
 * An email as written from the firm's templates: subject, plain text and HTML bodies, attachments
 * (subject and bodies null for one its step leaves to be written when it is sent, ADR 015).
 */
public record ComposedMail(String subject, String text, String html, List<Attachment> attachments) {

  public ComposedMail {
    attachments = List.copyOf(attachments);
  }

  /** A file sent with the email. */
  public record Attachment(String fileName, String contentType, byte[] content) {
  }
}
