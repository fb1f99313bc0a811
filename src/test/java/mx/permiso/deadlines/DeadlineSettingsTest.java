package mx.permiso.deadlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/** The business calendar as application.yaml sets it, and the environment variables docs/configuration.md names. */
class DeadlineSettingsTest {

  private static DeadlineSettings bind(Map<String, Object> environmentVariables) throws IOException {
    StandardEnvironment environment = new StandardEnvironment();
    // In place of the real environment, under the name Spring Boot maps relaxed names for.
    environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environmentVariables));
    new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml"))
        .forEach(source -> environment.getPropertySources().addLast(source));
    ConfigurationPropertySources.attach(environment);
    return Binder.get(environment).bind("permiso.deadlines", DeadlineSettings.class).get();
  }

  @Test
  void theFirmsOfficeHoursAreTheDefaults() throws IOException {
    DeadlineSettings settings = bind(Map.of());
    assertThat(settings.officeOpens()).isEqualTo(LocalTime.of(10, 0));
    assertThat(settings.officeCloses()).isEqualTo(LocalTime.of(15, 0));
    assertThat(settings.workingDays()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
        DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
    assertThat(settings.federalHolidays()).isTrue();
    assertThat(settings.staffTaskOfficeTime()).isEqualTo(Duration.ofHours(5));
    assertThat(settings.staffTaskFollowUpLead()).isEqualTo(Duration.ofHours(5));
    assertThat(settings.emergencyTaskOfficeTime()).isEqualTo(Duration.ofHours(1));
    assertThat(settings.routineTaskPriority()).isEqualTo(50);
    assertThat(settings.emergencyTaskPriority()).isEqualTo(80);
  }

  @Test
  void anEmergencyPriorityNotAboveTheRoutineOneIsRefused() {
    assertThatThrownBy(() -> bind(Map.of("PERMISO_DEADLINES_EMERGENCYTASKPRIORITY", "50")))
        .hasRootCauseMessage("permiso.deadlines.emergency-task-priority (50) must be above routine-task-priority (50): "
            + "emergencies sort first in Tasklist");
  }

  @Test
  void environmentVariablesChangeTheCalendar() throws IOException {
    DeadlineSettings settings = bind(Map.of(
        "PERMISO_DEADLINES_OFFICEOPENS", "09:00",
        "PERMISO_DEADLINES_WORKINGDAYS", "MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY,SATURDAY",
        "PERMISO_DEADLINES_FEDERALHOLIDAYS", "false",
        "PERMISO_DEADLINES_STAFFTASKOFFICETIME", "PT10H",
        "PERMISO_DEADLINES_STAFFTASKFOLLOWUPLEAD", "PT2H"));
    assertThat(settings.officeOpens()).isEqualTo(LocalTime.of(9, 0));
    assertThat(settings.workingDays()).hasSize(6).contains(DayOfWeek.SATURDAY);
    assertThat(settings.federalHolidays()).isFalse();
    assertThat(settings.staffTaskOfficeTime()).isEqualTo(Duration.ofHours(10));
    assertThat(settings.staffTaskFollowUpLead()).isEqualTo(Duration.ofHours(2));
  }
}
