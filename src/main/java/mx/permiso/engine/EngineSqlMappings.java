package mx.permiso.engine;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.apache.ibatis.builder.xml.XMLConfigBuilder;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.TransactionIsolationLevel;
import org.apache.ibatis.session.defaults.DefaultSqlSessionFactory;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ReflectUtil;
import org.springframework.stereotype.Component;

/**
 * The engine's SQL mappings, read while Spring builds the rest of the application. At every start
 * the engine reads its MyBatis mapping files (57 XML files, read with XPath) on the main thread,
 * once Spring's context is mostly built: a quarter of a restart (docs/benchmarks.md, "Where a
 * restart's time goes"). {@link SqlMappingsInAdvance} starts reading them on a second thread as
 * soon as the settings are known, for the database the JDBC URL names; the engine takes them when
 * it first opens a session, if they were read for the database type and table prefix it found
 * itself, and reads them then as it always does otherwise. Nothing else changes: the same file, the
 * same properties ({@link ProcessEngineConfigurationImpl#initSqlSessionFactoryProperties}), the
 * engine's transaction factory, data source, statement timeout and batch setting.
 */
@Component
public class EngineSqlMappings extends AbstractProcessEnginePlugin {

  private static final Map<String, Future<Configuration>> READING = new ConcurrentHashMap<>();

  /** Starts reading the mappings for this database type and table prefix on a thread of their own, unless already started. */
  static void readInAdvance(String databaseType, String tablePrefix) {
    READING.computeIfAbsent(key(databaseType, tablePrefix), key -> {
      FutureTask<Configuration> reading = new FutureTask<>(() -> read(databaseType, tablePrefix));
      Thread thread = new Thread(reading, "engine-sql-mappings");
      thread.setDaemon(true);
      thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
      thread.start();
      return reading;
    });
  }

  /** Whether mappings read in advance wait for this database type and table prefix (for tests). */
  static boolean waiting(String databaseType, String tablePrefix) {
    return READING.containsKey(key(databaseType, tablePrefix));
  }

  /** The mappings read in advance for this database type and table prefix, or read now if none were. */
  static Configuration take(String databaseType, String tablePrefix) {
    Future<Configuration> reading = READING.remove(key(databaseType, tablePrefix));
    if (reading != null) {
      try {
        return reading.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        // read again below: the engine then fails with its own message if the mappings cannot be read
      }
    }
    return read(databaseType, tablePrefix);
  }

  /** Reads the mappings the way the engine does ({@code ProcessEngineConfigurationImpl.initSqlSessionFactory}). */
  static Configuration read(String databaseType, String tablePrefix) {
    try (InputStream stream = ReflectUtil.getResourceAsStream(ProcessEngineConfigurationImpl.DEFAULT_MYBATIS_MAPPING_FILE);
        Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
      Properties properties = new Properties();
      properties.put("prefix", tablePrefix);
      ProcessEngineConfigurationImpl.initSqlSessionFactoryProperties(properties, tablePrefix, databaseType);
      return new XMLConfigBuilder(reader, "", properties).parse();
    } catch (Exception e) {
      throw new ProcessEngineException("Error while building ibatis SqlSessionFactory: " + e.getMessage(), e);
    }
  }

  private static String key(String databaseType, String tablePrefix) {
    return databaseType + "|" + tablePrefix;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getSqlSessionFactory() == null) {
      configuration.setSqlSessionFactory(new SessionsOnFirstUse(configuration));
    }
  }

  /**
   * The engine's session factory, built when the engine first opens a session: by then the engine
   * knows its database type, transaction factory and data source.
   */
  static final class SessionsOnFirstUse implements SqlSessionFactory {

    private final ProcessEngineConfigurationImpl engine;
    private volatile SqlSessionFactory sessions;

    SessionsOnFirstUse(ProcessEngineConfigurationImpl engine) {
      this.engine = engine;
    }

    private SqlSessionFactory sessions() {
      SqlSessionFactory built = sessions;
      if (built == null) {
        synchronized (this) {
          if (sessions == null) {
            sessions = build();
          }
          built = sessions;
        }
      }
      return built;
    }

    private SqlSessionFactory build() {
      String tablePrefix = Objects.requireNonNullElse(engine.getDatabaseTablePrefix(), "");
      Configuration mappings = take(engine.getDatabaseType(), tablePrefix);
      mappings.setEnvironment(new Environment("default", engine.getTransactionFactory(), engine.getDataSource()));
      mappings.setDefaultStatementTimeout(engine.getJdbcStatementTimeout());
      if (engine.isJdbcBatchProcessing()) {
        mappings.setDefaultExecutorType(ExecutorType.BATCH);
      }
      return new DefaultSqlSessionFactory(mappings);
    }

    @Override
    public Configuration getConfiguration() {
      return sessions().getConfiguration();
    }

    @Override
    public SqlSession openSession() {
      return sessions().openSession();
    }

    @Override
    public SqlSession openSession(boolean autoCommit) {
      return sessions().openSession(autoCommit);
    }

    @Override
    public SqlSession openSession(Connection connection) {
      return sessions().openSession(connection);
    }

    @Override
    public SqlSession openSession(TransactionIsolationLevel level) {
      return sessions().openSession(level);
    }

    @Override
    public SqlSession openSession(ExecutorType execType) {
      return sessions().openSession(execType);
    }

    @Override
    public SqlSession openSession(ExecutorType execType, boolean autoCommit) {
      return sessions().openSession(execType, autoCommit);
    }

    @Override
    public SqlSession openSession(ExecutorType execType, TransactionIsolationLevel level) {
      return sessions().openSession(execType, level);
    }

    @Override
    public SqlSession openSession(ExecutorType execType, Connection connection) {
      return sessions().openSession(execType, connection);
    }
  }
}
