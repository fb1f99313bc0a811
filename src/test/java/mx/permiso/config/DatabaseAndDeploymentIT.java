package mx.permiso.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import mx.permiso.PermisoApplication;
import mx.permiso.engine.JobAcquisitionIndex;
import mx.permiso.support.TestPostgres;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The application on a real PostgreSQL: schema, migrations, deployed models, restarts. */
class DatabaseAndDeploymentIT {

  private final TestPostgres.Database database = TestPostgres.newDatabase();

  @Test
  void startsOnPostgresWithEngineSchemaFlywayTablesAndEveryModelDeployed() throws Exception {
    try (ConfigurableApplicationContext app = start()) {
      try (Connection connection = database.connect()) {
        assertThat(tables(connection)).contains(
            "act_re_procdef", "act_re_deployment", "act_ge_bytearray", "act_ru_task", "act_ru_job",
            "act_hi_procinst", "act_id_user", "act_ru_authorization",
            "flyway_schema_history", "audit_event");
        assertThat(successfulMigrations(connection)).contains("1");
      }

      RepositoryService repository = app.getBean(ProcessEngine.class).getRepositoryService();
      String deploymentId = repository.createDeploymentQuery().deploymentName(ModelDeployment.DEPLOYMENT_NAME)
          .singleResult().getId();
      Map<String, byte[]> deployed = new TreeMap<>();
      for (Resource resource : repository.getDeploymentResources(deploymentId)) {
        deployed.put(resource.getName(), repository.getResourceAsStream(deploymentId, resource.getName()).readAllBytes());
      }
      Map<String, byte[]> onDisk = modelFiles();
      assertThat(onDisk).isNotEmpty();
      assertThat(deployed.keySet()).containsExactlyElementsOf(onDisk.keySet());
      onDisk.forEach((name, bytes) -> assertThat(deployed.get(name)).as(name).isEqualTo(bytes));

      assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("exit-reentry-permit").count()).isOne();
      assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("permit-requirements").count()).isOne();
      assertThat(app.getBean(ProcessEngine.class).getFormService()).isNotNull();
      assertThat(deployed).containsKey("forms/review-intake.form");
    }
  }

  @Test
  void theEngineLooksForDueJobsThroughIndexesNotByReadingTheWholeJobTable() throws Exception {
    try (ConfigurableApplicationContext app = start(); Connection connection = database.connect()) {
      try (var statement = connection.createStatement()) {
        // The engine's own question when it looks for jobs (its mapping selectNextJobsToExecute, in two parts:
        // the due jobs, and the running exclusive jobs that rule out others of their case); with sequential
        // scans ruled out, each plan shows whether an index can answer that part at all.
        statement.execute("set enable_seqscan = off");
        assertThat(plan(statement, "select RES.ID_ from ACT_RU_JOB RES where (RES.RETRIES_ > 0) "
            + "and (RES.DUEDATE_ is null or RES.DUEDATE_ <= now()) and (RES.LOCK_OWNER_ is null "
            + "or RES.LOCK_EXP_TIME_ < now()) and RES.SUSPENSION_STATE_ = 1 limit 6")).contains(JobAcquisitionIndex.DUE);
        assertThat(plan(statement, "select J2.ID_ from ACT_RU_JOB J2 where (J2.EXCLUSIVE_ = true) "
            + "and (J2.LOCK_OWNER_ is not null and J2.LOCK_EXP_TIME_ >= now())")).contains(JobAcquisitionIndex.LOCK);
      }
    }
  }

  private static String plan(Statement statement, String query) throws SQLException {
    StringBuilder text = new StringBuilder();
    try (ResultSet plan = statement.executeQuery("explain " + query)) {
      while (plan.next()) {
        text.append(plan.getString(1)).append('\n');
      }
    }
    return text.toString();
  }

  @Test
  void restartWithUnchangedModelsCreatesNoNewVersions() {
    List<String> before;
    try (ConfigurableApplicationContext first = start()) {
      before = versions(first.getBean(ProcessEngine.class));
    }
    try (ConfigurableApplicationContext second = start()) {
      RepositoryService repository = second.getBean(ProcessEngine.class).getRepositoryService();
      assertThat(versions(second.getBean(ProcessEngine.class))).isEqualTo(before);
      assertThat(repository.createDeploymentQuery().count()).isOne();
      assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("exit-reentry-permit")
          .latestVersion().singleResult().getVersion()).isOne();
    }
  }

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(PermisoApplication.class).run(
        "--server.port=0",
        "--spring.datasource.url=" + database.url(),
        "--spring.datasource.username=" + database.username(),
        "--spring.datasource.password=" + database.password(),
        "--camunda.bpm.admin-user.password=restart-test-secret",
        "--camunda.bpm.job-execution.enabled=false");
  }

  private static List<String> versions(ProcessEngine engine) {
    List<String> versions = new ArrayList<>();
    for (ProcessDefinition definition : engine.getRepositoryService().createProcessDefinitionQuery()
        .orderByProcessDefinitionKey().asc().orderByProcessDefinitionVersion().asc().list()) {
      versions.add(definition.getId());
    }
    engine.getRepositoryService().createDecisionDefinitionQuery().list()
        .forEach(decision -> versions.add(decision.getId()));
    return versions;
  }

  /** Every file in the top-level processes/ and forms/ folders, by its path there. */
  private static Map<String, byte[]> modelFiles() throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    for (String folder : List.of("processes", "forms")) {
      try (Stream<Path> paths = Files.walk(Path.of(folder))) {
        for (Path path : paths.filter(Files::isRegularFile).toList()) {
          files.put(path.toString().replace('\\', '/'), Files.readAllBytes(path));
        }
      }
    }
    return files;
  }

  private static List<String> tables(Connection connection) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = connection.createStatement().executeQuery(
        "select table_name from information_schema.tables where table_schema = 'public'")) {
      while (rs.next()) {
        tables.add(rs.getString(1).toLowerCase());
      }
    }
    return tables;
  }

  private static List<String> successfulMigrations(Connection connection) throws SQLException {
    List<String> versions = new ArrayList<>();
    try (ResultSet rs = connection.createStatement().executeQuery(
        "select version from flyway_schema_history where success and version is not null")) {
      while (rs.next()) {
        versions.add(rs.getString(1));
      }
    }
    return versions;
  }
}
