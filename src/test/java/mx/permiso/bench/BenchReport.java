package mx.permiso.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code docs/benchmarks.md}: each benchmark owns one section, between markers, and replaces
 * only its own on each run; the figures are the run's, never typed in.
 */
final class BenchReport {

  private BenchReport() {
  }

  /** Median, 95th percentile, minimum and maximum of a set of timings in milliseconds. */
  record Spread(double median, double p95, double min, double max, int rounds) {

    static Spread of(List<Double> millis) {
      List<Double> sorted = new ArrayList<>(millis);
      sorted.sort(Double::compare);
      return new Spread(percentile(sorted, 50), percentile(sorted, 95), sorted.get(0),
          sorted.get(sorted.size() - 1), sorted.size());
    }

    private static double percentile(List<Double> sorted, int percent) {
      int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
      return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    String row(String what) {
      return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %d |", what, median, p95, min, max, rounds);
    }
  }

  static final String TABLE_HEAD = "| measured | median ms | p95 ms | min ms | max ms | rounds |\n|---|---|---|---|---|---|";

  /** The machine and versions a run was made on. */
  static String machine(String database) {
    Runtime runtime = Runtime.getRuntime();
    return String.format(Locale.ROOT, "Machine: %d cores, %.1f GiB RAM, %s %s; JVM max heap %d MiB; database %s.",
        runtime.availableProcessors(),
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize() / 1024.0 / 1024 / 1024,
        System.getProperty("java.vm.name"), System.getProperty("java.version"), runtime.maxMemory() / 1024 / 1024,
        database);
  }

  /** Writes (or replaces) the section {@code name} of the report. */
  static void write(String name, String body) throws IOException {
    Path report = Path.of(System.getProperty("bench.report", "docs/benchmarks.md"));
    String start = "<!-- " + name + ":start -->";
    String end = "<!-- " + name + ":end -->";
    String section = start + "\n" + body.strip() + "\n" + end;
    String text = Files.exists(report) ? Files.readString(report)
        : "# Benchmarks\n\nWritten by `./mvnw -Pbench verify` (each section by its benchmark, from its own run).\n";
    int from = text.indexOf(start);
    int to = text.indexOf(end);
    if (from >= 0 && to > from) {
      text = text.substring(0, from) + section + text.substring(to + end.length());
    } else {
      text = text.stripTrailing() + "\n\n" + section + "\n";
    }
    Files.createDirectories(report.toAbsolutePath().getParent());
    Files.writeString(report, text);
  }
}
