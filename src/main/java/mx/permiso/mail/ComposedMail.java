package mx.permiso.mail;

import java.util.List;

/** An email ready for the outbox: subject, plain text and HTML bodies, attachments. */
public record ComposedMail(String subject, String text, String html, List<Attachment> attachments) {

  public ComposedMail {
    attachments = List.copyOf(attachments);
  }

  /** The same email with more files attached. */
  public ComposedMail withAttachments(List<Attachment> more) {
    List<Attachment> all = new java.util.ArrayList<>(attachments);
    all.addAll(more);
    return new ComposedMail(subject, text, html, all);
  }

  /** A file sent with the email. */
  public record Attachment(String fileName, String contentType, byte[] content) {
  }
}
