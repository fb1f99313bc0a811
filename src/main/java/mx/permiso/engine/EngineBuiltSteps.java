package mx.permiso.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Runs every {@link EngineBuiltStep}, in order, as soon as the engine is built (a plugin, so still under the startup lock). */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class EngineBuiltSteps extends AbstractProcessEnginePlugin {

  private final ObjectProvider<EngineBuiltStep> steps;

  public EngineBuiltSteps(ObjectProvider<EngineBuiltStep> steps) {
    this.steps = steps;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    steps.orderedStream().forEach(step -> step.engineBuilt(engine));
  }
}
