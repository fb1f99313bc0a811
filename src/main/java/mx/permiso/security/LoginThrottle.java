package mx.permiso.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows password guessing without letting a stranger lock a real user out. Every password check
 * (REST API, the application's own endpoints, the web apps' login) asks here first and reports
 * its outcome after.
 *
 * <ul>
 *   <li>Per address: after {@code failuresPerAddress} failures in a window, the address is
 *       refused for a while, whatever the password, for any user.</li>
 *   <li>Per user: after {@code failuresPerUser} failures as one user from addresses where that
 *       user has never logged in, all such addresses are refused for that user for a while (a
 *       guesser with many addresses).</li>
 *   <li>An address where the user has logged in is known for that user: neither lock above
 *       applies to it, only its own count of failures for that user. So the right password from
 *       a user's usual address works while strangers are locked out.</li>
 * </ul>
 *
 * <p>Every lockout ends: the first lasts {@code firstLockout}, each further one in a row twice
 * the last, at most {@code maxLockout}; a caller quiet for a window after a lockout starts over.
 * Counts live in this node's memory, bounded by {@code trackedEntries} per kind (the least
 * recently seen are forgotten first): a restart forgets them. Addresses count by
 * {@link ClientAddresses#key(String)} (IPv6 by /64). A check without an address (the
 * application's own code, not a request) is not counted.
 */
public final class LoginThrottle {

  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

  private final LoginSettings settings;
  private final Clock clock;
  private final Map<String, Strikes> addresses;
  private final Map<String, Strikes> users;
  private final Map<String, KnownAddress> knownAddresses;

  public LoginThrottle(LoginSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.addresses = boundedMap();
    this.users = boundedMap();
    this.knownAddresses = boundedMap();
  }

  /**
   * Empty when the password of this attempt may be checked; otherwise how long until this
   * address may try this user again (the attempt then fails without a look at the password).
   */
  public synchronized Optional<Duration> refusal(String userId, String remoteAddress) {
    if (remoteAddress == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    String address = ClientAddresses.key(remoteAddress);
    KnownAddress known = knownAddress(userId, address, now);
    if (known != null) {
      return known.strikes.lockedFor(now);
    }
    Optional<Duration> byAddress = lockedFor(addresses, address, now);
    Optional<Duration> byUser = lockedFor(users, userId, now);
    if (byAddress.isPresent() && byUser.isPresent()) {
      return Optional.of(byAddress.get().compareTo(byUser.get()) >= 0 ? byAddress.get() : byUser.get());
    }
    return byAddress.isPresent() ? byAddress : byUser;
  }

  /**
   * A wrong password (or an unknown user: {@code userExists} false, which counts against the
   * address only, so made-up names fill no memory).
   */
  public synchronized void failed(String userId, String remoteAddress, boolean userExists) {
    if (remoteAddress == null) {
      return;
    }
    Instant now = clock.instant();
    String address = ClientAddresses.key(remoteAddress);
    String user = printable(userId);
    strikes(addresses, address).fail(now, settings.failuresPerAddress()).ifPresent(lockout ->
        LOG.warn("Refusing logins from {} for {} after {} failed logins (the last as '{}')",
            address, lockout, settings.failuresPerAddress(), user));
    if (!userExists) {
      return;
    }
    KnownAddress known = knownAddress(userId, address, now);
    if (known != null) {
      known.strikes.fail(now, settings.failuresPerAddress()).ifPresent(lockout ->
          LOG.warn("Refusing logins as '{}' from {} (where it has logged in before) for {} after {} failed logins",
              user, address, lockout, settings.failuresPerAddress()));
    } else {
      strikes(users, userId).fail(now, settings.failuresPerUser()).ifPresent(lockout ->
          LOG.warn("Refusing logins as '{}' from addresses where it has not logged in, for {}, after {} failed "
              + "logins (the last from {})", user, lockout, settings.failuresPerUser(), address));
    }
  }

  /** The right password: the address becomes known for the user. */
  public synchronized void succeeded(String userId, String remoteAddress) {
    if (remoteAddress == null) {
      return;
    }
    Instant now = clock.instant();
    String address = ClientAddresses.key(remoteAddress);
    KnownAddress known = knownAddresses.computeIfAbsent(pairKey(userId, address), key -> new KnownAddress());
    known.lastLogin = now;
    known.strikes.forgive();
    forgetOldest(knownAddresses);
  }

  private KnownAddress knownAddress(String userId, String address, Instant now) {
    KnownAddress known = knownAddresses.get(pairKey(userId, address));
    if (known == null || known.lastLogin.isAfter(now)
        || !now.isBefore(known.lastLogin.plus(settings.knownAddressFor()))) {
      return null;
    }
    return known;
  }

  private static Optional<Duration> lockedFor(Map<String, Strikes> counts, String key, Instant now) {
    Strikes strikes = counts.get(key);
    return strikes == null ? Optional.empty() : strikes.lockedFor(now);
  }

  private Strikes strikes(Map<String, Strikes> counts, String key) {
    Strikes strikes = counts.computeIfAbsent(key, ignored -> new Strikes());
    forgetOldest(counts);
    return strikes;
  }

  private <V> void forgetOldest(Map<String, V> counts) {
    Iterator<V> oldestFirst = counts.values().iterator();
    while (counts.size() > settings.trackedEntries() && oldestFirst.hasNext()) {
      oldestFirst.next();
      oldestFirst.remove();
    }
  }

  private static <V> Map<String, V> boundedMap() {
    // Access order: the least recently seen come first and are forgotten first.
    return new LinkedHashMap<>(16, 0.75f, true);
  }

  private static String pairKey(String userId, String address) {
    return userId + '\u0000' + address;
  }

  /** A user name as typed by anyone, safe for one log line. */
  private static String printable(String userId) {
    if (userId == null) {
      return "";
    }
    String clean = userId.codePoints().filter(c -> !Character.isISOControl(c))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
  }

  /** The failures of one address, user or known address, and its lockout if any. */
  private final class Strikes {
    private int failures;
    private Instant windowStart;
    private int lockoutsInARow;
    private Instant lockedUntil;

    Optional<Duration> lockedFor(Instant now) {
      return lockedUntil != null && now.isBefore(lockedUntil)
          ? Optional.of(Duration.between(now, lockedUntil))
          : Optional.empty();
    }

    /** Counts a failure; the lockout it starts, if it is the last one allowed in the window. */
    Optional<Duration> fail(Instant now, int limit) {
      if (windowStart == null || now.isBefore(windowStart) || !now.isBefore(windowStart.plus(settings.window()))) {
        windowStart = now;
        failures = 0;
      }
      failures++;
      if (failures < limit) {
        return Optional.empty();
      }
      if (lockedUntil == null || !now.isBefore(lockedUntil.plus(settings.window()))) {
        // The first lockout, or quiet for a window since the last one: start again from the shortest.
        lockoutsInARow = 0;
      }
      Duration lockout = lockout(lockoutsInARow);
      lockoutsInARow++;
      lockedUntil = now.plus(lockout);
      failures = 0;
      windowStart = null;
      return Optional.of(lockout);
    }

    void forgive() {
      failures = 0;
      windowStart = null;
    }

    private Duration lockout(int previous) {
      Duration lockout = settings.firstLockout();
      for (int i = 0; i < previous && lockout.compareTo(settings.maxLockout()) < 0; i++) {
        lockout = lockout.multipliedBy(2);
      }
      return lockout.compareTo(settings.maxLockout()) > 0 ? settings.maxLockout() : lockout;
    }
  }

  private final class KnownAddress {
    private Instant lastLogin;
    private final Strikes strikes = new Strikes();
  }
}
