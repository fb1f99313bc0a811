package mx.permiso.caseboard;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Hands the engine's history events to {@link CaseProjection} as well as to the engine's own
 * history tables, and names the case in the log of every step ({@code caseNumber} in the MDC).
 */
@Component
public class CaseBoardPlugin extends AbstractProcessEnginePlugin {

  /** The MDC key that carries the case number while the engine works on a case. */
  public static final String LOG_CASE_NUMBER = "caseNumber";

  private final CaseProjection projection;

  public CaseBoardPlugin(CaseProjection projection) {
    this.projection = projection;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
    handlers.add(projection);
    configuration.setCustomHistoryEventHandlers(handlers);
    configuration.setEnableDefaultDbHistoryEventHandler(true);
    configuration.setLoggingContextBusinessKey(LOG_CASE_NUMBER);
  }
}
