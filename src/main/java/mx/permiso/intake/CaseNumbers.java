package mx.permiso.intake;

import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out case numbers {@code EXR-<year>-<sequence>}, the sequence restarting each year. The
 * counter row is locked by the update until the intake commits, so two nodes never hand out the
 * same number, and a refused intake hands out none.
 */
@Repository
public class CaseNumbers {

  private static final Pattern FORMAT = Pattern.compile("EXR-\\d{4}-\\d{4,6}");

  private final JdbcTemplate jdbc;
  private final TransactionTemplate separately;

  public CaseNumbers(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.separately = new TransactionTemplate(transactions);
    this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Whether the text has the form of a case number ({@code EXR-2026-0001}). */
  public static boolean isCaseNumber(String text) {
    return text != null && FORMAT.matcher(text).matches();
  }

  /**
   * The next number of the year, taken inside the intake's transaction: the counter row stays
   * locked until it ends, so a number is handed out once and only if the intake commits. The
   * year's counter must exist ({@link #ensureCounter(int)}).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public String next(int year) {
    int updated = jdbc.update("update case_number_counter set last_value = last_value + 1 where counter_year = ?", year);
    if (updated != 1) {
      throw new IllegalStateException("No case number counter for " + year);
    }
    Integer value = jdbc.queryForObject("select last_value from case_number_counter where counter_year = ?",
        Integer.class, year);
    return String.format("EXR-%d-%04d", year, value);
  }

  /**
   * Creates the year's counter row if it is missing, in a transaction of its own taken before the
   * intake's: if another node creates it at the same moment, only that little transaction fails,
   * and no intake holds a connection while waiting for a second one (a burst of first intakes on a
   * new database would otherwise take the whole pool and wait on itself).
   */
  @Transactional(propagation = Propagation.NOT_SUPPORTED)
  public void ensureCounter(int year) {
    Integer rows = jdbc.queryForObject("select count(*) from case_number_counter where counter_year = ?",
        Integer.class, year);
    if (rows != null && rows > 0) {
      return;
    }
    try {
      separately.executeWithoutResult(status ->
          jdbc.update("insert into case_number_counter (counter_year, last_value) values (?, 0)", year));
    } catch (DuplicateKeyException anotherNodeWasFirst) {
      // the row exists now, which is all we need
    }
  }
}
