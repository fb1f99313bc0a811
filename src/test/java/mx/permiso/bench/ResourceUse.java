package mx.permiso.bench;

import static org.awaitility.Awaitility.await;

import com.sun.management.OperatingSystemMXBean;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a stretch of work cost the machine, read before and after it: CPU time of this JVM and of
 * the PostgreSQL server's processes (from {@code /proc}, Linux only), and the rows written per
 * table the server counted ({@code pg_stat_user_tables}).
 * A server process reports its counts when it ends, or now and then while it works: before the
 * counts are read, the pool's connections are closed (after their CPU time has been read) and the
 * reading waits until the counts stand still.
 */
record ResourceUse(long applicationCpuNanos, long databaseCpuNanos, Map<String, Long> rowsWritten) {

  /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
  private static final long TICKS_PER_SECOND = 100;

  /** A reading before the work: the pool's connections closed first, so the work's are all new. */
  static ResourceUse before(JdbcTemplate jdbc, HikariDataSource pool) {
    Map<String, Long> rows = settledRows(jdbc, pool);
    return new ResourceUse(applicationCpu(), databaseCpu(jdbc), rows);
  }

  /** A reading after the work: the CPU time of its connections read before they close. */
  static ResourceUse after(JdbcTemplate jdbc, HikariDataSource pool) {
    long application = applicationCpu();
    long database = databaseCpu(jdbc);
    Map<String, Long> rows = settledRows(jdbc, pool);
    return new ResourceUse(application, database, rows);
  }

  private static long applicationCpu() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static long databaseCpu(JdbcTemplate jdbc) {
    return jdbc.queryForList("select pid from pg_stat_activity", Integer.class).stream()
        .mapToLong(ResourceUse::cpuNanos).sum();
  }

  private static Map<String, Long> settledRows(JdbcTemplate jdbc, HikariDataSource pool) {
    pool.getHikariPoolMXBean().softEvictConnections();
    AtomicReference<Map<String, Long>> last = new AtomicReference<>(rowsWritten(jdbc));
    return await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofMillis(500)).pollInterval(Duration.ofMillis(500))
        .until(() -> {
          Map<String, Long> now = rowsWritten(jdbc);
          return now.equals(last.getAndSet(now)) ? now : null;
        }, Objects::nonNull);
  }

  private static Map<String, Long> rowsWritten(JdbcTemplate jdbc) {
    jdbc.execute("select pg_stat_clear_snapshot()");
    Map<String, Long> rows = new TreeMap<>();
    jdbc.query("select relname, n_tup_ins + n_tup_upd + n_tup_del from pg_stat_user_tables", row -> {
      rows.put(row.getString(1), row.getLong(2));
    });
    return rows;
  }

  /** What happened between {@code before} and this reading. */
  ResourceUse since(ResourceUse before) {
    Map<String, Long> rows = new TreeMap<>();
    rowsWritten.forEach((table, count) -> {
      long written = count - before.rowsWritten.getOrDefault(table, 0L);
      if (written > 0) {
        rows.put(table, written);
      }
    });
    return new ResourceUse(applicationCpuNanos - before.applicationCpuNanos,
        databaseCpuNanos - before.databaseCpuNanos, rows);
  }

  long rowsWrittenTotal() {
    return rowsWritten.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * User and system CPU time of each thread of one process so far, by thread id, with the thread's
   * name as the operating system shows it (15 characters at most) without the number it ends with, so
   * the threads of one pool share a name; empty if the process has gone or {@code /proc} is not there.
   */
  static Map<Long, ThreadCpu> threadCpu(long pid) {
    Map<Long, ThreadCpu> threads = new TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          threads.put(Long.parseLong(task.getFileName().toString()),
              new ThreadCpu(name.replaceAll("[#-]?[0-9]+$", "").strip(), ticksToNanos(stat)));
        } catch (IOException | RuntimeException ended) {
          // The thread ended between listing and reading.
        }
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    return threads;
  }

  /** One thread's name (numbers left out) and CPU time so far. */
  record ThreadCpu(String kind, long nanos) {
  }

  /**
   * CPU time by thread kind between two readings of {@link #threadCpu}: threads started in between
   * count from nothing; threads that ended in between are not counted.
   */
  static Map<String, Long> threadCpuSince(Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after) {
    Map<String, Long> kinds = new TreeMap<>();
    after.forEach((id, thread) -> {
      ThreadCpu earlier = before.get(id);
      long since = thread.nanos() - (earlier == null ? 0 : earlier.nanos());
      kinds.merge(thread.kind(), since, Long::sum);
    });
    return kinds;
  }

  private static long ticksToNanos(String stat) {
    // Fields after the command name (which may hold spaces) in parentheses: utime is the 12th, stime the 13th.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks * 1_000_000_000L / TICKS_PER_SECOND;
  }

  /** User and system CPU time of one process, or 0 if it has gone or {@code /proc} is not there. */
  static long cpuNanos(long pid) {
    try {
      return ticksToNanos(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
