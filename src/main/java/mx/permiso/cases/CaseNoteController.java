package mx.permiso.cases;

import java.security.Principal;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/cases/{caseNumber}/notes} for staff: a note on the case ({@link CaseNotes}). */
@RestController
@StaffApi
public class CaseNoteController {

  private final CaseNotes notes;

  public CaseNoteController(CaseNotes notes) {
    this.notes = notes;
  }

  @PostMapping("/api/cases/{caseNumber}/notes")
  public ResponseEntity<CaseNotes.Note> add(@PathVariable String caseNumber, @RequestBody Map<String, Object> body,
      Principal staff) {
    Object text = body.get("text");
    if (text != null && !(text instanceof String)) {
      throw new StaffActionRefused(HttpStatus.BAD_REQUEST, "text", "intake.error.field.wrongType");
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(notes.add(caseNumber, (String) text, staff.getName()));
  }
}
