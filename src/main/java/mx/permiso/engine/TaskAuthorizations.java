package mx.permiso.engine;

import java.util.Set;
import mx.permiso.security.StaffGroups;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * No authorization row per task for the firm's groups. By default the engine grants a task's
 * candidate group rights on that one task, a row per open task; every task query then joins the
 * authorization table against each task, which grows with the open tasks (figures in docs/benchmarks.md,
 * "Changes and their effect"). {@code legal-staff} and {@code managers} already read and
 * work the tasks of the engagement through their grants on the process definition
 * ({@code mx.permiso.security.AccessBootstrap}), so those rows add nothing; which of those tasks each group works (the
 * ones offered to it; managers every one) is checked per task by {@code mx.permiso.engine.WorkRules}
 * when a task is claimed, handed on or completed. Other groups keep the default.
 */
@Component
public class TaskAuthorizations extends AbstractProcessEnginePlugin {

  /** Groups whose task rights come from the process definition, not from each task. */
  static final Set<String> GRANTED_BY_DEFINITION = Set.of(StaffGroups.LEGAL_STAFF, StaffGroups.MANAGERS);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setResourceAuthorizationProvider(new DefaultAuthorizationProvider() {
      @Override
      public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
        return GRANTED_BY_DEFINITION.contains(groupId) ? null : super.newTaskGroupIdentityLink(task, groupId, type);
      }

      @Override
      public AuthorizationEntity[] deleteTaskGroupIdentityLink(Task task, String groupId, String type) {
        return GRANTED_BY_DEFINITION.contains(groupId) ? null : super.deleteTaskGroupIdentityLink(task, groupId, type);
      }
    });
  }
}
