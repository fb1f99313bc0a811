package mx.permiso.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;

/** Evaluates an expression written in the model ({@code ${...}}) the way the engine would, in a delegate. */
public final class ModelExpressions {

  private ModelExpressions() {
  }

  /** The expression's value for this execution; only inside the engine's command (a delegate, a listener). */
  public static Object evaluate(String expression, DelegateExecution execution) {
    return Context.getProcessEngineConfiguration().getExpressionManager().createExpression(expression)
        .getValue(execution);
  }
}
