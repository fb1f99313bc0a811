package mx.permiso.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import mx.permiso.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoginThrottleTest {

  private static final String STRANGER = "203.0.113.7";
  private static final String OFFICE = "198.51.100.20";
  private static final String LUCIA = "lucia";
  private static final String RIGHT = "right";

  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-25T16:00:00Z"));
  private final LoginThrottle throttle = new LoginThrottle(settings(100), clock);
  private final AtomicInteger passwordsChecked = new AtomicInteger();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  private static LoginSettings settings(int trackedEntries) {
    return new LoginSettings(10, 10, Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofHours(1),
        Duration.ofDays(30), trackedEntries);
  }

  @BeforeEach
  void captureLog() {
    log.start();
    ((Logger) LoggerFactory.getLogger(LoginThrottle.class)).addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    ((Logger) LoggerFactory.getLogger(LoginThrottle.class)).detachAppender(log);
  }

  /** A login as the engine's directory makes it: ask, check the password unless refused, report. */
  private boolean login(LoginThrottle throttle, String user, String password, String address) {
    if (throttle.refusal(user, address).isPresent()) {
      return false;
    }
    passwordsChecked.incrementAndGet();
    boolean exists = user.equals(LUCIA) || user.equals("admin");
    if (exists && password.equals(RIGHT)) {
      throttle.succeeded(user, address);
      return true;
    }
    throttle.failed(user, address, exists);
    return false;
  }

  private boolean login(String user, String password, String address) {
    return login(throttle, user, password, address);
  }

  private void fail(int times, String user, String address) {
    for (int i = 0; i < times; i++) {
      assertThat(login(user, "guess-" + i, address)).isFalse();
    }
  }

  @Test
  void anAddressIsRefusedWithoutAPasswordCheckAfterTooManyFailuresUntilTheLockoutEnds() {
    fail(9, "nobody", STRANGER);
    assertThat(throttle.refusal(LUCIA, STRANGER)).as("nine failures").isEmpty();
    fail(1, "someone-else", STRANGER);

    assertThat(throttle.refusal(LUCIA, STRANGER)).hasValue(Duration.ofMinutes(1));
    int checked = passwordsChecked.get();
    assertThat(login(LUCIA, RIGHT, STRANGER)).as("the right password, from the refused address").isFalse();
    fail(20, "nobody", STRANGER);
    assertThat(passwordsChecked.get()).as("no password checked while refused").isEqualTo(checked);
    assertThat(throttle.refusal(LUCIA, "203.0.113.8")).as("another address").isEmpty();

    clock.move(Duration.ofSeconds(59));
    assertThat(throttle.refusal(LUCIA, STRANGER)).hasValue(Duration.ofSeconds(1));
    clock.move(Duration.ofSeconds(1));
    assertThat(login(LUCIA, RIGHT, STRANGER)).as("once the lockout ends").isTrue();
  }

  @Test
  void eachLockoutInARowLastsTwiceTheLastUpToTheMaximumAndQuietStartsOver() {
    Duration[] expected = {Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
        Duration.ofMinutes(8), Duration.ofMinutes(16), Duration.ofMinutes(32), Duration.ofHours(1), Duration.ofHours(1)};
    for (Duration lockout : expected) {
      fail(10, "nobody", STRANGER);
      assertThat(throttle.refusal("nobody", STRANGER)).hasValue(lockout);
      clock.move(lockout);
    }
    clock.move(Duration.ofHours(1));
    fail(10, "nobody", STRANGER);
    assertThat(throttle.refusal("nobody", STRANGER)).as("after an hour's quiet").hasValue(Duration.ofMinutes(1));
  }

  @Test
  void failuresOlderThanTheWindowAreForgotten() {
    fail(9, "nobody", STRANGER);
    clock.move(Duration.ofHours(1));
    fail(9, "nobody", STRANGER);
    assertThat(throttle.refusal("nobody", STRANGER)).isEmpty();
  }

  @Test
  void aStrangerNeverLocksOutTheRightPasswordFromTheUsersKnownAddress() {
    assertThat(login(LUCIA, RIGHT, OFFICE)).isTrue();

    fail(30, LUCIA, STRANGER);

    assertThat(login(LUCIA, RIGHT, OFFICE)).as("from her office").isTrue();
    assertThat(login(LUCIA, RIGHT, STRANGER)).as("the stranger, even with her password").isFalse();
    assertThat(login(LUCIA, RIGHT, "192.0.2.44")).as("an address she never used, while she is under attack")
        .isFalse();
    clock.move(Duration.ofMinutes(1));
    assertThat(login(LUCIA, RIGHT, "192.0.2.44")).isTrue();
    assertThat(login(LUCIA, RIGHT, STRANGER)).isTrue();
  }

  @Test
  void manyAddressesGuessingOneUserAreStoppedTogether() {
    assertThat(login(LUCIA, RIGHT, OFFICE)).isTrue();
    for (int i = 1; i <= 10; i++) {
      fail(1, LUCIA, "203.0.113." + i);
    }

    int checked = passwordsChecked.get();
    assertThat(login(LUCIA, RIGHT, "203.0.113.99")).as("a new address, as her").isFalse();
    assertThat(passwordsChecked.get()).isEqualTo(checked);
    assertThat(throttle.refusal("admin", "203.0.113.1")).as("the addresses, as someone else").isEmpty();
    assertThat(login(LUCIA, RIGHT, OFFICE)).as("from her office").isTrue();
  }

  @Test
  void aKnownAddressHasItsOwnLimitForThatUserAndARightPasswordClearsIt() {
    assertThat(login(LUCIA, RIGHT, OFFICE)).isTrue();
    fail(9, LUCIA, OFFICE);
    assertThat(login(LUCIA, RIGHT, OFFICE)).isTrue();
    fail(9, LUCIA, OFFICE);
    assertThat(throttle.refusal(LUCIA, OFFICE)).as("typos forgiven by the right password").isEmpty();
    fail(1, LUCIA, OFFICE);
    assertThat(throttle.refusal(LUCIA, OFFICE)).hasValue(Duration.ofMinutes(1));
  }

  @Test
  void anAddressIsKnownForAUserForAWhileAfterTheirLastLogin() {
    assertThat(login(LUCIA, RIGHT, OFFICE)).isTrue();
    clock.move(Duration.ofDays(30));
    fail(10, LUCIA, STRANGER);
    assertThat(login(LUCIA, RIGHT, OFFICE)).as("not seen for 30 days").isFalse();
  }

  @Test
  void namesThatAreNoUserCountAgainstTheAddressOnly() {
    for (int i = 0; i < 10; i++) {
      fail(1, LUCIA + i, "203.0.113." + i);
    }
    assertThat(throttle.refusal(LUCIA + 0, "203.0.113.50")).isEmpty();
  }

  @Test
  void anIpv6ClientCountsByItsNetwork() {
    for (int i = 0; i < 10; i++) {
      fail(1, "nobody", "2001:db8:1:2::" + Integer.toHexString(i + 1));
    }
    assertThat(throttle.refusal("nobody", "2001:db8:1:2:ffff::1")).isPresent();
    assertThat(throttle.refusal("nobody", "2001:db8:1:3::1")).isEmpty();
  }

  @Test
  void memoryIsBoundedByForgettingTheLeastRecentlySeen() {
    LoginThrottle small = new LoginThrottle(settings(2), clock);
    for (int i = 0; i < 10; i++) {
      login(small, "nobody", "x", "203.0.113.1");
    }
    login(small, "nobody", "x", "203.0.113.2");
    login(small, "nobody", "x", "203.0.113.3");
    assertThat(small.refusal("nobody", "203.0.113.1")).isEmpty();
  }

  @Test
  void aCheckWithoutARequestIsNotCounted() {
    for (int i = 0; i < 30; i++) {
      assertThat(throttle.refusal(LUCIA, null)).isEmpty();
      throttle.failed(LUCIA, null, true);
    }
    assertThat(throttle.refusal(LUCIA, STRANGER)).isEmpty();
  }

  @Test
  void aRefusedBurstIsLoggedOnceForTheAddressAndOnceForTheUser() {
    assertThat(login(LUCIA, RIGHT, OFFICE)).isTrue();
    fail(30, LUCIA, STRANGER);

    assertThat(log.list).extracting(ILoggingEvent::getLevel).containsOnly(Level.WARN);
    assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).containsExactlyInAnyOrder(
        "Refusing logins from 203.0.113.7 for PT1M after 10 failed logins (the last as 'lucia')",
        "Refusing logins as 'lucia' from addresses where it has not logged in, for PT1M, after 10 failed logins "
            + "(the last from 203.0.113.7)");
  }

  @Test
  void aNameTypedByAStrangerIsLoggedOnOneShortLine() {
    fail(10, "evil\nWARN forged line" + "x".repeat(100), STRANGER);
    assertThat(log.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
        .doesNotContain("\n").contains("evilWARN forged line").hasSizeLessThan(200);
  }

  @Test
  void settingsMustBePositive() {
    assertThatThrownBy(() -> new LoginSettings(0, 10, Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofHours(1),
        Duration.ofDays(30), 100)).hasMessageContaining("permiso.logins.failures-per-address");
    assertThatThrownBy(() -> new LoginSettings(10, 10, Duration.ofHours(1), Duration.ZERO, Duration.ofHours(1),
        Duration.ofDays(30), 100)).hasMessageContaining("permiso.logins.first-lockout");
  }
}
