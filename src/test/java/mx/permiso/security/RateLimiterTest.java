package mx.permiso.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import mx.permiso.support.MovableClock;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-25T16:00:00Z"));

  @Test
  void anAddressGetsItsShareThenWaitsForTheNextWindow() {
    RateLimiter limiter = new RateLimiter(3, Duration.ofHours(1), 100, clock);
    assertThat(limiter.acquire("10.0.0.1")).isEmpty();
    assertThat(limiter.acquire("10.0.0.1")).isEmpty();
    clock.move(Duration.ofMinutes(20));
    assertThat(limiter.acquire("10.0.0.1")).isEmpty();
    assertThat(limiter.acquire("10.0.0.1")).as("fourth in the hour").hasValue(Duration.ofMinutes(40));
    assertThat(limiter.acquire("10.0.0.2")).as("another address").isEmpty();
    clock.move(Duration.ofMinutes(40));
    assertThat(limiter.acquire("10.0.0.1")).as("a new hour").isEmpty();
  }

  @Test
  void memoryIsBoundedByForgettingTheLeastRecentAddresses() {
    RateLimiter limiter = new RateLimiter(1, Duration.ofHours(1), 2, clock);
    assertThat(limiter.acquire("a")).isEmpty();
    assertThat(limiter.acquire("b")).isEmpty();
    assertThat(limiter.acquire("a")).as("still remembered").isPresent();
    assertThat(limiter.acquire("c")).isEmpty();
    assertThat(limiter.acquire("b")).as("forgotten to make room, so counted afresh").isEmpty();
    assertThat(limiter.acquire("c")).isPresent();
  }

  @Test
  void aClockMovedBackStartsAFreshWindowInsteadOfBlockingForever() {
    RateLimiter limiter = new RateLimiter(1, Duration.ofHours(1), 100, clock);
    assertThat(limiter.acquire("a")).isEmpty();
    clock.move(Duration.ofDays(-1));
    assertThat(limiter.acquire("a")).isEmpty();
  }
}
