package mx.permiso.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On a real H2 database: a lock wait that timed out is a lock conflict, whether the driver's error
 * arrives as it is, translated by Spring, or wrapped by the engine; a broken rule is not.
 */
class LockConflictsTest {

  private final JdbcDataSource dataSource = new JdbcDataSource();
  private Connection holder;
  private LockConflicts conflicts;

  @BeforeEach
  void holdARow() throws SQLException {
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=100");
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    jdbc.execute("create table counter (id int primary key, last_value int)");
    jdbc.update("insert into counter values (1, 0)");
    holder = dataSource.getConnection();
    holder.setAutoCommit(false);
    holder.createStatement().executeUpdate("update counter set last_value = last_value + 1 where id = 1");
    conflicts = new LockConflicts(dataSource);
  }

  @AfterEach
  void release() throws SQLException {
    holder.rollback();
    holder.close();
    new JdbcTemplate(dataSource).execute("shutdown");
  }

  @Test
  void aLockWaitThatTimedOutIsALockConflictHoweverItIsWrapped() throws SQLException {
    Throwable translated = catchThrowable(() ->
        new JdbcTemplate(dataSource).update("update counter set last_value = last_value + 1 where id = 1"));
    SQLException raw;
    try (Connection waiting = dataSource.getConnection()) {
      raw = (SQLException) catchThrowable(() ->
          waiting.createStatement().executeUpdate("update counter set last_value = last_value + 1 where id = 1"));
    }

    assertThat((Throwable) raw).as("H2 gave up waiting").isNotNull();
    assertThat(conflicts.isLockConflict(raw)).isTrue();
    assertThat(conflicts.isLockConflict(translated)).as(String.valueOf(translated)).isTrue();
    assertThat(conflicts.isLockConflict(new ProcessEngineException("flush failed", raw))).as("as the engine wraps it")
        .isTrue();
    assertThat(conflicts.isLockConflict(new OptimisticLockingException("the engine's own"))).isTrue();
  }

  @Test
  void aBrokenRuleOrAnyOtherFailureIsNot() {
    Throwable duplicate = catchThrowable(() -> new JdbcTemplate(dataSource).update("insert into counter values (2, 0), (2, 0)"));

    assertThat(duplicate).isNotNull();
    assertThat(conflicts.isLockConflict(duplicate)).isFalse();
    assertThat(conflicts.isLockConflict(new IllegalStateException("no counter"))).isFalse();
  }

  @Test
  void aTransactionThatLosesTheRaceIsTriedAgainUntilTheLockIsFreeAndNoMoreThanAllowed() {
    TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    AtomicInteger tries = new AtomicInteger();

    Throwable gaveUp = catchThrowable(() -> conflicts.inTransaction(transaction, 3, "A test", status -> {
      tries.incrementAndGet();
      return jdbc.update("update counter set last_value = last_value + 1 where id = 1");
    }));
    assertThat(conflicts.isLockConflict(gaveUp)).as(String.valueOf(gaveUp)).isTrue();
    assertThat(tries).as("three tries in all").hasValue(3);

    tries.set(0);
    int updated = conflicts.inTransaction(transaction, 3, "A test", status -> {
      if (tries.incrementAndGet() == 2) {
        releaseTheRow();
      }
      return jdbc.update("update counter set last_value = last_value + 1 where id = 1");
    });
    assertThat(updated).isOne();
    assertThat(tries).as("tried again once the row was free").hasValue(2);
    assertThat(jdbc.queryForObject("select last_value from counter", Integer.class)).isOne();
  }

  private void releaseTheRow() {
    try {
      holder.rollback();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void anyOtherFailureIsNotTriedAgain() {
    TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    AtomicInteger tries = new AtomicInteger();

    Throwable failure = catchThrowable(() -> conflicts.inTransaction(transaction, 3, "A test", status -> {
      tries.incrementAndGet();
      throw new IllegalStateException("no counter");
    }));

    assertThat(failure).isInstanceOf(IllegalStateException.class);
    assertThat(tries).hasValue(1);
  }
}
