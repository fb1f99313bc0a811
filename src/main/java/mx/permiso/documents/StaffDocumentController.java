package mx.permiso.documents;

import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Staff attach the documents they prepare for a case, such as the INM request form and letter
 * downloaded from INM's portal ({@code kind=INM_PAPERWORK}); they travel with the email that
 * asks the client to check and sign them.
 */
@RestController
public class StaffDocumentController {

  /** Kinds staff may attach. */
  public static final List<String> STAFF_KINDS = List.of("INM_PAPERWORK");

  private static final Pattern CASE_NUMBER = Pattern.compile("EXR-\\d{4}-\\d{4,6}");

  private final DocumentStore documents;

  public StaffDocumentController(DocumentStore documents) {
    this.documents = documents;
  }

  @PostMapping("/api/cases/{caseNumber}/documents")
  public ResponseEntity<Map<String, Object>> upload(@PathVariable String caseNumber, @RequestParam String kind,
      @RequestParam MultipartFile file, Principal staff) throws IOException {
    if (!CASE_NUMBER.matcher(caseNumber).matches()) {
      throw new RejectedDocumentException("caseNumber", "Not a case number (EXR-yyyy-nnnn).");
    }
    if (!STAFF_KINDS.contains(kind)) {
      throw new RejectedDocumentException("kind", "Staff may attach: " + String.join(", ", STAFF_KINDS) + ".");
    }
    DocumentStore.StoredDocument stored = documents.store(caseNumber, kind, file.getOriginalFilename(), file.getBytes(),
        staff.getName());
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("caseNumber", caseNumber, "kind", kind,
        "fileName", stored.fileName(), "contentType", stored.contentType()));
  }

  @ExceptionHandler(RejectedDocumentException.class)
  ResponseEntity<Map<String, Object>> rejected(RejectedDocumentException e) {
    return ResponseEntity.badRequest().body(Map.of("errors", List.of(Map.of("field", e.field(), "message", e.getMessage()))));
  }
}
