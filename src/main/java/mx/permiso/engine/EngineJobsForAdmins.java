package mx.permiso.engine;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.AuthorizationCommandChecker;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobDefinitionStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobStateCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDefinitionPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobListener;
import org.camunda.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.camunda.bpm.engine.impl.persistence.entity.JobDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

/**
 * Only administrators may run, reschedule, retry, reprioritise, suspend or delete the engine's own
 * jobs (history cleanup, batches: jobs of no process definition). The engine checks a job's
 * authorizations through its process definition and skips the check for jobs that have none, so any
 * staff user could otherwise stop the history cleanup; case jobs keep the engine's checks, so managers
 * still retry a failed case job.
 */
@Component
public class EngineJobsForAdmins extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = configuration.getCustomPostCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
    interceptors.add(new ChangesToEngineJobs());
    configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandChecker> checkers = new ArrayList<>();
    for (CommandChecker checker : configuration.getCommandCheckers()) {
      checkers.add(checker.getClass() == AuthorizationCommandChecker.class ? new Checker() : checker);
    }
    configuration.setCommandCheckers(checkers);
  }

  /** A job of no process definition belongs to the engine. */
  static boolean isEngineJob(JobEntity job) {
    return job.getProcessDefinitionKey() == null;
  }

  /** The engine's checks, with the administrators' rule for its own jobs. */
  static class Checker extends AuthorizationCommandChecker {

    @Override
    public void checkUpdateJob(JobEntity job) {
      if (isEngineJob(job)) {
        getAuthorizationManager().checkCamundaAdmin();
      }
      super.checkUpdateJob(job);
    }

    @Override
    public void checkUpdateRetriesJob(JobEntity job) {
      if (isEngineJob(job)) {
        getAuthorizationManager().checkCamundaAdmin();
      }
      super.checkUpdateRetriesJob(job);
    }
  }

  /**
   * Commands on jobs that the checker above does not see: suspending or activating a job, and changing a
   * job definition's jobs (suspension, retries, priority), which check only the process instance and
   * definition, so nothing for the engine's own; the commands name the job or job definition in fields of
   * their own, read here before they run. And a refused run of a job by hand is not its failure.
   */
  static class ChangesToEngineJobs extends CommandInterceptor {

    private static final Field FAILURE = field(FailedJobListener.class, "jobFailureCollector");
    private static final Field JOB_ID = field(AbstractSetJobStateCmd.class, "jobId");
    private static final Field JOB_STATE_DEFINITION_ID = field(AbstractSetJobStateCmd.class, "jobDefinitionId");
    private static final Field DEFINITION_STATE_DEFINITION_ID =
        field(AbstractSetJobDefinitionStateCmd.class, "jobDefinitionId");
    private static final Field RETRIES_DEFINITION_ID = field(SetJobRetriesCmd.class, "jobDefinitionId");
    private static final Field PRIORITY_DEFINITION_ID = field(SetJobDefinitionPriorityCmd.class, "jobDefinitionId");

    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof FailedJobListener
          && ((JobFailureCollector) read(FAILURE, command)).getFailure() instanceof AuthorizationException) {
        // A job run by hand is checked only once the engine has taken it up, and a refusal then counted as
        // a failed attempt, costing the job a retry; a refused run never ran, so it changes nothing.
        return null;
      }
      if (command instanceof AbstractSetJobStateCmd) {
        requireAdminForEngineJob((String) read(JOB_ID, command));
        requireAdminForEngineJobDefinition((String) read(JOB_STATE_DEFINITION_ID, command));
      } else if (command instanceof AbstractSetJobDefinitionStateCmd) {
        requireAdminForEngineJobDefinition((String) read(DEFINITION_STATE_DEFINITION_ID, command));
      } else if (command instanceof SetJobRetriesCmd) {
        // By job id the checker above decides; by job definition the engine checks only its process definition.
        requireAdminForEngineJobDefinition((String) read(RETRIES_DEFINITION_ID, command));
      } else if (command instanceof SetJobDefinitionPriorityCmd) {
        requireAdminForEngineJobDefinition((String) read(PRIORITY_DEFINITION_ID, command));
      }
      return next.execute(command);
    }

    private static void requireAdminForEngineJob(String jobId) {
      if (jobId == null) {
        return;
      }
      CommandContext context = Context.getCommandContext();
      JobEntity job = context.getJobManager().findJobById(jobId);
      if (job != null && isEngineJob(job)) {
        context.getAuthorizationManager().checkCamundaAdmin();
      }
    }

    private static void requireAdminForEngineJobDefinition(String jobDefinitionId) {
      if (jobDefinitionId == null) {
        return;
      }
      CommandContext context = Context.getCommandContext();
      JobDefinitionEntity definition = context.getJobDefinitionManager().findById(jobDefinitionId);
      if (definition != null && definition.getProcessDefinitionKey() == null) {
        context.getAuthorizationManager().checkCamundaAdmin();
      }
    }

    private static Field field(Class<?> type, String name) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException("The engine's " + type.getSimpleName() + " has no field " + name, e);
      }
    }

    private static Object read(Field field, Object command) {
      try {
        return field.get(command);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
