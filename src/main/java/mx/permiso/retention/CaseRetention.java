package mx.permiso.retention;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import mx.permiso.cases.AuditLog;
import mx.permiso.config.LockConflicts;
import mx.permiso.config.LockingReads;
import org.camunda.bpm.engine.HistoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes what a finished case no longer needs once the retention period has passed: its
 * documents, its client link, the text and addresses of its emails, the details of its audit
 * trail and the engine's whole history of it (variables, tasks, steps). What stays is the
 * anonymised record in {@code case_summary}: case number, scenario, dates and outcome, plus the
 * type, status and dates of each email, for the firm's statistics. One case per transaction, so a
 * failure leaves no case half purged; any node may run it at the same time as another, and the
 * engine's history cleanup may be deleting the same case's history in the same night: a case whose
 * purge loses a race for a lock with either is purged again at once.
 */
@Component
@EnableConfigurationProperties(RetentionSettings.class)
public class CaseRetention {

  private static final Logger LOG = LoggerFactory.getLogger(CaseRetention.class);
  private static final int ATTEMPTS = 3;

  private final JdbcTemplate jdbc;
  private final HistoryService history;
  private final TransactionTemplate transactions;
  private final AuditLog audit;
  private final RetentionSettings settings;
  private final Clock clock;
  private final String forUpdate;
  private final LockConflicts lockConflicts;

  public CaseRetention(JdbcTemplate jdbc, HistoryService history, TransactionTemplate transactions, AuditLog audit,
      RetentionSettings settings, Clock clock, DataSource dataSource, LockConflicts lockConflicts)
      throws MetaDataAccessException {
    this.jdbc = jdbc;
    this.history = history;
    this.transactions = transactions;
    this.audit = audit;
    this.settings = settings;
    this.clock = clock;
    this.forUpdate = LockingReads.forUpdateClause(dataSource);
    this.lockConflicts = lockConflicts;
  }

  /** Purges every case that ended more than the retention period ago; returns how many. */
  public int purgeExpired() {
    Instant cutoff = clock.instant().atOffset(ZoneOffset.UTC).minus(settings.keepFor()).toInstant();
    int purged = 0;
    int round;
    do {
      round = 0;
      for (int i = 0; i < settings.batchSize(); i++) {
        Boolean done = lockConflicts.inTransaction(transactions, ATTEMPTS, "The purge of a case",
            status -> purgeOne(cutoff));
        if (!Boolean.TRUE.equals(done)) {
          break;
        }
        round++;
      }
      purged += round;
    } while (round == settings.batchSize());
    if (purged > 0) {
      LOG.info("Removed the documents and personal data of {} case(s) that ended before {}", purged, cutoff);
    }
    return purged;
  }

  private boolean purgeOne(Instant cutoff) {
    List<Case> due = jdbc.query("select case_number, process_instance_id from case_summary where status <> 'OPEN' "
            + "and anonymised_at is null and ended_at < ? order by ended_at limit 1" + forUpdate,
        (rs, row) -> new Case(rs.getString(1), rs.getString(2)), Timestamp.from(cutoff));
    if (due.isEmpty()) {
      return false;
    }
    Case ended = due.get(0);
    String number = ended.number();
    int documents = jdbc.update("delete from case_document where case_number = ?", number);
    jdbc.update("delete from client_link where case_number = ?", number);
    jdbc.update("delete from outbox_attachment where message_id in "
        + "(select id from outbox_message where case_number = ?)", number);
    int emails = jdbc.update("update outbox_message set recipient = '', subject = '', body_text = '', body_html = '', "
        + "facts = null, last_error = null where case_number = ?", number);
    jdbc.update("update audit_event set detail = null where case_number = ?", number);
    jdbc.update("update case_note set text = '' where case_number = ?", number);
    history.deleteHistoricProcessInstancesIfExists(List.of(ended.processInstanceId()));
    jdbc.update("update case_summary set client_name = null, client_search = null, client_email = null, "
        + "task_name = null, assignee = null, anonymised_at = ? where case_number = ?",
        Timestamp.from(clock.instant()), number);
    audit.record(number, "retention", "PERSONAL_DATA_REMOVED",
        documents + " document(s) deleted, " + emails + " email(s) emptied, notes emptied, engine history deleted");
    return true;
  }

  private record Case(String number, String processInstanceId) {
  }
}
