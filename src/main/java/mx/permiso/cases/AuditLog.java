package mx.permiso.cases;

import java.sql.Timestamp;
import java.time.Clock;
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

  public void record(String caseNumber, String actor, String action, String detail) {
    jdbc.update("insert into audit_event (occurred_at, actor, case_number, action, detail) values (?, ?, ?, ?, ?)",
        Timestamp.from(clock.instant()), actor, caseNumber, action, detail);
  }
}
