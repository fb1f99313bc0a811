package mx.permiso.engine;

import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Two indexes on the engine's jobs for the question every node asks when it looks for jobs to run
 * (every few seconds when idle, after nearly every job it runs while jobs wait): jobs that are due
 * ({@code DUEDATE_ is null or DUEDATE_ <= now}) of which no other exclusive job of the same case is
 * running ({@code not exists} a job with {@code LOCK_EXP_TIME_ >= now}). The engine's schema has an
 * index for neither, so each look read the whole job table, two timers or more per open case: once
 * for the due jobs and once more, in the middle of a storm, to find the few jobs the nodes hold. The
 * lock expiry is null for every job no node holds, so its index holds only the jobs being run.
 * Measured in the reminder storm benchmark (docs/benchmarks.md) with and without each. Created, if
 * missing, when the engine has created or checked its tables, under the {@link StartupLock}.
 */
@Component
public class JobAcquisitionIndex extends AbstractProcessEnginePlugin {

  public static final String DUE = "permiso_job_due_idx";
  public static final String LOCK = "permiso_job_lock_idx";
  static final String CREATE_DUE = "create index if not exists " + DUE + " on act_ru_job (duedate_)";
  static final String CREATE_LOCK = "create index if not exists " + LOCK + " on act_ru_job (lock_exp_time_)";

  private DataSource dataSource;

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    dataSource = configuration.getDataSource();
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    jdbc.execute(CREATE_DUE);
    jdbc.execute(CREATE_LOCK);
  }
}
