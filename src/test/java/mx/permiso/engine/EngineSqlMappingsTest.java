package mx.permiso.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.Test;

class EngineSqlMappingsTest {

  @Test
  void mappingsReadInAdvanceAreTakenOnceForTheirDatabaseAndPrefix() {
    EngineSqlMappings.readInAdvance("h2", "advance_");
    assertThat(EngineSqlMappings.waiting("h2", "advance_")).isTrue();

    Configuration mappings = EngineSqlMappings.take("h2", "advance_");

    assertThat(EngineSqlMappings.waiting("h2", "advance_")).isFalse();
    assertThat(sqlOf(mappings, "selectProperty")).contains("from advance_ACT_GE_PROPERTY");
  }

  @Test
  void mappingsNotReadInAdvanceAreReadWhenTakenWithTheDatabasesOwnSql() {
    Configuration postgres = EngineSqlMappings.take("postgres", "other_");
    Configuration h2 = EngineSqlMappings.take("h2", "other_");

    assertThat(sqlOf(postgres, "selectProperty")).contains("from other_ACT_GE_PROPERTY");
    // the engine's "bitand" differs between the two: the properties were those of the database asked for
    assertThat(postgres.getVariables().getProperty("bitand1")).isNotEqualTo(h2.getVariables().getProperty("bitand1"));
  }

  @Test
  void anEngineTakesTheMappingsReadInAdvanceAndHasEveryStatementItWouldHaveReadItself() {
    ProcessEngine own = engine("own", false);
    int ownStatements = ((ProcessEngineConfigurationImpl) own.getProcessEngineConfiguration())
        .getSqlSessionFactory().getConfiguration().getMappedStatementNames().size();
    own.close();

    EngineSqlMappings.readInAdvance("h2", "");
    ProcessEngine engine = engine("advance", true);
    try {
      ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
      assertThat(EngineSqlMappings.waiting("h2", "")).isFalse();
      assertThat(configuration.getSqlSessionFactory()).isInstanceOf(EngineSqlMappings.SessionsOnFirstUse.class);
      assertThat(configuration.getSqlSessionFactory().getConfiguration().getMappedStatementNames()).hasSize(ownStatements);
      assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isZero();
    } finally {
      engine.close();
    }
  }

  private static ProcessEngine engine(String name, boolean withPlugin) {
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setProcessEngineName("sql-mappings-" + name);
    configuration.setJdbcUrl("jdbc:h2:mem:sql-mappings-" + name + ";DB_CLOSE_DELAY=-1");
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
    configuration.setJobExecutorActivate(false);
    if (withPlugin) {
      configuration.setProcessEnginePlugins(List.of(new EngineSqlMappings()));
    }
    return configuration.buildProcessEngine();
  }

  private static String sqlOf(Configuration mappings, String statement) {
    return mappings.getMappedStatement(statement).getBoundSql("name").getSql();
  }
}
