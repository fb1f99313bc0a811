package mx.permiso.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/** docs/configuration.md describes every setting of Permiso's as the code and application.yaml have it. */
class ConfigurationDocsTest {

  @Test
  void theGeneratedPartOfTheDocumentIsWhatTheMetadataSays() throws IOException {
    if (Boolean.getBoolean("permiso.docs.write")) {
      ConfigurationDocs.write();
    }
    String actual = Files.readString(ConfigurationDocs.DOCUMENT, StandardCharsets.UTF_8);
    assertThat(actual)
        .as("%s is out of date with the settings records' Javadoc, META-INF/additional-spring-configuration-metadata.json "
            + "or application.yaml; regenerate it with: %s", ConfigurationDocs.DOCUMENT, ConfigurationDocs.REGENERATE)
        .isEqualTo(ConfigurationDocs.expectedDocument());
  }

  @Test
  void everyPermisoSettingInApplicationYamlHasADescription() throws IOException {
    Map<String, String> described = ConfigurationDocs.settings().stream()
        .collect(Collectors.toMap(ConfigurationDocs.Setting::name, ConfigurationDocs.Setting::description));
    List<String> keys = ConfigurationDocs.permisoKeysInApplicationYaml();
    assertThat(keys).contains("permiso.node-name", "permiso.deadlines.permit-validity-days", "permiso.firm.office-hours");
    assertThat(keys)
        .as("settings in application.yaml without a description: add an @param to its settings record or an entry to "
            + "META-INF/additional-spring-configuration-metadata.json")
        .allSatisfy(key -> assertThat(described.get(key)).as(key).isNotBlank());
  }

  @Test
  void everyDocumentedEnvironmentVariableSetsItsSetting() throws IOException {
    for (ConfigurationDocs.Setting setting : ConfigurationDocs.settings()) {
      String variable = setting.environmentVariable().replace("<KEY>", "2030");
      Binder binder = Binder.get(environment(Map.of(variable, "41")));
      if (setting.isMap()) {
        assertThat(binder.bind(setting.name(), Bindable.mapOf(String.class, String.class)).orElse(Map.of()))
            .as(variable).containsEntry("2030", "41");
      } else {
        assertThat(binder.bind(setting.name(), String.class).orElse(null)).as(variable).isEqualTo("41");
      }
    }
  }

  // application.yaml under the given environment variables, as the application reads them (placeholders too).
  private static StandardEnvironment environment(Map<String, Object> variables) throws IOException {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml"))
        .forEach(source -> environment.getPropertySources().addLast(source));
    ConfigurationPropertySources.attach(environment);
    return environment;
  }
}
