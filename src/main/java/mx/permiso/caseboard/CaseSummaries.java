package mx.permiso.caseboard;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import mx.permiso.cases.CasePhase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@code case_summary} table: written by {@link CaseProjection}, read by the board and the metrics. */
@Repository
public class CaseSummaries {

  static final String COLUMNS = "case_number, process_instance_id, status, phase, client_name, client_email, language, "
      + "scenario, departure_date, planned_return_date, latest_request_date, appointment_date, permit_date, "
      + "return_by_date, reentry_date, permit_return_due_date, next_deadline, next_deadline_kind, task_due_at, "
      + "task_name, assignee, started_at, ended_at, anonymised_at";

  static final RowMapper<CaseSummary> ROW = (rs, row) -> new CaseSummary(
      rs.getString("case_number"), rs.getString("process_instance_id"), CaseStatus.valueOf(rs.getString("status")),
      CasePhase.valueOf(rs.getString("phase")), rs.getString("client_name"), rs.getString("client_email"),
      rs.getString("language"), rs.getString("scenario"), date(rs, "departure_date"),
      date(rs, "planned_return_date"), date(rs, "latest_request_date"), date(rs, "appointment_date"),
      date(rs, "permit_date"), date(rs, "return_by_date"), date(rs, "reentry_date"),
      date(rs, "permit_return_due_date"), date(rs, "next_deadline"),
      rs.getString("next_deadline_kind") == null ? null : DeadlineKind.valueOf(rs.getString("next_deadline_kind")),
      instant(rs, "task_due_at"), rs.getString("task_name"), rs.getString("assignee"), instant(rs, "started_at"),
      instant(rs, "ended_at"), instant(rs, "anonymised_at"));

  private final JdbcTemplate jdbc;

  /** Rows fetched at a time by the export, so a large one streams instead of filling memory. */
  private static final int EXPORT_FETCH_SIZE = 500;

  private final JdbcTemplate streaming;
  private final TransactionTemplate readOnly;

  public CaseSummaries(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.streaming = new JdbcTemplate(jdbc.getDataSource());
    this.streaming.setFetchSize(EXPORT_FETCH_SIZE);
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
  }

  public Optional<CaseSummary> find(String caseNumber) {
    return jdbc.query("select " + COLUMNS + " from case_summary where case_number = ?", ROW, caseNumber)
        .stream().findFirst();
  }

  /**
   * The row of a process instance, locked until the transaction ends: two steps of one case
   * committing at once on two nodes write the row one after the other, each from what the other left.
   */
  Optional<CaseSummary> lockByInstance(String processInstanceId) {
    return jdbc.query("select " + COLUMNS + " from case_summary where process_instance_id = ? for update", ROW,
        processInstanceId).stream().findFirst();
  }

  /** The cases a board query selects, one page, next deadline first. */
  public List<CaseSummary> page(BoardQuery query, LocalDate today, Instant now) {
    Where where = where(query, today, now);
    List<Object> args = new ArrayList<>(where.args);
    args.add(query.size());
    args.add((long) query.page() * query.size());
    return jdbc.query("select " + COLUMNS + " from case_summary" + where.sql
        + " order by next_deadline nulls last, case_number limit ? offset ?", ROW, args.toArray());
  }

  /** How many cases a board query selects, all pages. */
  public long count(BoardQuery query, LocalDate today, Instant now) {
    Where where = where(query, today, now);
    Long count = jdbc.queryForObject("select count(*) from case_summary" + where.sql, Long.class,
        where.args.toArray());
    return count == null ? 0 : count;
  }

  /** Every case a board query selects, in board order, handed over one at a time (the CSV export). */
  public void each(BoardQuery query, LocalDate today, Instant now, Consumer<CaseSummary> consumer) {
    Where where = where(query, today, now);
    // PostgreSQL's driver fetches in portions only inside a transaction.
    readOnly.executeWithoutResult(status -> streaming.query("select " + COLUMNS + " from case_summary" + where.sql
        + " order by next_deadline nulls last, case_number", rs -> {
          consumer.accept(ROW.mapRow(rs, 0));
        }, where.args.toArray()));
  }

  /** Open cases in each phase (phases without a case count 0). */
  public Map<CasePhase, Long> openByPhase() {
    return countBy("phase", CasePhase.class, " where status = 'OPEN'");
  }

  /** Cases by status, every case ever started (anonymised ones included). */
  public Map<CaseStatus, Long> byStatus() {
    return countBy("status", CaseStatus.class, "");
  }

  private <E extends Enum<E>> Map<E, Long> countBy(String column, Class<E> type, String where) {
    Map<E, Long> counts = new EnumMap<>(type);
    for (E value : type.getEnumConstants()) {
      counts.put(value, 0L);
    }
    jdbc.query("select " + column + ", count(*) from case_summary" + where + " group by " + column,
        rs -> {
          counts.put(Enum.valueOf(type, rs.getString(1)), rs.getLong(2));
        });
    return counts;
  }

  /** Lower case without accents: what client names are searched by. */
  static String searchable(String text) {
    if (text == null) {
      return null;
    }
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    return decomposed.toLowerCase(Locale.ROOT).strip();
  }

  private static Where where(BoardQuery query, LocalDate today, Instant now) {
    StringBuilder sql = new StringBuilder(" where status = ?");
    List<Object> args = new ArrayList<>();
    args.add(query.status().name());
    if (query.phase() != null) {
      sql.append(" and phase = ?");
      args.add(query.phase().name());
    }
    if (query.scenario() != null) {
      sql.append(" and scenario = ?");
      args.add(query.scenario());
    }
    if (query.overdue()) {
      sql.append(" and (next_deadline < ? or task_due_at < ?)");
      args.add(Date.valueOf(today));
      args.add(Timestamp.from(now));
    }
    if (query.search() != null) {
      String escaped = likeEscaped(query.search());
      sql.append(" and (case_number like ? escape '\\' or client_search like ? escape '\\')");
      args.add(escaped.toUpperCase(Locale.ROOT) + "%");
      args.add("%" + likeEscaped(searchable(query.search())) + "%");
    }
    return new Where(sql.toString(), args);
  }

  private static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private record Where(String sql, List<Object> args) {
  }

  private static LocalDate date(ResultSet rs, String column) throws SQLException {
    Date date = rs.getDate(column);
    return date == null ? null : date.toLocalDate();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }
}
