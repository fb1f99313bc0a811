package mx.permiso.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetExecutionVariableCmd;
import org.camunda.bpm.engine.impl.cmd.GetExecutionVariableTypedCmd;
import org.camunda.bpm.engine.impl.cmd.GetExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmdTyped;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Tells the engine which of its failures are the caller's mistake, so it answers them as such (the REST
 * API with a 4xx) and logs them as such (at debug, no stack trace at error level): reading the variables
 * of a task or execution that is no more (done, ended) is "not found", not a null value inside the engine.
 */
@Component
public class CallersMistakes extends AbstractProcessEnginePlugin {

  private static final Set<Class<?>> VARIABLE_READS = Set.of(GetExecutionVariableCmd.class,
      GetExecutionVariableTypedCmd.class, GetExecutionVariablesCmd.class, GetTaskVariableCmd.class,
      GetTaskVariableCmdTyped.class, GetTaskVariablesCmd.class);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = configuration.getCustomPostCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
    interceptors.add(new Translation());
    configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
  }

  /** Inside the command context, so the context closes on (and logs) the translated exception. */
  static class Translation extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (NullValueException e) {
        if (VARIABLE_READS.contains(command.getClass())) {
          throw new NotFoundException(e.getMessage(), e);
        }
        throw e;
      }
    }
  }
}
