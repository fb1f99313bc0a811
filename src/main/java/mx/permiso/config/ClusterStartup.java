package mx.permiso.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes the engine one of several identical nodes on one database.
 *
 * <p>Nodes start one at a time: on PostgreSQL the engine is built, its tables created or checked,
 * access set up ({@code AccessBootstrap}) and the models deployed ({@code ModelDeployment}) while
 * this node holds a database advisory lock; a node starting meanwhile waits for it. The engine
 * itself does not guard the creation of its tables, and the access set-up checks before it writes,
 * so two nodes starting at once on an empty database would otherwise collide or write things twice.
 * The lock is the database's, held by a transaction: a node that dies while holding it lets it go
 * with its connection.
 *
 * <p>The node's name ({@link NodeName}) becomes the job executor's lock owner and the engine's host
 * name, so the job table and the job log ({@code /engine-rest/history/job-log}, {@code hostname})
 * tell which node holds or ran a job.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class ClusterStartup extends AbstractProcessEnginePlugin {

  /** Key of the advisory lock: any number; this one spells "permiso". */
  static final long STARTUP_LOCK = 0x7065726d69736fL;

  private static final Logger LOG = LoggerFactory.getLogger(ClusterStartup.class);

  private final DataSource dataSource;
  private final NodeName node;
  private Connection lockHolder;

  public ClusterStartup(DataSource dataSource, NodeName node) {
    this.dataSource = dataSource;
    this.node = node;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHostname(node.value());
    lockStartup();
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getJobExecutor() != null) {
      configuration.getJobExecutor().setLockOwner(node.value());
    }
  }

  /** Runs after every other plugin (this one is ordered last): the engine is ready, other nodes may start. */
  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    unlockStartup();
  }

  private void lockStartup() {
    try {
      Connection connection = dataSource.getConnection();
      if (!connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
        connection.close();   // H2 serves one node only
        return;
      }
      // A transaction-level lock: whatever happens, the rollback that ends the transaction lets it go.
      connection.setAutoCommit(false);
      lockHolder = connection;
      if (!advisoryLock(connection, "pg_try_advisory_xact_lock")) {
        LOG.info("Another node is starting on this database; node '{}' waits for it to finish", node);
        advisoryLock(connection, "pg_advisory_xact_lock");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot take the start-up lock on the database", e);
    }
  }

  private void unlockStartup() {
    if (lockHolder == null) {
      return;
    }
    try (Connection connection = lockHolder) {
      connection.rollback();
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      // The pool rolls back (or discards) a connection returned in a transaction: the lock goes too.
      LOG.warn("Could not end the start-up lock's transaction: {}", e.getMessage());
    } finally {
      lockHolder = null;
    }
  }

  private static boolean advisoryLock(Connection connection, String function) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("select " + function + "(?)::text")) {
      statement.setLong(1, STARTUP_LOCK);
      try (ResultSet result = statement.executeQuery()) {
        // pg_try_… answers whether it got the lock; pg_advisory_xact_lock answers (void) once it has it.
        return result.next() && "true".equals(result.getString(1));
      }
    }
  }
}
