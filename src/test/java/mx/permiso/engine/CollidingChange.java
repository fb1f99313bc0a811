package mx.permiso.engine;

import java.util.concurrent.CompletableFuture;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * A test model's completion listener that, while the completion's transaction is still open, changes
 * the same task in a transaction of its own that commits first, as a timer of the case would: the
 * completion then finds the task changed under it when it writes.
 */
public class CollidingChange implements TaskListener {

  public static final String COLLIDE = "collide";

  @Override
  public void notify(DelegateTask task) {
    if (Boolean.TRUE.equals(task.getVariable(COLLIDE))) {
      String taskId = task.getId();
      TaskService tasks = task.getProcessEngineServices().getTaskService();
      CompletableFuture.runAsync(() -> tasks.setPriority(taskId, 99)).join();
    }
  }
}
