package mx.permiso.documents;

import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.util.unit.DataSize;

/**
 * Documents kept durably with their case. Only PDF, JPEG and PNG are accepted, recognised by
 * content; names are reduced to safe characters and the extension of the real type. A refused
 * file stores nothing.
 */
@Repository
public class DocumentStore {

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final long maxBytes;

  public DocumentStore(JdbcTemplate jdbc, Clock clock, @Value("${permiso.documents.max-size}") DataSize maxSize) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.maxBytes = maxSize.toBytes();
  }

  /** Stores the document or explains, in words for the uploader, why not. */
  public StoredDocument store(String caseNumber, String kind, String originalName, byte[] content, String uploadedBy) {
    if (content.length == 0) {
      throw new RejectedDocumentException("file", "document.error.empty");
    }
    if (content.length > maxBytes) {
      throw new RejectedDocumentException("file", "document.error.tooLarge", maxSize());
    }
    DocumentType type = DocumentType.detect(content).orElseThrow(() ->
        new RejectedDocumentException("file", "document.error.type"));
    String fileName = safeName(originalName, type);
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.update("insert into case_document (case_number, kind, file_name, content_type, size_bytes, content, "
        + "uploaded_by, uploaded_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
        caseNumber, kind, fileName, type.contentType(), content.length, content, uploadedBy, now);
    return new StoredDocument(caseNumber, kind, fileName, type.contentType(), content);
  }

  /** The largest document accepted, in words ("10 MB"). */
  public String maxSize() {
    return readable(maxBytes);
  }

  /** What the case holds, without the content: for lists and checklists. */
  public List<DocumentInfo> listOf(String caseNumber) {
    return jdbc.query("select id, kind, file_name, content_type, size_bytes, uploaded_at, uploaded_by "
            + "from case_document where case_number = ? order by uploaded_at, id",
        (rs, row) -> new DocumentInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
            rs.getTimestamp(6).toInstant(), rs.getString(7)), caseNumber);
  }

  /** One document of the case, if the case holds it. */
  public Optional<StoredDocument> find(String caseNumber, long id) {
    return jdbc.query("select case_number, kind, file_name, content_type, content from case_document "
            + "where case_number = ? and id = ?",
        (rs, row) -> new StoredDocument(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getBytes(5)), caseNumber, id).stream().findFirst();
  }

  public List<StoredDocument> ofKind(String caseNumber, String kind) {
    return jdbc.query("select case_number, kind, file_name, content_type, content from case_document "
            + "where case_number = ? and kind = ? order by uploaded_at, id",
        (rs, row) -> new StoredDocument(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getBytes(5)), caseNumber, kind);
  }

  private static String readable(long bytes) {
    return bytes >= 1024 * 1024 ? bytes / (1024 * 1024) + " MB" : bytes / 1024 + " KB";
  }

  /** Letters, digits, dot, dash and underscore only; the extension of the detected type. */
  static String safeName(String originalName, DocumentType type) {
    String name = originalName == null ? "" : originalName.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    base = Normalizer.normalize(base, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
        .replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+|[-.]+$", "").toLowerCase(Locale.ROOT);
    if (base.isEmpty()) {
      base = "document";
    }
    if (base.length() > 100) {
      base = base.substring(0, 100);
    }
    return base + "." + type.extension();
  }

  /**
   * A document as listed: what it is, without its content, and who uploaded it ({@code client}
   * through the case page, else the staff member who attached it).
   */
  public record DocumentInfo(long id, String kind, String fileName, String contentType, long sizeBytes,
      Instant uploadedAt, String uploadedBy) {
  }

  /** A document as stored. */
  public record StoredDocument(String caseNumber, String kind, String fileName, String contentType, byte[] content) {
  }
}
