package mx.permiso.cases;

import java.sql.Timestamp;
import java.time.Clock;
import mx.permiso.engine.CurrentUser;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What happened to a case outside the engine (what the client did on the case page), kept
 * apart from the engine's history so it survives history cleanup. Written in the transaction
 * of the change it records.
 */
@Repository
public class AuditLog {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public AuditLog(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Who acts in the engine's current command: the signed-in staff member, or the case engine itself (a timer, a job). */
  public static String actorOf(ProcessEngineServices engine) {
    return CurrentUser.of(engine).orElse(ENGINE);
  }

  /** The actor of what the case engine does on its own. */
  public static final String ENGINE = "permiso";

  public void record(String caseNumber, String actor, String action, String detail) {
    jdbc.update("insert into audit_event (occurred_at, actor, case_number, action, detail) values (?, ?, ?, ?, ?)",
        Timestamp.from(clock.instant()), actor, caseNumber, action, detail);
  }

  /** What happened to a case outside the engine, oldest first. */
  public java.util.List<Entry> of(String caseNumber) {
    return jdbc.query("select occurred_at, actor, action, detail from audit_event where case_number = ? "
        + "order by occurred_at, id", (rs, row) -> new Entry(rs.getTimestamp(1).toInstant(), rs.getString(2),
        rs.getString(3), rs.getString(4)), caseNumber);
  }

  /** One recorded change. */
  public record Entry(java.time.Instant occurredAt, String actor, String action, String detail) {
  }
}
