package mx.permiso.clientportal;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Each case's secret link for its client: 256 random bits, scoped to one case, dead once the
 * case has ended. The link is the client's only key to the case page, so it is never logged.
 */
@Repository
public class ClientLinks {

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final String publicBaseUrl;
  private final SecureRandom random = new SecureRandom();

  public ClientLinks(JdbcTemplate jdbc, Clock clock, @Value("${permiso.public-base-url}") String publicBaseUrl) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
  }

  /** The case's link, made on first use; empty once the case has ended. */
  public Optional<String> linkFor(String caseNumber) {
    List<Link> existing = find(caseNumber);
    if (existing.isEmpty()) {
      byte[] bits = new byte[32];
      random.nextBytes(bits);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
      jdbc.update("insert into client_link (case_number, token, created_at) values (?, ?, ?)",
          caseNumber, token, Timestamp.from(clock.instant()));
      return Optional.of(url(token));
    }
    Link link = existing.get(0);
    return link.revoked() ? Optional.empty() : Optional.of(url(link.token()));
  }

  /** The case a live token opens, if any. */
  public Optional<String> caseFor(String token) {
    if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
      return Optional.empty();
    }
    return jdbc.queryForList("select case_number from client_link where token = ? and revoked_at is null",
        String.class, token).stream().findFirst();
  }

  /** A new secret for a running case's link (its client's address changed): the old link stops working. */
  public void renew(String caseNumber) {
    byte[] bits = new byte[32];
    random.nextBytes(bits);
    jdbc.update("update client_link set token = ? where case_number = ? and revoked_at is null",
        Base64.getUrlEncoder().withoutPadding().encodeToString(bits), caseNumber);
  }

  /** The case has ended: its link stops working. */
  public void revoke(String caseNumber) {
    jdbc.update("update client_link set revoked_at = ? where case_number = ? and revoked_at is null",
        Timestamp.from(clock.instant()), caseNumber);
  }

  private List<Link> find(String caseNumber) {
    return jdbc.query("select token, revoked_at from client_link where case_number = ?",
        (rs, row) -> new Link(rs.getString(1), rs.getTimestamp(2) != null), caseNumber);
  }

  private String url(String token) {
    return publicBaseUrl + "/c/" + token;
  }

  private record Link(String token, boolean revoked) {
  }
}
