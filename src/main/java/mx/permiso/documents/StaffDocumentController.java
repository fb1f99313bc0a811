package mx.permiso.documents;

import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mx.permiso.cases.StaffApi;
import mx.permiso.intake.CaseNumbers;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * The documents of a case, for staff. They attach what they prepare, such as the INM request
 * form and letter downloaded from INM's portal ({@code kind=INM_PAPERWORK}), which travel with
 * the email that asks the client to check and sign them, and any document the case requires that
 * the client emailed or brought in ({@link StaffDocuments}); and they open what the client
 * uploaded (linked from the Tasklist form of the verification task). A document is always
 * downloaded as the type its content was recognised as, never shown inline.
 */
@RestController
@StaffApi
public class StaffDocumentController {

  /** Kinds only staff attach (never the client's): not listed among the client's documents. */
  public static final List<String> STAFF_KINDS = List.of(StaffDocuments.INM_PAPERWORK, StaffDocuments.INM_RECEIPT);

  private final DocumentStore documents;
  private final StaffDocuments staffDocuments;
  private final MessageSource messages;

  public StaffDocumentController(DocumentStore documents, StaffDocuments staffDocuments, MessageSource messages) {
    this.documents = documents;
    this.staffDocuments = staffDocuments;
    this.messages = messages;
  }

  /** Where staff open a document of a case. */
  public static String path(String caseNumber, long id) {
    return "/api/cases/" + caseNumber + "/documents/" + id;
  }

  @PostMapping("/api/cases/{caseNumber}/documents")
  public ResponseEntity<Map<String, Object>> upload(@PathVariable String caseNumber, @RequestParam String kind,
      @RequestParam MultipartFile file, Principal staff) throws IOException {
    if (!CaseNumbers.isCaseNumber(caseNumber)) {
      throw new RejectedDocumentException("caseNumber", "document.error.caseNumber");
    }
    DocumentStore.StoredDocument stored = staffDocuments.attach(caseNumber, kind, file.getOriginalFilename(),
        file.getBytes(), staff.getName());
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("caseNumber", caseNumber, "kind", kind,
        "fileName", stored.fileName(), "contentType", stored.contentType(), "uploadedBy", staff.getName()));
  }

  @GetMapping("/api/cases/{caseNumber}/documents/{id}")
  public ResponseEntity<byte[]> download(@PathVariable String caseNumber, @PathVariable long id) {
    DocumentStore.StoredDocument document = documents.find(caseNumber, id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such document in this case"));
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(document.contentType()))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(document.fileName()).build()
            .toString())
        .header("X-Content-Type-Options", "nosniff")
        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .body(document.content());
  }

  @ExceptionHandler(RejectedDocumentException.class)
  ResponseEntity<Map<String, Object>> rejected(RejectedDocumentException e, Locale locale) {
    return ResponseEntity.badRequest().body(Map.of("errors", List.of(Map.of("field", e.field(),
        "message", e.reason(messages, locale)))));
  }
}
