package mx.permiso.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What PostgreSQL did for one storm, from its own statistics: transactions committed
 * ({@code pg_stat_database}), write-ahead log flushes ({@code pg_stat_wal}: on a durable server each
 * is one wait for the disk, and commits arriving together share one), rows written by table
 * ({@code pg_stat_user_tables}) and, when the server loads {@code pg_stat_statements}
 * ({@code -Dpermiso.test.postgres.statements=true}), the calls of each statement, sorted into the
 * engine's, the reminder step's (its outbox row and the case board, in the engine's transaction)
 * and the email dispatcher's.
 */
record DatabaseWork(long commits, long walFlushes, double walFlushMillis, long walRecords,
                    Map<String, Long> rowsWritten, Map<String, Long> statements, boolean statementsKnown) {

  /** Who causes a statement. */
  enum Owner {
    ENGINE("the engine's (job acquisition, the timer's job, history)"),
    STEP("the reminder step's, in the job's transaction (outbox row, case board, client link)"),
    DISPATCHER("the email dispatcher's (claim, attachments, marking sent)"),
    TRANSACTION("transaction control (`BEGIN`, `COMMIT`)"),
    BENCHMARK("the benchmark's own polling");

    final String description;

    Owner(String description) {
      this.description = description;
    }
  }

  /** The cumulative counters at one moment. */
  record Counters(long commits, long walFlushes, double walFlushMillis, long walRecords, Map<String, Long> rowsWritten,
                  Map<String, Long> statements, boolean statementsKnown) {

    static Counters read(JdbcTemplate jdbc) {
      long commits = jdbc.queryForObject("select xact_commit from pg_stat_database where datname = current_database()",
          Long.class);
      double[] wal = jdbc.query("select wal_sync, wal_records, wal_sync_time from pg_stat_wal",
          rs -> rs.next() ? new double[] {rs.getLong(1), rs.getLong(2), rs.getDouble(3)} : new double[] {-1, -1, 0});
      Map<String, Long> rows = new HashMap<>();
      jdbc.query("select relname, n_tup_ins + n_tup_upd + n_tup_del from pg_stat_user_tables", row -> {
        rows.put(row.getString(1).toLowerCase(Locale.ROOT), row.getLong(2));
      });
      Map<String, Long> statements = new HashMap<>();
      boolean known;
      try {
        jdbc.query("select s.query, sum(s.calls) from pg_stat_statements s join pg_database d on d.oid = s.dbid "
            + "where d.datname = current_database() group by s.query", row -> {
              statements.merge(row.getString(1), row.getLong(2), Long::sum);
            });
        known = true;
      } catch (RuntimeException notLoaded) {
        known = false;
      }
      return new Counters(commits, (long) wal[0], wal[2], (long) wal[1], rows, statements, known);
    }
  }

  /** Creates {@code pg_stat_statements} in the database (copies inherit it) when the server loads it. */
  static void prepare(JdbcTemplate jdbc) {
    try {
      jdbc.execute("create extension if not exists pg_stat_statements");
      jdbc.queryForObject("select count(*) from pg_stat_statements", Long.class);
    } catch (RuntimeException notLoaded) {
      // counted without statements
    }
  }

  /** The work done since {@code before}, once the server's statistics have caught up with the closed connections. */
  static DatabaseWork since(Counters before, JdbcTemplate jdbc) {
    // Connections report their counts when they end; the statistics collector takes them in within moments.
    await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
    Counters after = Counters.read(jdbc);
    Map<String, Long> rows = new HashMap<>();
    after.rowsWritten().forEach((table, count) -> rows.put(table, count - before.rowsWritten().getOrDefault(table, 0L)));
    Map<String, Long> statements = new HashMap<>();
    after.statements().forEach((query, calls) -> {
      long delta = calls - before.statements().getOrDefault(query, 0L);
      if (delta > 0) {
        statements.put(query, delta);
      }
    });
    return new DatabaseWork(after.commits() - before.commits(), after.walFlushes() - before.walFlushes(),
        after.walFlushMillis() - before.walFlushMillis(), after.walRecords() - before.walRecords(), rows, statements, before.statementsKnown() && after.statementsKnown());
  }

  static Owner owner(String query) {
    String text = query.toLowerCase(Locale.ROOT).strip();
    if (text.startsWith("begin") || text.startsWith("commit") || text.startsWith("rollback")
        || text.startsWith("savepoint") || text.startsWith("release")) {
      return Owner.TRANSACTION;
    }
    if (text.contains("pg_stat") || text.contains("group by status") || text.contains("lock_owner_ is not null")
        || text.contains("show ") || text.contains("act_hi_job_log") && text.contains("group by hostname_")) {
      return Owner.BENCHMARK;
    }
    boolean stepsOutboxRow = text.contains("insert into outbox_") || text.contains("from outbox_message where dedupe_key");
    if (text.contains("outbox_") && !stepsOutboxRow) {
      return Owner.DISPATCHER;
    }
    // The engine's tables are act_*; every other table is the product's, written or read by the step.
    return text.contains("act_") && !stepsOutboxRow ? Owner.ENGINE : Owner.STEP;
  }

  /**
   * Transactions the dispatcher committed: each statement it runs alone commits, each claim is one, and
   * the text of an email written at send is stored in the commit that records it sent (ADR 015).
   */
  long dispatcherCommits() {
    return statements.entrySet().stream().filter(entry -> owner(entry.getKey()) == Owner.DISPATCHER)
        .mapToLong(Map.Entry::getValue).sum() - claimStatementsBeyondTheFirst()
        - calls(text -> text.startsWith("update outbox_message set subject = $"));
  }

  /** The claim runs several statements in one transaction: those beyond the first commit nothing. */
  private long claimStatementsBeyondTheFirst() {
    long claims = calls(text -> text.contains("for update") && text.contains("from outbox_message")
        && text.contains("status = 'pending'"));
    long claimStatements = calls(text -> text.contains("outbox_message") && owner(text) == Owner.DISPATCHER
        && (text.contains("for update") || text.contains("set locked_until = $") || text.contains("where id in")
        && text.startsWith("select")));
    return Math.max(0, claimStatements - claims);
  }

  private long calls(java.util.function.Predicate<String> which) {
    return statements.entrySet().stream().filter(entry -> which.test(entry.getKey().toLowerCase(Locale.ROOT)))
        .mapToLong(Map.Entry::getValue).sum();
  }

  long statementsOf(Owner owner) {
    return statements.entrySet().stream().filter(entry -> owner(entry.getKey()) == owner)
        .mapToLong(Map.Entry::getValue).sum();
  }

  long rowsOf(String kind) {
    return rowsWritten.entrySet().stream().filter(entry -> switch (kind) {
      case "engine" -> entry.getKey().startsWith("act_");
      case "outbox" -> entry.getKey().startsWith("outbox_");
      default -> !entry.getKey().startsWith("act_") && !entry.getKey().startsWith("outbox_");
    }).mapToLong(Map.Entry::getValue).sum();
  }

  /** One round's figures per reminder, for the log. */
  String table(int reminders) {
    return report(List.of(Map.entry(1, List.of(this))), reminders);
  }

  /**
   * The per-reminder table, medians over the rounds with each number of nodes, and the statements
   * of the first round listed (the engine's largest, all of the product's).
   */
  static String report(List<Map.Entry<Integer, List<DatabaseWork>>> byNodes, int reminders) {
    Map<String, ToDoubleFunction<DatabaseWork>> rows = new LinkedHashMap<>();
    rows.put("transactions committed (`pg_stat_database.xact_commit`, read-only ones too)", DatabaseWork::commits);
    rows.put("write-ahead log flushes (`pg_stat_wal.wal_sync`; commits arriving together share one)",
        DatabaseWork::walFlushes);
    rows.put("write-ahead log records", DatabaseWork::walRecords);
    rows.put("milliseconds the server spent flushing the log (`wal_sync_time`, with `track_wal_io_timing`)",
        DatabaseWork::walFlushMillis);
    rows.put("rows written in the engine's tables (`act_*`: inserted, updated, deleted)", work -> work.rowsOf("engine"));
    rows.put("rows written in the outbox (`outbox_*`)", work -> work.rowsOf("outbox"));
    rows.put("rows written in the product's other tables (case board, audit)", work -> work.rowsOf("other"));
    boolean statementsKnown = byNodes.stream().flatMap(entry -> entry.getValue().stream())
        .allMatch(DatabaseWork::statementsKnown);
    if (statementsKnown) {
      for (Owner owner : Owner.values()) {
        rows.put("statements: " + owner.description, work -> work.statementsOf(owner));
      }
      rows.put("transactions the dispatcher committed (each statement it runs alone, each claim; an email's text stored with its record of sending)",
          DatabaseWork::dispatcherCommits);
    }
    StringBuilder table = new StringBuilder("| per reminder (median over the rounds) |");
    byNodes.forEach(entry -> table.append(entry.getKey() == 1 ? " one node |" : " " + entry.getKey() + " nodes |"));
    table.append("\n|---|").append("---|".repeat(byNodes.size()));
    rows.forEach((what, figure) -> {
      table.append("\n| ").append(what).append(" |");
      for (Map.Entry<Integer, List<DatabaseWork>> entry : byNodes) {
        List<Double> values = entry.getValue().stream().map(work -> figure.applyAsDouble(work) / reminders).toList();
        table.append(String.format(Locale.ROOT, " %.2f |", BenchReport.Spread.of(values).median()));
      }
    });
    table.append("\n| milliseconds per log flush (not per reminder: `wal_sync_time` / `wal_sync`) |");
    for (Map.Entry<Integer, List<DatabaseWork>> entry : byNodes) {
      List<Double> values = entry.getValue().stream()
          .map(work -> work.walFlushes() == 0 ? 0 : work.walFlushMillis() / work.walFlushes()).toList();
      table.append(String.format(Locale.ROOT, " %.2f |", BenchReport.Spread.of(values).median()));
    }
    if (!statementsKnown) {
      table.append("\n\n(Statements not counted: run with `-Dpermiso.test.postgres.statements=true` to load "
          + "`pg_stat_statements`.)");
      return table.toString();
    }
    DatabaseWork first = byNodes.get(0).getValue().get(0);
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(first.statements().entrySet());
    sorted.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
    StringBuilder list = new StringBuilder("| statement (the first round with " + (byNodes.get(0).getKey() == 1
        ? "one node" : byNodes.get(0).getKey() + " nodes") + ") | whose | calls per reminder |\n|---|---|---|");
    int engine = 0;
    for (Map.Entry<String, Long> statement : sorted) {
      Owner owner = owner(statement.getKey());
      double perReminder = (double) statement.getValue() / reminders;
      if (owner == Owner.BENCHMARK || perReminder < 0.005 || owner == Owner.ENGINE && engine++ >= 12) {
        continue;
      }
      String text = statement.getKey().replaceAll("\\s+", " ").strip();
      text = text.length() > 110 ? text.substring(0, 107) + "..." : text;
      list.append(String.format(Locale.ROOT, "\n| `%s` | %s | %.2f |", text.replace("|", "\\|").replace("`", "'"),
          owner.name().toLowerCase(Locale.ROOT), perReminder));
    }
    return table + "\n\n" + list;
  }
}
