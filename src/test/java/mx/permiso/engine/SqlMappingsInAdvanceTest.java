package mx.permiso.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlMappingsInAdvanceTest {

  @Test
  void theDatabaseTypeComesFromTheJdbcUrlOfTheDatabasesPermisoRunsOn() {
    assertThat(SqlMappingsInAdvance.databaseType(null, "jdbc:h2:file:./data/permiso;WRITE_DELAY=0")).isEqualTo("h2");
    assertThat(SqlMappingsInAdvance.databaseType(null, "jdbc:postgresql://db:5432/permiso")).isEqualTo("postgres");
  }

  @Test
  void aConfiguredDatabaseTypeWinsAndAnyOtherDatabaseIsLeftToTheEngine() {
    assertThat(SqlMappingsInAdvance.databaseType("postgres", "jdbc:h2:mem:x")).isEqualTo("postgres");
    assertThat(SqlMappingsInAdvance.databaseType(" ", "jdbc:postgresql://db/permiso")).isEqualTo("postgres");
    assertThat(SqlMappingsInAdvance.databaseType(null, "jdbc:mysql://db/permiso")).isNull();
    assertThat(SqlMappingsInAdvance.databaseType(null, null)).isNull();
  }
}
