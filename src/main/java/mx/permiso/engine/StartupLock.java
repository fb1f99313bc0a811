package mx.permiso.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.stereotype.Component;

/**
 * Nodes sharing a PostgreSQL database start one at a time. From the first step that writes to the
 * database (Flyway's migrations or the engine's tables, whichever comes first) until the
 * application has started, a node holds a database advisory lock; a node starting meanwhile waits.
 *
 * <p>Without it, two nodes starting at once on an empty database collide: Flyway's baseline of a
 * schema it finds not quite empty fails, the engine does not guard the creation of its tables, and
 * the access set-up ({@code AccessBootstrap}) checks before it writes, so both nodes would create
 * the Tasklist filters. The lock belongs to a transaction, so a node that dies holding it lets it
 * go with its connection. On H2, which serves one node, there is nothing to lock.
 *
 * <p>It is also Flyway's migration strategy, so the application's tables are migrated under it.
 */
@Component
public class StartupLock implements FlywayMigrationStrategy, ApplicationListener<ContextRefreshedEvent>,
    DisposableBean {

  /** Key of the advisory lock: any number; this one spells "permiso". */
  static final long KEY = 0x7065726d69736fL;

  private static final Logger LOG = LoggerFactory.getLogger(StartupLock.class);

  private final DataSource dataSource;
  private final NodeName node;
  private Connection holder;
  private boolean done;

  public StartupLock(DataSource dataSource, NodeName node) {
    this.dataSource = dataSource;
    this.node = node;
  }

  @Override
  public void migrate(Flyway flyway) {
    hold();
    flyway.migrate();
  }

  /** Takes the lock, waiting for another node to finish starting; does nothing once held or started. */
  public synchronized void hold() {
    if (holder != null || done) {
      return;
    }
    try {
      Connection connection = dataSource.getConnection();
      if (!connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
        connection.close();
        done = true;
        return;
      }
      // A transaction-level lock: whatever happens, the rollback that ends the transaction lets it go.
      connection.setAutoCommit(false);
      holder = connection;
      if (!lock(connection, "pg_try_advisory_xact_lock")) {
        LOG.info("Another node is starting on this database; node '{}' waits for it to finish", node);
        lock(connection, "pg_advisory_xact_lock");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot take the start-up lock on the database", e);
    }
  }

  /** The application has started: other nodes may start now. */
  @Override
  public void onApplicationEvent(ContextRefreshedEvent started) {
    release();
  }

  /** The application failed to start or is stopping. */
  @Override
  public void destroy() {
    release();
  }

  private synchronized void release() {
    done = true;
    if (holder == null) {
      return;
    }
    try (Connection connection = holder) {
      connection.rollback();
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      // The pool rolls back (or discards) a connection returned in a transaction: the lock goes too.
      LOG.warn("Could not end the start-up lock's transaction: {}", e.getMessage());
    } finally {
      holder = null;
    }
  }

  private static boolean lock(Connection connection, String function) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("select " + function + "(?)::text")) {
      statement.setLong(1, KEY);
      try (ResultSet result = statement.executeQuery()) {
        // pg_try_… answers whether it got the lock; pg_advisory_xact_lock answers (void) once it has it.
        return result.next() && "true".equals(result.getString(1));
      }
    }
  }
}
