package mx.permiso.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How failed logins are slowed ({@code permiso.logins.*}, see {@link LoginThrottle}).
 *
 * @param failuresPerAddress failed logins one address may make per window before it is refused for a while
 * @param failuresPerUser failed logins as one user, from addresses where that user has not logged in, per
 *     window before those addresses are refused for that user for a while
 * @param window the period failures are counted over; a caller that stays quiet this long after a lockout
 *     starts again from the shortest lockout
 * @param firstLockout how long the first lockout lasts; each further one in a row lasts twice as long
 * @param maxLockout the longest a lockout lasts
 * @param knownAddressFor how long an address where a user logged in stays known for that user
 * @param trackedEntries addresses, users and known addresses remembered at most, each; beyond that the least
 *     recently seen are forgotten
 */
@ConfigurationProperties("permiso.logins")
public record LoginSettings(
    int failuresPerAddress,
    int failuresPerUser,
    Duration window,
    Duration firstLockout,
    Duration maxLockout,
    Duration knownAddressFor,
    int trackedEntries) {

  public LoginSettings {
    positive("failures-per-address", failuresPerAddress);
    positive("failures-per-user", failuresPerUser);
    positive("tracked-entries", trackedEntries);
    positive("window", window);
    positive("first-lockout", firstLockout);
    positive("max-lockout", maxLockout);
    positive("known-address-for", knownAddressFor);
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException("permiso.logins." + name + " must be positive, not " + value);
    }
  }

  private static void positive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("permiso.logins." + name + " must be a positive duration, not " + value);
    }
  }
}
