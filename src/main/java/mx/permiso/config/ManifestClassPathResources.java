package mx.permiso.config;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.WebResourceRoot;

/**
 * Serves the web resources ({@code META-INF/resources}) of the jars the packaged application names in
 * its manifest's {@code Class-Path} ({@code target/permiso/lib/}, the documented way to run it and the
 * Docker image). Spring Boot serves those of the jars on the class path the JVM was started with, which
 * under {@code java -jar permiso.jar} is that one jar, and those nested in a repackaged jar; not these.
 * Without them Tasklist's and Cockpit's plugin scripts (in Camunda's web app jar) answer 404 and the web
 * apps never finish loading. Jars Spring Boot already serves are left to it.
 */
final class ManifestClassPathResources {

  private static final String RESOURCES = "META-INF/resources";

  private ManifestClassPathResources() {
  }

  /** Adds the resources once the context configures itself, as Spring Boot adds its own. */
  static void addTo(Context context) {
    context.addLifecycleListener(event -> {
      if (Lifecycle.CONFIGURE_START_EVENT.equals(event.getType())) {
        for (URL jar : jarsNotOnTheJvmClassPath(ManifestClassPathResources.class.getClassLoader())) {
          context.getResources().createWebResourceSet(WebResourceRoot.ResourceSetType.RESOURCE_JAR, "/", jar,
              "/" + RESOURCES);
        }
      }
    });
  }

  /** The jars in the file system that hold web resources and are not on the JVM's own class path. */
  static List<URL> jarsNotOnTheJvmClassPath(ClassLoader loader) {
    Set<String> onClassPath = Stream.of(ManagementFactory.getRuntimeMXBean().getClassPath().split(File.pathSeparator))
        .map(entry -> new File(entry).getAbsoluteFile().toURI().toString()).collect(Collectors.toSet());
    List<URL> jars = new ArrayList<>();
    try {
      for (URL resources : Collections.list(loader.getResources(RESOURCES))) {
        String url = resources.toString();
        int end = url.indexOf("!/");
        if (!url.startsWith("jar:file:") || end < 0 || onClassPath.contains(url.substring("jar:".length(), end))) {
          continue;  // a directory, a jar nested in the repackaged jar, or a jar Spring Boot serves already
        }
        jars.add(new URL(url.substring(0, end + 2)));
      }
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the web resources on the class path", e);
    }
    return jars;
  }
}
