package mx.permiso.engine;

/**
 * Told of every change to a process instance as the engine records it, inside the engine's
 * transaction, before it commits: a bean implementing this follows the cases without the engine's
 * history classes.
 */
public interface InstanceChangeListener {

  void changed(InstanceChange change);
}
