package mx.permiso.engine;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import mx.permiso.security.StaffGroups;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLink;

/**
 * Who works a task: the groups it is offered to (its candidate groups, and its candidate users).
 * Managers work every task (they supervise), administrators too; a task offered to nobody is left
 * to the engine's authorizations. Handing a task on (claiming it for someone, setting or
 * delegating its assignee) goes to someone who may work it: within a group the task is offered to
 * that the caller belongs to, or anyone who may work it when a manager or an administrator hands it
 * on. Only calls with an authenticated user are checked; each check reads the one task, never a list.
 */
final class WorkRules {

  private final ProcessEngineConfigurationImpl configuration;

  WorkRules(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
  }

  /** Refuses (403) a user who may not work the task: claim for oneself, complete, submit its form. */
  void checkWork(String taskId) {
    Authentication user = currentUser();
    if (user == null || taskId == null) {
      return;
    }
    configuration.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() -> {
      TaskEntity task = context.getTaskManager().findTaskById(taskId);
      if (task != null) {
        checkWork(user, Offer.of(task), taskId);
      }
      return null;
    }));
  }

  /**
   * Refuses to claim the task for another user unless the caller may hand it to them. Claiming for
   * oneself, or giving the task back ({@code userId} null), needs only what the engine asks.
   */
  void checkClaim(String taskId, String userId) {
    Authentication user = currentUser();
    if (user == null || userId == null || userId.equals(user.getUserId()) || taskId == null) {
      return;
    }
    configuration.getCommandExecutorTxRequired().execute(context -> {
      TaskEntity task = context.runWithoutAuthorization(() -> context.getTaskManager().findTaskById(taskId));
      if (task == null) {
        return null; // the engine answers "no such task" itself
      }
      if (context.runWithoutAuthorization(() -> Offer.of(task)).isOpen()) {
        // Offered to nobody: the engine's TASK_ASSIGN decides, as it always has.
        for (CommandChecker checker : configuration.getCommandCheckers()) {
          checker.checkTaskAssign(task);
        }
        return null;
      }
      return context.runWithoutAuthorization(() -> {
        checkHandOn(context, user, task, userId);
        return null;
      });
    });
  }

  /**
   * Hands the task to {@code userId} (or to nobody) with {@code change} (the engine's assign or
   * delegate command) when the caller may: the caller works the task in the engine's eyes
   * ({@code TASK_WORK}) and by the rules above, and the new assignee may work it. Then the engine's
   * own right to assign ({@code TASK_ASSIGN}, which also changes due dates, names and candidate
   * groups, and which staff do not hold) is not asked. Returns false, leaving the call to the engine
   * unchanged, when the task is offered to nobody, or for calls without an authenticated user.
   */
  boolean handOn(String taskId, String userId, Consumer<CommandContext> change) {
    Authentication user = currentUser();
    if (user == null || taskId == null) {
      return false;
    }
    return configuration.getCommandExecutorTxRequired().execute(context -> {
      TaskEntity task = context.runWithoutAuthorization(() -> context.getTaskManager().findTaskById(taskId));
      if (task == null || context.runWithoutAuthorization(() -> Offer.of(task)).isOpen()) {
        return false;
      }
      for (CommandChecker checker : configuration.getCommandCheckers()) {
        checker.checkTaskWork(task);
      }
      context.runWithoutAuthorization(() -> {
        if (userId == null) {
          checkUnassign(user, task);
        } else {
          checkHandOn(context, user, task, userId);
        }
        change.accept(context);
        return null;
      });
      return true;
    });
  }

  private void checkHandOn(CommandContext context, Authentication user, TaskEntity task, String userId) {
    Offer offer = Offer.of(task);
    checkWork(user, offer, task.getId());
    Set<String> theirGroups = groupsOf(context, userId);
    if (!offer.mayBeWorkedBy(userId, theirGroups)) {
      throw new AuthorizationException("The user '" + user.getUserId() + "' may not give task " + task.getId()
          + " to '" + userId + "': it is offered to " + offer.describe() + ", and '" + userId
          + "' is not a member of " + (offer.groups().size() == 1 ? "it" : "one of them") + ".");
    }
    if (supervises(user) || offer.users().contains(userId)) {
      return;
    }
    Set<String> shared = new TreeSet<>(offer.groups());
    shared.retainAll(groupsOf(user));
    shared.retainAll(theirGroups);
    if (shared.isEmpty()) {
      throw new AuthorizationException("The user '" + user.getUserId() + "' may give task " + task.getId()
          + " only to a member of their own group among those it is offered to (" + offer.describe()
          + "); '" + userId + "' is not one.");
    }
  }

  /** Taking a task from its assignee (back to the group) is for managers and administrators. */
  private void checkUnassign(Authentication user, TaskEntity task) {
    checkWork(user, Offer.of(task), task.getId());
    if (task.getAssignee() != null && !task.getAssignee().equals(user.getUserId()) && !supervises(user)) {
      throw new AuthorizationException("The user '" + user.getUserId() + "' may not take task " + task.getId()
          + " from '" + task.getAssignee() + "': only managers hand back a colleague's task.");
    }
  }

  private static void checkWork(Authentication user, Offer offer, String taskId) {
    if (!supervises(user) && !offer.isOpen() && !offer.mayBeWorkedBy(user.getUserId(), groupsOf(user))) {
      throw new AuthorizationException("The user '" + user.getUserId() + "' may not work task " + taskId
          + ": it is offered to " + offer.describe() + ".");
    }
  }

  private static boolean supervises(Authentication user) {
    Set<String> groups = groupsOf(user);
    return groups.contains(StaffGroups.MANAGERS) || groups.contains(StaffGroups.ADMINS);
  }

  private static Set<String> groupsOf(Authentication user) {
    List<String> groups = user.getGroupIds();
    return groups == null ? Set.of() : new HashSet<>(groups);
  }

  private static Set<String> groupsOf(CommandContext context, String userId) {
    Set<String> groups = new HashSet<>();
    for (Group group : context.getReadOnlyIdentityProvider().createGroupQuery().groupMember(userId).list()) {
      groups.add(group.getId());
    }
    return groups;
  }

  private Authentication currentUser() {
    Authentication authentication = configuration.getIdentityService().getCurrentAuthentication();
    return authentication == null || authentication.getUserId() == null ? null : authentication;
  }

  /** Whom a task is offered to: its candidate groups and users. */
  record Offer(Set<String> groups, Set<String> users) {

    static Offer of(TaskEntity task) {
      Set<String> groups = new TreeSet<>();
      Set<String> users = new TreeSet<>();
      for (IdentityLink candidate : task.getCandidates()) {
        if (candidate.getGroupId() != null) {
          groups.add(candidate.getGroupId());
        }
        if (candidate.getUserId() != null) {
          users.add(candidate.getUserId());
        }
      }
      return new Offer(groups, users);
    }

    /** Offered to nobody in particular. */
    boolean isOpen() {
      return groups.isEmpty() && users.isEmpty();
    }

    /** Whether a user in these groups works the task: offered to them, or a manager or administrator. */
    boolean mayBeWorkedBy(String userId, Set<String> userGroups) {
      return users.contains(userId) || userGroups.contains(StaffGroups.MANAGERS)
          || userGroups.contains(StaffGroups.ADMINS) || userGroups.stream().anyMatch(groups::contains);
    }

    String describe() {
      Set<String> all = new TreeSet<>(groups);
      users.forEach(user -> all.add("'" + user + "'"));
      return String.join(", ", all);
    }
  }
}
