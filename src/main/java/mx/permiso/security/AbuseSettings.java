package mx.permiso.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits on the public surface ({@code permiso.abuse.*}): how often one address may start a case
 * or upload a file, and how large a form or JSON body may be. Uploads are bounded by
 * {@code spring.servlet.multipart.max-request-size}.
 *
 * @param intakesPerAddress intakes (page or API, accepted or not) one address may send per window; then 429
 * @param uploadsPerAddress document uploads one address may send per window
 * @param actionsPerAddress other case page changes (documents submitted, re-entry...) one address may send per window
 * @param window the period the counts above cover (kept per node; an IPv6 client counts by its /64)
 * @param maxFormSize the largest intake, JSON body or case page form accepted (413 beyond)
 * @param trackedAddresses addresses remembered at most; beyond that the oldest counts are dropped
 * @param bodiesInProgressPerAddress requests with a body (any path, the web apps' login too) one address may have in
 *     progress at once; more are refused at once with 503 (behind a proxy set permiso.trusted-proxies, or all
 *     clients share the proxy's count)
 * @param bodyDeadline how long a request body may take to arrive; then it is given up on (one log line);
 *     server.tomcat.connection-timeout bounds each wait for a byte
 */
@ConfigurationProperties("permiso.abuse")
public record AbuseSettings(
    int intakesPerAddress,
    int uploadsPerAddress,
    int actionsPerAddress,
    Duration window,
    DataSize maxFormSize,
    int trackedAddresses,
    int bodiesInProgressPerAddress,
    Duration bodyDeadline) {
}
