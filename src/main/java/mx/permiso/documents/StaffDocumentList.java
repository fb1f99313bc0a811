package mx.permiso.documents;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The documents the client uploaded, as a Markdown list of links for a Tasklist form: each
 * line the document's name, the file, its type and size, the link opening the file for the
 * logged-in staff member.
 */
@Component
public class StaffDocumentList {

  private static final List<String> STAFF_ONLY = StaffDocumentController.STAFF_KINDS;

  private final DocumentStore documents;

  public StaffDocumentList(DocumentStore documents) {
    this.documents = documents;
  }

  public String markdown(String caseNumber) {
    List<DocumentStore.DocumentInfo> uploaded = documents.listOf(caseNumber).stream()
        .filter(document -> !STAFF_ONLY.contains(document.kind())).toList();
    if (uploaded.isEmpty()) {
      return "_The client has uploaded no documents._";
    }
    return uploaded.stream().map(document -> "- " + escape(DocumentNames.name(document.kind(), Locale.ENGLISH))
            + ": [" + escape(document.fileName()) + "](" + StaffDocumentController.path(caseNumber, document.id()) + ") ("
            + DocumentType.fromContentType(document.contentType()).map(type -> type.name() + ", ").orElse("")
            + kilobytes(document.sizeBytes()) + ")")
        .collect(Collectors.joining("\n"));
  }

  private static String kilobytes(long bytes) {
    return Math.max(1, (bytes + 1023) / 1024) + " KB";
  }

  /** Markdown's special characters taken literally (file names are already reduced to safe ones). */
  private static String escape(String text) {
    return text.replaceAll("([\\\\`*_{}\\[\\]()<>#+!|])", "\\\\$1");
  }
}
