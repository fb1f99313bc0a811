package mx.permiso.security;

import mx.permiso.engine.EngineBuiltStep;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A legal staff member and a manager to try the application with; only in the {@code demo} profile, read at
 * start rather than as a {@code @Profile}: the packaged application's beans are fixed when it is built (ADR 016).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class DemoUsers implements EngineBuiltStep {

  private final boolean demo;
  private final String password;

  public DemoUsers(Environment environment, @Value("${permiso.demo.password:}") String password) {
    this.demo = environment.acceptsProfiles(Profiles.of("demo"));
    this.password = password;
  }

  @Override
  public void engineBuilt(ProcessEngine engine) {
    if (!demo) {
      return;
    }
    IdentityService identity = engine.getIdentityService();
    ensureUser(identity, "lucia", "Lucía", "Hernández", StaffGroups.LEGAL_STAFF);
    ensureUser(identity, "mateo", "Mateo", "Ruiz", StaffGroups.MANAGERS);
  }

  private void ensureUser(IdentityService identity, String id, String firstName, String lastName, String group) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setFirstName(firstName);
      user.setLastName(lastName);
      user.setEmail(id + "@demo.permiso.invalid");
      user.setPassword(password);
      identity.saveUser(user);
    }
    if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
      identity.createMembership(id, group);
    }
  }
}
