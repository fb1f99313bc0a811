package mx.permiso.retention;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the firm keeps a finished case's documents and personal data
 * ({@code permiso.retention.*}).
 *
 * @param keepFor time after a case ends (closed, cancelled, declined, not issued) before its
 *     documents and personal data are removed
 * @param cron when the nightly purge runs (Spring cron, in permiso.business-time-zone)
 * @param batchSize cases purged per transaction
 */
@ConfigurationProperties("permiso.retention")
public record RetentionSettings(Period keepFor, String cron, int batchSize) {
}
