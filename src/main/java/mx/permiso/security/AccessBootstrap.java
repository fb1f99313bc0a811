package mx.permiso.security;

import mx.permiso.engine.EngineBuiltStep;
import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mx.permiso.cases.ExitReentryPermitProcess;
import mx.permiso.deadlines.CaseTimers;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Sets up who may do what, idempotently, every time the engine starts: the staff groups, their
 * authorizations, the Tasklist filters, and the first administrator, unlocked.
 *
 * <p>The administrator comes from the standard {@code camunda.bpm.admin-user.*} properties. When
 * no password is configured, a random one is generated and logged once, when the account is
 * created: there is never a known default password. Runs before the starter's own admin-user
 * step, which then finds the account present and leaves it alone.
 *
 * <p>Every step checks before it writes, which is enough because nodes sharing a database run it
 * one at a time ({@code mx.permiso.engine.StartupLock}): two nodes starting at once never both
 * find a filter missing and create it twice.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AccessBootstrap implements EngineBuiltStep {

  static final String ADMIN_ID_PROPERTY = "camunda.bpm.admin-user.id";
  static final String ADMIN_PASSWORD_PROPERTY = "camunda.bpm.admin-user.password";
  static final String DEFAULT_ADMIN_ID = "admin";

  /**
   * The case variables Tasklist shows with every task of a filter: task names are plain ("Review intake"),
   * so the case number and the client's name come from here.
   */
  static final List<Map<String, String>> LISTED_VARIABLES = List.of(
      Map.of("name", ExitReentryPermitProcess.Variables.CASE_NUMBER, "label", "Case"),
      Map.of("name", ExitReentryPermitProcess.Variables.CLIENT_NAME, "label", "Client"));

  /** Tasklist filters by name: the query and the groups that see the filter. */
  enum TaskFilter {
    // Shown first: every open task of an emergency case, whoever it is offered to.
    EMERGENCIES("Emergencies", "Open tasks of emergency cases", -20,
        List.of(StaffGroups.LEGAL_STAFF, StaffGroups.MANAGERS, StaffGroups.ADMINS)),
    MY_TASKS("My tasks", "Tasks assigned to me", -10,
        List.of(StaffGroups.LEGAL_STAFF, StaffGroups.MANAGERS, StaffGroups.ADMINS)),
    CASE_WORK("Case work", "Open tasks of the legal staff", 0,
        List.of(StaffGroups.LEGAL_STAFF, StaffGroups.MANAGERS, StaffGroups.ADMINS)),
    ESCALATIONS("Escalations", "Tasks waiting for a manager", 5,
        List.of(StaffGroups.MANAGERS, StaffGroups.ADMINS)),
    ALL_TASKS("All tasks", "Every open task", 10,
        List.of(StaffGroups.MANAGERS, StaffGroups.ADMINS));

    final String title;
    final String description;
    final int priority;
    final List<String> groups;

    TaskFilter(String title, String description, int priority, List<String> groups) {
      this.title = title;
      this.description = description;
      this.priority = priority;
      this.groups = groups;
    }

    TaskQuery query(ProcessEngine engine) {
      TaskQuery query = engine.getTaskService().createTaskQuery();
      return switch (this) {
        case EMERGENCIES -> query.processVariableValueEquals(ExitReentryPermitProcess.Variables.SCENARIO,
            CaseTimers.EMERGENCY).orderByTaskPriority().desc().orderByDueDate().asc();
        case MY_TASKS -> query.taskAssigneeExpression("${currentUser()}");
        case CASE_WORK -> query.taskCandidateGroup(StaffGroups.LEGAL_STAFF).includeAssignedTasks();
        case ESCALATIONS -> query.taskCandidateGroup(StaffGroups.MANAGERS).includeAssignedTasks();
        case ALL_TASKS -> query;
      };
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(AccessBootstrap.class);

  private final Environment environment;
  private final SecureRandom random = new SecureRandom();

  public AccessBootstrap(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void engineBuilt(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    ensureGroup(identity, StaffGroups.ADMINS, "Administrators", Groups.GROUP_TYPE_SYSTEM);
    ensureGroup(identity, StaffGroups.LEGAL_STAFF, "Legal staff", Groups.GROUP_TYPE_WORKFLOW);
    ensureGroup(identity, StaffGroups.MANAGERS, "Managers", Groups.GROUP_TYPE_WORKFLOW);

    AuthorizationService authorizations = engine.getAuthorizationService();
    grantAdmins(authorizations);
    grantLegalStaff(authorizations);
    grantManagers(authorizations);
    revokeUpdateFromTaskUsers(authorizations);
    ensureFilters(engine);
    ensureAdmin(identity);
  }

  private static void grantAdmins(AuthorizationService authorizations) {
    for (Resources resource : Resources.values()) {
      grant(authorizations, StaffGroups.ADMINS, resource, ANY, Permissions.ALL);
    }
  }

  private static void grantLegalStaff(AuthorizationService authorizations) {
    String group = StaffGroups.LEGAL_STAFF;
    grant(authorizations, group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(authorizations, group, Resources.PROCESS_DEFINITION, ExitReentryPermitProcess.KEY,
        ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.READ_HISTORY,
        ProcessDefinitionPermissions.READ_TASK,
        ProcessDefinitionPermissions.TASK_WORK);
    // TASK_WORK covers the whole process; mx.permiso.engine.WorkRules keeps legal staff to the tasks
    // offered to them (not the managers' escalations) and lets them hand a task to a colleague.
    // Names of colleagues in Tasklist (assignees, candidate groups).
    grant(authorizations, group, Resources.USER, ANY, Permissions.READ);
    grant(authorizations, group, Resources.GROUP, ANY, Permissions.READ);
  }

  private static void grantManagers(AuthorizationService authorizations) {
    String group = StaffGroups.MANAGERS;
    grant(authorizations, group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(authorizations, group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(authorizations, group, Resources.PROCESS_DEFINITION, ANY,
        ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.READ_HISTORY,
        ProcessDefinitionPermissions.READ_TASK,
        ProcessDefinitionPermissions.RETRY_JOB);
    // Managers work the escalations offered to them, and any task of a case they take over; which
    // tasks a user works is mx.permiso.engine.WorkRules (the groups a task is offered to).
    grant(authorizations, group, Resources.PROCESS_DEFINITION, ExitReentryPermitProcess.KEY,
        ProcessDefinitionPermissions.TASK_WORK);
    grant(authorizations, group, Resources.PROCESS_INSTANCE, ANY,
        ProcessInstancePermissions.READ, ProcessInstancePermissions.RETRY_JOB);
    grant(authorizations, group, Resources.TASK, ANY, TaskPermissions.READ);
    grant(authorizations, group, Resources.HISTORIC_TASK, ANY, HistoricTaskPermissions.READ);
    grant(authorizations, group, Resources.HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ);
    grant(authorizations, group, Resources.DEPLOYMENT, ANY, Permissions.READ);
    grant(authorizations, group, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
    grant(authorizations, group, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
    grant(authorizations, group, Resources.BATCH, ANY, Permissions.READ);
    grant(authorizations, group, Resources.OPERATION_LOG_CATEGORY, ANY, UserOperationLogCategoryPermissions.READ);
    grant(authorizations, group, Resources.USER, ANY, Permissions.READ);
    grant(authorizations, group, Resources.GROUP, ANY, Permissions.READ);
  }

  /**
   * Rows that gave a task's assignee UPDATE on it (the engine's default before
   * {@code mx.permiso.engine.StaffTaskRules}) let them write the task's variables, also after the
   * task went to someone else: they keep only working the task (TASK_WORK).
   */
  static void revokeUpdateFromTaskUsers(AuthorizationService authorizations) {
    for (Authorization row : authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
        .resourceType(Resources.TASK).hasPermission(Permissions.UPDATE).list()) {
      if (row.getUserId() != null && !ANY.equals(row.getResourceId())) {
        row.removePermission(Permissions.UPDATE);
        row.addPermission(TaskPermissions.TASK_WORK);
        authorizations.saveAuthorization(row);
      }
    }
  }

  static void ensureFilters(ProcessEngine engine) {
    FilterService filters = engine.getFilterService();
    for (TaskFilter definition : TaskFilter.values()) {
      Filter filter = filters.createFilterQuery().filterName(definition.title).singleResult();
      if (filter == null) {
        filter = filters.newTaskFilter(definition.title)
            .setQuery(definition.query(engine))
            .setProperties(Map.of(
                "description", definition.description,
                "priority", definition.priority,
                "refresh", true,
                "variables", LISTED_VARIABLES));
        filters.saveFilter(filter);
      } else if (!filter.getProperties().containsKey("variables")) {
        // filters saved before task names stopped carrying the case number gain its columns
        Map<String, Object> properties = new HashMap<>(filter.getProperties());
        properties.put("variables", LISTED_VARIABLES);
        filters.saveFilter(filter.setProperties(properties));
      }
      for (String group : definition.groups) {
        grant(engine.getAuthorizationService(), group, Resources.FILTER, filter.getId(), Permissions.READ);
      }
    }
  }

  private void ensureAdmin(IdentityService identity) {
    String adminId = environment.getProperty(ADMIN_ID_PROPERTY, DEFAULT_ADMIN_ID);
    if (identity.createUserQuery().userId(adminId).count() == 0) {
      String configured = environment.getProperty(ADMIN_PASSWORD_PROPERTY);
      boolean generated = configured == null || configured.isBlank();
      String password = generated ? randomPassword() : configured;
      User admin = identity.newUser(adminId);
      admin.setFirstName(environment.getProperty("camunda.bpm.admin-user.first-name", "Permiso"));
      admin.setLastName(environment.getProperty("camunda.bpm.admin-user.last-name", "Administrator"));
      admin.setEmail(environment.getProperty("camunda.bpm.admin-user.email", adminId + "@localhost"));
      admin.setPassword(password);
      identity.saveUser(admin);
      if (generated) {
        LOG.warn("""

            ================================================================
            Created the administrator '{}' with the generated password:

                {}

            This is shown only once. Change it in Admin (Camunda web apps),
            or set CAMUNDA_BPM_ADMINUSER_PASSWORD before the first start.
            ================================================================""", adminId, password);
      } else {
        LOG.info("Created the administrator '{}' with the configured password", adminId);
      }
    }
    if (identity.createUserQuery().userId(adminId).memberOfGroup(StaffGroups.ADMINS).count() == 0) {
      identity.createMembership(adminId, StaffGroups.ADMINS);
    }
    // A lock the engine set in an earlier version never outlives a restart: an operator can always get back in.
    identity.unlockUser(adminId);
  }

  private String randomPassword() {
    byte[] bytes = new byte[18];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static void ensureGroup(IdentityService identity, String id, String name, String type) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType(type);
      identity.saveGroup(group);
    }
  }

  /** Grants the permissions to the group on the resource, adding to what is already granted. */
  static void grant(AuthorizationService authorizations, String groupId, Resource resource, String resourceId,
      Permission... permissions) {
    Authorization authorization = authorizations.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(groupId)
        .resourceType(resource)
        .resourceId(resourceId)
        .singleResult();
    boolean changed = false;
    if (authorization == null) {
      authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
      changed = true;
    }
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizations.saveAuthorization(authorization);
    }
  }
}
