package mx.permiso.config;

import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An index on the due date of the engine's jobs. Each time a node looks for jobs to run, the engine
 * asks for jobs that are due ({@code DUEDATE_ is null or DUEDATE_ <= now}); the engine's schema has
 * no index for that, so every look read the whole job table: two timers or more per open case,
 * 15 ms at 5,000 open cases and growing with the caseload, on every node every few seconds and
 * continuously while jobs run (docs/benchmarks.md). Created, if missing, when the engine has
 * created or checked its tables, under the {@link StartupLock}.
 */
@Component
public class JobAcquisitionIndex extends AbstractProcessEnginePlugin {

  static final String CREATE = "create index if not exists permiso_job_due_idx on act_ru_job (duedate_)";
  private static final Logger LOG = LoggerFactory.getLogger(JobAcquisitionIndex.class);

  private DataSource dataSource;

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    dataSource = configuration.getDataSource();
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    new JdbcTemplate(dataSource).execute(CREATE);
    LOG.debug("Job acquisition index in place");
  }
}
