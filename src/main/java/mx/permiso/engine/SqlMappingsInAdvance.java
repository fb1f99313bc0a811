package mx.permiso.engine;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Starts reading the engine's SQL mappings ({@link EngineSqlMappings}) as soon as the settings are
 * known, before any bean exists: the database type from {@code camunda.bpm.database.type} or the
 * JDBC URL (H2 and PostgreSQL, the databases Permiso runs on; for any other the engine reads them
 * itself), the table prefix from {@code camunda.bpm.database.table-prefix}. Registered in
 * {@code META-INF/spring.factories}, so it runs before the application context is built.
 */
public class SqlMappingsInAdvance implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    Environment settings = event.getEnvironment();
    String databaseType = databaseType(settings.getProperty("camunda.bpm.database.type"),
        settings.getProperty("spring.datasource.url"));
    if (databaseType != null) {
      EngineSqlMappings.readInAdvance(databaseType, settings.getProperty("camunda.bpm.database.table-prefix", ""));
    }
  }

  /** The engine's name for the database, or null when neither setting names one Permiso runs on. */
  static String databaseType(String configuredType, String jdbcUrl) {
    if (configuredType != null && !configuredType.isBlank()) {
      return configuredType.trim();
    }
    if (jdbcUrl == null) {
      return null;
    }
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return "h2";
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return "postgres";
    }
    return null;
  }
}
