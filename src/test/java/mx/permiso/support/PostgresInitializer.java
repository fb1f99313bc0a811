package mx.permiso.support;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points an application context at a fresh embedded PostgreSQL database. */
public class PostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    TestPostgres.Database database = TestPostgres.newDatabaseForSpringTest();
    TestPropertyValues.of(
        "spring.datasource.url=" + database.url(),
        "spring.datasource.username=" + database.username(),
        "spring.datasource.password=" + database.password()
    ).applyTo(context.getEnvironment());
  }
}
