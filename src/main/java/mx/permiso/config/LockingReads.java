package mx.permiso.config;

import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * How a query takes rows for itself when several nodes take work from one table (the outbox, the
 * retention purge): on PostgreSQL, {@code for update skip locked} passes over rows another node
 * holds; H2 serves a single node, where {@code for update} is enough.
 */
public final class LockingReads {

  private LockingReads() {
  }

  /** The clause that ends a query taking rows for this node on this database. */
  public static String forUpdateClause(DataSource dataSource) throws MetaDataAccessException {
    String product = JdbcUtils.extractDatabaseMetaData(dataSource, metaData -> metaData.getDatabaseProductName());
    return product.toLowerCase().contains("postgres") ? " for update skip locked" : " for update";
  }
}
