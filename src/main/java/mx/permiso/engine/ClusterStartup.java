package mx.permiso.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Makes the engine one of several identical nodes on one database. It is built, its tables created
 * or checked, access set up and the models deployed while this node holds the {@link StartupLock}.
 * The node's name ({@link NodeName}) becomes the job executor's lock owner and the engine's host
 * name, so the job table and the job log ({@code /engine-rest/history/job-log}, {@code hostname})
 * tell which node holds or ran a job.
 */
@Component
public class ClusterStartup extends AbstractProcessEnginePlugin {

  private final StartupLock startupLock;
  private final NodeName node;

  public ClusterStartup(StartupLock startupLock, NodeName node) {
    this.startupLock = startupLock;
    this.node = node;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHostname(node.value());
    startupLock.hold();
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getJobExecutor() != null) {
      configuration.getJobExecutor().setLockOwner(node.value());
    }
  }
}
