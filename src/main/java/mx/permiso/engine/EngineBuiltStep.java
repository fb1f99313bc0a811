package mx.permiso.engine;

import org.camunda.bpm.engine.ProcessEngine;

/**
 * Work done once the engine is built and its tables are there, before the application serves
 * anyone: setting up access, deploying the models. Beans implementing it run in their
 * {@link org.springframework.core.annotation.Order}, through the engine's public API only.
 */
public interface EngineBuiltStep {

  void engineBuilt(ProcessEngine engine);
}
