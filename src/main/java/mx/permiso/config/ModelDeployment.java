package mx.permiso.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import mx.permiso.engine.EngineBuiltStep;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys every model in {@code processes/} (BPMN, DMN) and {@code forms/} (Camunda Forms) as one
 * deployment, named by its path inside those folders ({@code processes/exit-reentry-permit.bpmn}).
 *
 * <p>The names do not depend on where the application runs from (a jar, {@code target/classes},
 * another checkout), so duplicate filtering recognises unchanged models and a restart creates no
 * new versions. When any model changes, all of them are deployed again together, so the forms
 * and decisions a process refers to with binding {@code deployment} always travel with it.
 * Nodes deploy one at a time ({@link mx.permiso.engine.StartupLock}; the engine's deployment lock would serialise
 * concurrent deployments too), so a second node finds the models deployed and adds nothing.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class ModelDeployment implements EngineBuiltStep {

  public static final String DEPLOYMENT_NAME = "permiso-models";

  private static final Logger LOG = LoggerFactory.getLogger(ModelDeployment.class);

  /** Folder (as packaged on the classpath) and the file endings deployed from it. */
  private static final Map<String, String[]> MODEL_FOLDERS = Map.of(
      "processes", new String[] {"bpmn", "dmn"},
      "forms", new String[] {"form"});

  private final ResourcePatternResolver resources;

  public ModelDeployment(ResourcePatternResolver resources) {
    this.resources = resources;
  }

  @Override
  public void engineBuilt(ProcessEngine engine) {
    Map<String, Resource> models = findModels();
    if (models.isEmpty()) {
      LOG.warn("No models found in processes/ or forms/: nothing deployed");
      return;
    }
    RepositoryService repository = engine.getRepositoryService();
    String previousId = latestDeploymentId(repository);
    DeploymentBuilder builder = repository.createDeployment()
        .name(DEPLOYMENT_NAME)
        .source("permiso")
        .enableDuplicateFiltering(false);
    models.forEach((name, resource) -> {
      try {
        builder.addInputStream(name, resource.getInputStream());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read model " + name, e);
      }
    });
    Deployment deployment = builder.deploy();
    if (deployment.getId().equals(previousId)) {
      LOG.info("Models unchanged ({}): deployment {} stays current", models.keySet(), deployment.getId());
    } else {
      LOG.info("Deployed models {} as deployment {}", models.keySet(), deployment.getId());
    }
  }

  /** The models on the classpath, by deployment resource name, in a stable order. */
  Map<String, Resource> findModels() {
    Map<String, Resource> found = new LinkedHashMap<>();
    MODEL_FOLDERS.forEach((folder, endings) -> {
      for (String ending : endings) {
        Stream.of(resolve("classpath*:" + folder + "/**/*." + ending))
            .forEach(resource -> found.put(nameWithin(folder, resource), resource));
      }
    });
    Map<String, Resource> sorted = new LinkedHashMap<>();
    found.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
        .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
    return sorted;
  }

  private Resource[] resolve(String pattern) {
    try {
      return resources.getResources(pattern);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + pattern, e);
    }
  }

  private static String nameWithin(String folder, Resource resource) {
    try {
      String url = resource.getURL().toString();
      int at = url.lastIndexOf("/" + folder + "/");
      return url.substring(at + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String latestDeploymentId(RepositoryService repository) {
    Deployment latest = repository.createDeploymentQuery()
        .deploymentName(DEPLOYMENT_NAME)
        .orderByDeploymentTime().desc()
        .listPage(0, 1).stream().findFirst().orElse(null);
    return latest == null ? null : latest.getId();
  }
}
