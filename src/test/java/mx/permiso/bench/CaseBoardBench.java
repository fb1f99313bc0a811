package mx.permiso.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import mx.permiso.caseboard.DeadlineKind;
import mx.permiso.cases.CasePhase;
import mx.permiso.security.StaffGroups;
import mx.permiso.support.Http;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.TestPostgres;
import mx.permiso.support.TestUsers;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The case board with 20,000 open cases on PostgreSQL: time until a logged-in member of staff
 * has the first page (HTTP request to rendered HTML), unfiltered, filtered and searched. The
 * cases are board rows generated straight into {@code case_summary} (the board reads nothing
 * else); every figure is measured in this run and written to docs/benchmarks.md.
 */
@PostgresApplicationTest
class CaseBoardBench {

  private static final int CASES = 20_000;
  private static final int WARM_UP = 20;
  private static final int ROUNDS = 50;
  private static final double LIMIT_MS = 1000;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  ProcessEngine engine;

  @LocalServerPort
  int port;

  @Test
  void firstPageOfTwentyThousandOpenCases() throws Exception {
    TestUsers.ensure(engine.getIdentityService(), "lucia", StaffGroups.LEGAL_STAFF);
    generate(CASES);
    Http http = Http.at(port);
    String[][] pages = {
        {"first page, no filter", "/cases"},
        {"first page, overdue only", "/cases?overdue=true"},
        {"first page, phase and scenario", "/cases?phase=DOCUMENTS&scenario=EMERGENCY"},
        {"first page, search by client name", "/cases?q=garcia"},
        {"CSV export, all 20,000", "/cases.csv"},
    };
    StringBuilder table = new StringBuilder(BenchReport.TABLE_HEAD);
    BenchReport.Spread firstPage = null;
    for (String[] page : pages) {
      int rounds = page[1].endsWith(".csv") ? 10 : ROUNDS;
      for (int i = 0; i < Math.min(WARM_UP, rounds); i++) {
        fetch(http, page[1]);
      }
      List<Double> timings = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        long start = System.nanoTime();
        fetch(http, page[1]);
        timings.add((System.nanoTime() - start) / 1e6);
      }
      BenchReport.Spread spread = BenchReport.Spread.of(timings);
      table.append('\n').append(spread.row(page[0] + " (`" + page[1] + "`)"));
      if (firstPage == null) {
        firstPage = spread;
      }
    }
    String version = jdbc.queryForObject("show server_version", String.class);
    BenchReport.write("case-board", """
        ## Case board

        %d open cases (generated board rows: every phase and scenario, deadlines spread over a year, 3%% of
        them overdue), pages of 50, one member of `legal-staff` with HTTP Basic over loopback; %d warm-up
        requests, then %d timed requests per line (10 for the export). Goal: the first page in under 1,000 ms.

        %s

        %s
        """.formatted(CASES, WARM_UP, ROUNDS, table, BenchReport.machine(
            "PostgreSQL " + version + " (" + TestPostgres.describeServer() + ")")));
    assertThat(firstPage.p95()).as("first page, p95 ms").isLessThan(LIMIT_MS);
  }

  private static void fetch(Http http, String path) {
    HttpResponse<String> response = http.get(path, "lucia", TestUsers.PASSWORD);
    assertThat(response.statusCode()).isEqualTo(200);
  }

  private void generate(int count) {
    Random random = new Random(42);
    String[] scenarios = {"CANJE_PENDING", "FAMILY_UNITY", "EMERGENCY"};
    String[] names = {"María García", "John Smith", "Li Wei", "Ana López", "Pierre Martin", "Sofía Hernández"};
    CasePhase[] phases = {CasePhase.REVIEW, CasePhase.DOCUMENTS, CasePhase.PAYMENT, CasePhase.PAPERWORK,
        CasePhase.APPOINTMENT, CasePhase.DEPARTURE, CasePhase.ABROAD, CasePhase.HAND_BACK};
    LocalDate today = LocalDate.now();
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = names[random.nextInt(names.length)] + " " + i;
      LocalDate deadline = today.plusDays(random.nextInt(100) < 3 ? -1 - random.nextInt(10) : random.nextInt(365));
      rows.add(new Object[] {"EXR-2025-" + String.format("%05d", i), "bench-" + i,
          phases[random.nextInt(phases.length)].name(), name, name.toLowerCase().replace("í", "i").replace("á", "a"),
          "client" + i + "@example.com", "es", scenarios[random.nextInt(scenarios.length)], Date.valueOf(deadline),
          DeadlineKind.DEPARTURE.name(), Timestamp.from(Instant.now().plusSeconds(random.nextInt(500_000))),
          "Verify documents of case " + i, random.nextBoolean() ? "lucia" : null, Timestamp.from(Instant.now())});
    }
    jdbc.batchUpdate("insert into case_summary (case_number, process_instance_id, status, phase, client_name, "
        + "client_search, client_email, language, scenario, next_deadline, next_deadline_kind, task_due_at, task_name, "
        + "assignee, started_at) values (?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    jdbc.execute("analyze case_summary");
  }
}
