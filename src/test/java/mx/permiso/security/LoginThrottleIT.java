package mx.permiso.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.regex.Pattern;
import mx.permiso.support.Http;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Failed logins on the running app: strangers are slowed and locked out for a while, the staff
 * they guess at keep logging in from where they work, on the REST API and in the web apps alike.
 * The app is told it stands behind a proxy, so a test can be a client at any address.
 */
@PostgresApplicationTest
@TestPropertySource(properties = {"server.forward-headers-strategy=native", "permiso.trusted-proxies=127.0.0.1"})
@ExtendWith(OutputCaptureExtension.class)
class LoginThrottleIT {

  private static final String REST = "/engine-rest/task/count";

  @LocalServerPort
  int port;

  @Autowired
  IdentityService identityService;

  @Autowired
  ProcessEngine engine;

  @Autowired
  AccessBootstrap accessBootstrap;

  @Autowired
  JdbcTemplate jdbc;

  @BeforeEach
  void clockStandsStill() {
    ClockUtil.setCurrentTime(new Date());
  }

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  private static void moveClock(Duration by) {
    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(by)));
  }

  private Http from(String address) {
    return Http.at(port, address);
  }

  private int restLogin(String address, String user, String password) {
    return from(address).get(REST, user, password).statusCode();
  }

  private int webappLogin(String address, String app, String user, String password) {
    return from(address).webappLogin(app, user, password).statusCode();
  }

  private Map<String, Object> engineLock(String userId) {
    return jdbc.queryForMap("select coalesce(attempts_, 0) as attempts_, lock_exp_time_ from act_id_user where id_ = ?", userId);
  }

  private static long occurrences(CapturedOutput output, String text) {
    return Pattern.compile(Pattern.quote(text)).matcher(output.getOut()).results().count();
  }

  @Test
  void aStrangersWrongPasswordsNeverStopALegalStaffMemberLoggingInFromWhereSheWorks(CapturedOutput output) {
    String member = "lucia-throttle";
    String office = "198.51.100.21";
    String stranger = "203.0.113.21";
    TestUsers.ensure(identityService, member, StaffGroups.LEGAL_STAFF);
    assertThat(restLogin(office, member, TestUsers.PASSWORD)).as("she has worked from her office").isEqualTo(200);

    for (int i = 0; i < 30; i++) {
      assertThat(restLogin(stranger, member, "guess-" + i)).isEqualTo(401);
    }

    assertThat(restLogin(office, member, TestUsers.PASSWORD)).as("REST, from her office").isEqualTo(200);
    assertThat(webappLogin(office, "tasklist", member, TestUsers.PASSWORD)).as("Tasklist, from her office")
        .isEqualTo(200);
    assertThat(from(office).get("/api/cases/EXR-2026-9999", member, TestUsers.PASSWORD).statusCode())
        .as("the staff API, from her office: past the login").isEqualTo(404);
    assertThat(engineLock(member)).as("the engine's own lock is not used")
        .containsEntry("attempts_", 0).containsEntry("lock_exp_time_", null);

    assertThat(restLogin(stranger, member, TestUsers.PASSWORD)).as("the stranger, with her password").isEqualTo(401);
    assertThat(webappLogin(stranger, "tasklist", member, TestUsers.PASSWORD)).isEqualTo(401);
    assertThat(restLogin("192.0.2.21", member, TestUsers.PASSWORD))
        .as("an address she has never used, while she is being guessed at").isEqualTo(401);

    moveClock(Duration.ofMinutes(1).plusSeconds(1));
    assertThat(restLogin(stranger, member, TestUsers.PASSWORD)).as("once the lockout ends").isEqualTo(200);
    assertThat(webappLogin(stranger, "tasklist", member, TestUsers.PASSWORD)).isEqualTo(200);
    assertThat(restLogin("192.0.2.21", member, TestUsers.PASSWORD)).isEqualTo(200);
    assertThat(occurrences(output, "Refusing logins from 203.0.113.21 for PT1M after 10 failed logins"))
        .as("the burst logged once").isOne();
    assertThat(occurrences(output, "Refusing logins as 'lucia-throttle' from addresses where it has not logged in"))
        .isOne();
  }

  @Test
  void anAdministratorCanAlwaysGetBackIn() {
    String office = "198.51.100.22";
    String stranger = "203.0.113.22";
    assertThat(webappLogin(office, "admin", TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)).isEqualTo(200);

    for (int i = 0; i < 15; i++) {
      assertThat(webappLogin(stranger, "admin", TestUsers.ADMIN, "guess-" + i)).isEqualTo(401);
      assertThat(restLogin(stranger, TestUsers.ADMIN, "guess-" + i)).isEqualTo(401);
    }

    assertThat(webappLogin(office, "admin", TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)).as("Admin, from the office")
        .isEqualTo(200);
    assertThat(restLogin(office, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)).isEqualTo(200);
    assertThat(restLogin(stranger, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)).as("the stranger").isEqualTo(401);
    assertThat(webappLogin(stranger, "admin", TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)).isEqualTo(401);

    moveClock(Duration.ofMinutes(1).plusSeconds(1));
    assertThat(webappLogin(stranger, "admin", TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)).isEqualTo(200);
  }

  @Test
  void aManagerLogsInToCockpitAfterAStrangersAttempts() {
    String manager = "mateo-throttle";
    String office = "198.51.100.23";
    String stranger = "203.0.113.23";
    TestUsers.ensure(identityService, manager, StaffGroups.MANAGERS);
    assertThat(webappLogin(office, "cockpit", manager, TestUsers.PASSWORD)).isEqualTo(200);

    for (int i = 0; i < 15; i++) {
      assertThat(webappLogin(stranger, "cockpit", manager, "guess-" + i)).isEqualTo(401);
      assertThat(from(stranger).get("/actuator/metrics", manager, "guess-" + i).statusCode()).isEqualTo(401);
    }

    assertThat(webappLogin(office, "cockpit", manager, TestUsers.PASSWORD)).as("Cockpit, from the office")
        .isEqualTo(200);
    assertThat(from(office).get("/actuator/metrics", manager, TestUsers.PASSWORD).statusCode()).isEqualTo(200);
    assertThat(webappLogin(stranger, "cockpit", manager, TestUsers.PASSWORD)).isEqualTo(401);
  }

  @Test
  void afterTooManyFailuresAnAddressIsRefusedWhateverThePassword() {
    String stranger = "203.0.113.24";
    String member = "rosa-throttle";
    String colleague = "pablo-throttle";
    TestUsers.ensure(identityService, member, StaffGroups.LEGAL_STAFF);
    TestUsers.ensure(identityService, colleague, StaffGroups.LEGAL_STAFF);

    // Nine failures on every path that checks a password, for names that are nobody's.
    assertThat(restLogin(stranger, "nobody-1", "guess")).isEqualTo(401);
    assertThat(restLogin(stranger, "nobody-2", "guess")).isEqualTo(401);
    assertThat(webappLogin(stranger, "tasklist", "nobody-3", "guess")).isEqualTo(401);
    assertThat(webappLogin(stranger, "cockpit", "nobody-4", "guess")).isEqualTo(401);
    assertThat(webappLogin(stranger, "admin", "nobody-5", "guess")).isEqualTo(401);
    assertThat(from(stranger).get("/api/cases/EXR-2026-9999", "nobody-6", "guess").statusCode()).isEqualTo(401);
    assertThat(from(stranger).get("/cases.csv", "nobody-7", "guess").statusCode()).isEqualTo(401);
    assertThat(from(stranger).get("/actuator/metrics", "nobody-8", "guess").statusCode()).isEqualTo(401);
    assertThat(restLogin(stranger, "nobody-9", "guess")).isEqualTo(401);
    assertThat(restLogin(stranger, colleague, TestUsers.PASSWORD)).as("nine failures: still checked").isEqualTo(200);

    assertThat(restLogin(stranger, "nobody-10", "guess")).isEqualTo(401);

    assertThat(restLogin(stranger, member, TestUsers.PASSWORD)).as("the tenth: refused, right password or not")
        .isEqualTo(401);
    assertThat(webappLogin(stranger, "tasklist", member, TestUsers.PASSWORD)).isEqualTo(401);
    assertThat(restLogin("192.0.2.24", member, TestUsers.PASSWORD)).as("she is not locked: the address is")
        .isEqualTo(200);
    assertThat(restLogin(stranger, colleague, TestUsers.PASSWORD)).as("where he logged in before").isEqualTo(200);

    moveClock(Duration.ofMinutes(1).plusSeconds(1));
    assertThat(restLogin(stranger, member, TestUsers.PASSWORD)).isEqualTo(200);
  }

  @Test
  void aLockLeftByAnEarlierVersionBlocksNoOneAndTheAdministratorIsUnlockedAtStart() {
    String member = "ines-throttle";
    TestUsers.ensure(identityService, member, StaffGroups.LEGAL_STAFF);
    Date tomorrow = Date.from(Instant.now().plus(Duration.ofDays(1)));
    String lock = "update act_id_user set attempts_ = 10, lock_exp_time_ = ? where id_ = ?";
    jdbc.update(lock, tomorrow, member);
    jdbc.update(lock, tomorrow, TestUsers.ADMIN);

    assertThat(restLogin("198.51.100.25", member, TestUsers.PASSWORD)).isEqualTo(200);
    assertThat(engineLock(member)).containsEntry("attempts_", 0).containsEntry("lock_exp_time_", null);

    accessBootstrap.engineBuilt(engine);
    assertThat(engineLock(TestUsers.ADMIN)).containsEntry("attempts_", 0).containsEntry("lock_exp_time_", null);
  }
}
