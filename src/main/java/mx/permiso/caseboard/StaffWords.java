package mx.permiso.caseboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Locale;
import mx.permiso.cases.CasePhase;
import mx.permiso.deadlines.Deadlines;
import mx.permiso.documents.StaffDocumentNames;
import mx.permiso.mail.Outbox;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The board's and the case page's names and dates in the staff's words ("Review", "Family unity",
 * "Tue 22 Dec 2026, in 16 days"): the names live in messages.properties under {@code staff.}, the
 * days count from the business time zone's today. Staff pages speak English whatever the browser asks.
 */
@Component
public class StaffWords {

  private static final Locale STAFF = Locale.ENGLISH;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", STAFF);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", STAFF);

  private final MessageSource messages;
  private final Deadlines deadlines;
  private final ZoneId zone;
  private final StaffDocumentNames documentNames;

  public StaffWords(MessageSource messages, Deadlines deadlines, ZoneId businessZone, StaffDocumentNames documentNames) {
    this.messages = messages;
    this.deadlines = deadlines;
    this.zone = businessZone;
    this.documentNames = documentNames;
  }

  public String phase(CasePhase phase) {
    return phase == null ? "" : name("staff.phase." + phase.name(), phase.name());
  }

  public String status(CaseStatus status) {
    return status == null ? "" : name("staff.status." + status.name(), status.name());
  }

  public String scenario(String scenario) {
    return scenario == null ? "" : name("staff.scenario." + scenario, scenario);
  }

  public String deadline(DeadlineKind kind) {
    return kind == null ? "" : name("staff.deadline." + kind.name(), kind.name());
  }

  public String documentKind(String kind) {
    return documentNames.name(kind);
  }

  /** An email by what it tells the client ("Documents reminder" for {@code DOCUMENTS_REMINDER}). */
  public String email(String noticeType) {
    return noticeType == null ? "" : name("staff.email." + noticeType, noticeType);
  }

  public String emailStatus(Outbox.Status status) {
    return status == null ? "" : name("staff.email.status." + status.name(), status.name());
  }

  /** A change in the audit log ("Client's contact changed" for {@code ClientContactChanged}). */
  public String auditAction(String action) {
    return action == null ? "" : messages.getMessage("staff.audit." + action, null, action, STAFF);
  }

  public String language(String language) {
    return language == null ? "" : name("staff.language." + language, language);
  }

  /** A day with how far it is from today: "Tue 22 Dec 2026, in 16 days"; empty for none. */
  public String day(LocalDate day) {
    if (day == null) {
      return "";
    }
    long days = ChronoUnit.DAYS.between(deadlines.today(), day);
    String relative;
    if (days == 0) {
      relative = text("staff.date.today");
    } else if (days == 1) {
      relative = text("staff.date.tomorrow");
    } else if (days == -1) {
      relative = text("staff.date.yesterday");
    } else {
      relative = text(days > 0 ? "staff.date.future" : "staff.date.past", Math.abs(days));
    }
    return DAY.format(day) + ", " + relative;
  }

  /** A moment in the business time zone: "Thu 26 Nov 2026 15:00". */
  public String moment(Instant moment) {
    if (moment == null) {
      return "";
    }
    var local = moment.atZone(zone);
    return DAY.format(local) + " " + TIME.format(local);
  }

  public String moment(Date moment) {
    return moment == null ? "" : moment(moment.toInstant());
  }

  /** A message of the staff pages. */
  public String text(String code, Object... args) {
    return messages.getMessage(code, args, STAFF);
  }

  /** The name kept for a code, or the code in plain words ("DOCUMENTS_REMINDER": "Documents reminder"). */
  private String name(String code, String fallback) {
    String words = fallback.replace('_', ' ').toLowerCase(STAFF);
    return messages.getMessage(code, null, Character.toUpperCase(words.charAt(0)) + words.substring(1), STAFF);
  }
}
