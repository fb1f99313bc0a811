package mx.permiso.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts requests per address in fixed windows and says when an address has had its share.
 * Counts live in this node's memory: with N nodes an address gets at most N times the limit,
 * which is enough to stop a flood without a shared store. Memory is bounded: the least recently
 * counted addresses are forgotten first.
 */
public final class RateLimiter {

  private final int limit;
  private final Duration window;
  private final int trackedAddresses;
  private final Clock clock;
  private final Map<String, Window> windows;

  public RateLimiter(int limit, Duration window, int trackedAddresses, Clock clock) {
    this.limit = limit;
    this.window = window;
    this.trackedAddresses = trackedAddresses;
    this.clock = clock;
    this.windows = new LinkedHashMap<>(16, 0.75f, true);
  }

  /** Counts one request; empty when it may go on, else how long until the address may try again. */
  public synchronized Optional<Duration> acquire(String address) {
    Instant now = clock.instant();
    Window current = windows.get(address);
    if (current == null || !now.isBefore(current.start.plus(window)) || now.isBefore(current.start)) {
      current = new Window(now);
      windows.put(address, current);
      forgetOldest();
    }
    if (current.count >= limit) {
      return Optional.of(Duration.between(now, current.start.plus(window)));
    }
    current.count++;
    return Optional.empty();
  }

  private void forgetOldest() {
    Iterator<Window> oldestFirst = windows.values().iterator();
    while (windows.size() > trackedAddresses && oldestFirst.hasNext()) {
      oldestFirst.next();
      oldestFirst.remove();
    }
  }

  private static final class Window {
    private final Instant start;
    private int count;

    Window(Instant start) {
      this.start = start;
    }
  }
}
