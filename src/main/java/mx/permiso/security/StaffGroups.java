package mx.permiso.security;

import java.util.Optional;
import org.camunda.bpm.engine.authorization.Groups;

/** The engine groups the firm's people belong to; other systems and the models rely on these ids. */
public final class StaffGroups {

  /** Legal staff: see and work the tasks of the engagement process in Tasklist. */
  public static final String LEGAL_STAFF = "legal-staff";

  /** Managers: read everything in Cockpit and Tasklist, retry failed jobs. */
  public static final String MANAGERS = "managers";

  /** Administrators: everything, including users, groups and authorizations. */
  public static final String ADMINS = Groups.CAMUNDA_ADMIN;

  private static final String ROLE_PREFIX = "ROLE_";

  private StaffGroups() {
  }

  /** The Spring Security authority a member of {@code groupId} holds. */
  public static String authority(String groupId) {
    return ROLE_PREFIX + groupId;
  }

  /** The group behind an authority made by {@link #authority(String)}, if it is one. */
  public static Optional<String> groupOf(String authority) {
    return authority != null && authority.startsWith(ROLE_PREFIX)
        ? Optional.of(authority.substring(ROLE_PREFIX.length()))
        : Optional.empty();
  }
}
