package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.CASE_NOTES;
import static mx.permiso.cases.ExitReentryPermitProcess.Variables.CASE_NUMBER;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notes staff write on a case: the firm's own record, so a case that has ended still takes them
 * (until the retention purge clears their text). While the case runs, the latest few are also the
 * process variable {@code caseNotes}, which every Tasklist form of the case shows read-only; the
 * application writes it, no form may.
 */
@Service
public class CaseNotes {

  public static final int MAX_LENGTH = 2_000;
  /** How many of the latest notes the Tasklist forms show. */
  static final int SHOWN_IN_FORMS = 3;
  static final String AUDIT_ACTION = "NoteAdded";
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final CaseRecords cases;
  private final RuntimeService runtime;
  private final AuditLog audit;
  private final ZoneId officeZone;

  public CaseNotes(JdbcTemplate jdbc, Clock clock, CaseRecords cases, RuntimeService runtime, AuditLog audit,
      ZoneId businessZone) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.cases = cases;
    this.runtime = runtime;
    this.audit = audit;
    this.officeZone = businessZone;
  }

  /** One note. */
  public record Note(long id, String author, Instant writtenAt, String text) {
  }

  /**
   * Keeps the note, audited, and refreshes what the case's forms show.
   *
   * @throws StaffActionRefused 400 for a blank or too long text (field {@code text}), 404 for an unknown case
   */
  @Transactional
  public Note add(String caseNumber, String text, String author) {
    if (text == null || text.isBlank()) {
      throw new StaffActionRefused(HttpStatus.BAD_REQUEST, "text", "note.error.blank");
    }
    String kept = text.strip();
    if (kept.length() > MAX_LENGTH) {
      throw new StaffActionRefused(HttpStatus.BAD_REQUEST, "text", "note.error.tooLong", MAX_LENGTH);
    }
    if (cases.find(caseNumber, List.of(CASE_NUMBER)).isEmpty()) {
      throw StaffActionRefused.noCase(caseNumber);
    }
    Instant now = clock.instant();
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var insert = connection.prepareStatement("insert into case_note (case_number, author, written_at, text) "
          + "values (?, ?, ?, ?)", new String[] {"id"});
      insert.setString(1, caseNumber);
      insert.setString(2, author);
      insert.setTimestamp(3, Timestamp.from(now));
      insert.setString(4, kept);
      return insert;
    }, key);
    long id = key.getKey().longValue();
    // The note's text stays in case_note only: the audit row says who wrote which note, and when.
    audit.record(caseNumber, author, AUDIT_ACTION, "note " + id);
    ProcessInstance running = runtime.createProcessInstanceQuery()
        .processDefinitionKey(ExitReentryPermitProcess.KEY).processInstanceBusinessKey(caseNumber)
        .list().stream().findFirst().orElse(null);
    if (running != null) {
      runtime.setVariable(running.getId(), CASE_NOTES, forForms(of(caseNumber)));
    }
    return new Note(id, author, now, kept);
  }

  /** The case's notes, newest first. */
  public List<Note> of(String caseNumber) {
    return jdbc.query("select id, author, written_at, text from case_note where case_number = ? "
            + "order by written_at desc, id desc",
        (rs, row) -> new Note(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4)),
        caseNumber);
  }

  /**
   * The latest notes as the forms show them, newest first: "2026-11-03 09:00 lucia: ...". Within
   * what a text variable holds (4,000 characters).
   */
  String forForms(List<Note> newestFirst) {
    StringBuilder text = new StringBuilder();
    for (Note note : newestFirst.stream().limit(SHOWN_IN_FORMS).toList()) {
      String entry = WHEN.format(note.writtenAt().atZone(officeZone)) + " " + note.author() + ": " + note.text();
      if (text.length() + entry.length() + 2 > 3_800) {
        break;
      }
      text.append(text.isEmpty() ? "" : "\n\n").append(entry);
    }
    return text.toString();
  }
}
