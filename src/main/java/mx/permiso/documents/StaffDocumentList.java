package mx.permiso.documents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The client's documents, as Markdown for a Tasklist form: under each document's staff name, a link
 * per file (it opens the file for the logged-in staff member), with its type and size; those
 * staff attached for the client (brought in, emailed) count the same and name who attached them. Kept within what a text variable holds; past that, the rest is counted, not listed.
 */
@Component
public class StaffDocumentList {

  /** A String variable holds 4,000 characters in the engine's tables; leave room for the last line. */
  static final int MAX_LENGTH = 3_800;
  /** Who uploaded what the client sent through the case page. */
  static final String CLIENT = "client";

  private final DocumentStore documents;
  private final StaffDocumentNames names;

  public StaffDocumentList(DocumentStore documents, StaffDocumentNames names) {
    this.documents = documents;
    this.names = names;
  }

  public String markdown(String caseNumber) {
    Map<String, List<DocumentStore.DocumentInfo>> byKind = new LinkedHashMap<>();
    documents.listOf(caseNumber).stream().filter(document -> !StaffDocumentController.STAFF_KINDS.contains(document.kind()))
        .forEach(document -> byKind.computeIfAbsent(document.kind(), kind -> new ArrayList<>()).add(document));
    if (byKind.isEmpty()) {
      return "_The client has uploaded no documents._";
    }
    StringBuilder markdown = new StringBuilder();
    int left = byKind.values().stream().mapToInt(List::size).sum();
    for (Map.Entry<String, List<DocumentStore.DocumentInfo>> kind : byKind.entrySet()) {
      String heading = "\n**" + escape(names.name(kind.getKey())) + "**\n";
      for (DocumentStore.DocumentInfo document : kind.getValue()) {
        String line = "- [" + escape(document.fileName()) + "](" + StaffDocumentController.path(caseNumber, document.id())
            + ") " + DocumentType.fromContentType(document.contentType()).map(type -> type.name() + ", ").orElse("")
            + kilobytes(document.sizeBytes()) + attachedBy(document) + "\n";
        if (markdown.length() + heading.length() + line.length() > MAX_LENGTH) {
          return markdown + "\n_" + left + " more not listed here: too many to show._";
        }
        markdown.append(heading).append(line);
        heading = "";
        left--;
      }
    }
    return markdown.toString().strip();
  }

  /** A document staff attached for the client (brought in, emailed) says who attached it. */
  private static String attachedBy(DocumentStore.DocumentInfo document) {
    return document.uploadedBy() == null || CLIENT.equals(document.uploadedBy()) ? ""
        : ", attached by " + escape(document.uploadedBy());
  }

  private static String kilobytes(long bytes) {
    return Math.max(1, (bytes + 1023) / 1024) + " KB";
  }

  /** Markdown's special characters taken literally (file names are already reduced to safe ones). */
  static String escape(String text) {
    return text.replaceAll("([\\\\`*_{}\\[\\]()<>#+!|])", "\\\\$1");
  }
}
