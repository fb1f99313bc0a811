package mx.permiso.config;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Tells a transaction that lost a race for a lock from one that failed for good: a lock wait that
 * timed out (H2), a deadlock or a serialization failure (PostgreSQL), or the engine's optimistic
 * locking. The database has then rolled the whole transaction back, so trying it again is safe,
 * and may well succeed. Found anywhere among the causes, as the engine wraps what the driver says.
 */
@Component
public class LockConflicts {

  private static final Logger LOG = LoggerFactory.getLogger(LockConflicts.class);
  private static final int DEEPEST_CAUSE = 20;

  private final SQLExceptionTranslator translator;

  public LockConflicts(DataSource dataSource) {
    this.translator = new SQLErrorCodeSQLExceptionTranslator(dataSource);
  }

  /**
   * Runs the work in a transaction, and again in a new one each time it loses a race for a lock, at
   * most {@code attempts} times in all; then, or on any other failure, the failure is thrown. No wait
   * between tries: waiting in the database's lock queue is the backoff.
   */
  public <T> T inTransaction(TransactionOperations transaction, int attempts, String what, TransactionCallback<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.execute(work);
      } catch (RuntimeException e) {
        if (attempt >= attempts || !isLockConflict(e)) {
          throw e;
        }
        LOG.info("{} lost the race for a lock and is tried again ({} of {}): {}", what, attempt + 1, attempts,
            e.toString());
      }
    }
  }

  public boolean isLockConflict(Throwable failure) {
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < DEEPEST_CAUSE; depth++) {
      if (cause instanceof PessimisticLockingFailureException || cause instanceof OptimisticLockingException) {
        return true;
      }
      if (cause instanceof SQLException sql && isLockConflict(sql)) {
        return true;
      }
      cause = cause.getCause();
    }
    return false;
  }

  /** The driver's own error, and the ones a batch chains to it (the engine flushes in batches). */
  private boolean isLockConflict(SQLException sql) {
    SQLException next = sql;
    for (int depth = 0; next != null && depth < DEEPEST_CAUSE; depth++) {
      if (translator.translate("", null, next) instanceof PessimisticLockingFailureException) {
        return true;
      }
      next = next.getNextException();
    }
    return false;
  }
}
