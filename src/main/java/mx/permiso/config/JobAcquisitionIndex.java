package mx.permiso.config;

import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An index on the due date of the engine's jobs. Each time a node looks for jobs to run, the engine
 * asks for jobs that are due ({@code DUEDATE_ is null or DUEDATE_ <= now}); the engine's schema has
 * no index for that, so every look read the whole job table (two timers or more per open case):
 * 15 ms with 24,000 jobs against 0.3 ms with the index, on every node every few seconds and
 * continuously while jobs run (docs/benchmarks.md, reminder storm). Created, if missing, when the engine has
 * created or checked its tables, under the {@link StartupLock}.
 */
@Component
public class JobAcquisitionIndex extends AbstractProcessEnginePlugin {

  static final String CREATE = "create index if not exists permiso_job_due_idx on act_ru_job (duedate_)";

  private DataSource dataSource;

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    dataSource = configuration.getDataSource();
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    new JdbcTemplate(dataSource).execute(CREATE);
  }
}
