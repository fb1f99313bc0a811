package mx.permiso.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged application started as operators start it: a JVM of its own on a free port, configured by
 * the environment variables given and no others (none inherited from the test's environment),
 * its output in {@code <name>.log} in the working directory. {@link #start} runs it the documented way
 * ({@code target/permiso/}: the extracted jar with its class data archive and {@link #SHIPPED_OPTIONS});
 * {@link #startFatJar} runs {@code java -jar target/permiso-*.jar} with nothing else, for comparison.
 */
public final class PackagedApp implements AutoCloseable {

  /** The JVM options of the documented way to run it (docs/operations.md, the Dockerfile), besides the archive. */
  public static final List<String> SHIPPED_OPTIONS = List.of("-XX:+UseSerialGC", "-Dspring.aot.enabled=true");

  private final Process process;
  private final int port;
  private final Path log;

  private PackagedApp(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts the application the documented way: {@code target/permiso/permiso.jar} with the class data
   * archive beside it (when the build made one) and {@link #SHIPPED_OPTIONS}; {@code jvmOptions} such as
   * {@code -Xmx512m} go before {@code -jar}.
   */
  public static PackagedApp start(Path workingDirectory, String name, Map<String, String> environment,
      String... jvmOptions) {
    return startBuild(Path.of("target", "permiso"), workingDirectory, name, environment, jvmOptions);
  }

  /**
   * As {@link #start}, from the extracted jar and archive of a build in {@code extracted} (a copy of another
   * build's {@code target/permiso/}, to compare two builds in one sitting).
   */
  public static PackagedApp startBuild(Path extracted, Path workingDirectory, String name,
      Map<String, String> environment, String... jvmOptions) {
    extracted = extracted.toAbsolutePath();
    Path jar = extracted.resolve("permiso.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("No " + jar + ": run 'mvn verify'");
    }
    List<String> options = new ArrayList<>();
    Path archive = extracted.resolve("permiso.jsa");
    if (Files.isRegularFile(archive)) {
      options.add("-XX:SharedArchiveFile=" + archive);
    }
    options.addAll(SHIPPED_OPTIONS);
    options.addAll(List.of(jvmOptions));
    return launch(workingDirectory, name, environment, options, jar);
  }

  /** Starts the repackaged jar ({@code java -jar target/permiso-*.jar}) with only the options given. */
  public static PackagedApp startFatJar(Path workingDirectory, String name, Map<String, String> environment,
      String... jvmOptions) {
    return launch(workingDirectory, name, environment, List.of(jvmOptions), packagedJar());
  }

  /** Whether the JVM mapped the class data archive: needs {@code -Xlog:cds} among its options. */
  public boolean mappedClassDataArchive() {
    return log().contains("Mapped dynamic region");
  }

  private static PackagedApp launch(Path workingDirectory, String name, Map<String, String> environment,
      List<String> jvmOptions, Path jar) {
    int port = freePort();
    Path log = workingDirectory.resolve(name + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workingDirectory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(variable -> variable.startsWith("SPRING_") || variable.startsWith("CAMUNDA_")
        || variable.startsWith("PERMISO_"));
    env.putAll(environment);
    env.put("SERVER_PORT", String.valueOf(port));
    try {
      return new PackagedApp(builder.start(), port, log);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name, e);
    }
  }

  public int port() {
    return port;
  }

  /** The operating system's id of the application's JVM. */
  public long pid() {
    return process.pid();
  }

  public Http http() {
    return new Http("http://127.0.0.1:" + port);
  }

  /** What the application has logged so far. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Resident memory of the application's JVM in KiB, as the operating system counts it (Linux). */
  public long residentKib() {
    try {
      return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
          .filter(line -> line.startsWith("VmRSS:"))
          .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
          .findFirst().orElseThrow(() -> new IllegalStateException("no VmRSS for " + process.pid()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the health endpoint answers 200; fails at once, with the log, if the application stops. */
  public PackagedApp awaitHealthy(Duration patience) {
    return awaitHealthy(patience, Duration.ofSeconds(1));
  }

  /** As {@link #awaitHealthy(Duration)}, asking every {@code poll}. */
  public PackagedApp awaitHealthy(Duration patience, Duration poll) {
    Http http = http();
    await().atMost(patience).pollInterval(poll).until(() -> {
      assertThat(process.isAlive()).as("%s still running; log:%n%s", log.getFileName(), log()).isTrue();
      return healthStatus(http) == 200;
    });
    return this;
  }

  /** Ends the JVM at once, as {@code kill -9} or a power cut would: no shutdown hooks, nothing finished. */
  public void kill() {
    process.destroyForcibly();
    try {
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s gone", log.getFileName()).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the application as an operator would (SIGTERM), forcibly if it takes longer than 30 seconds. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int healthStatus(Http http) {
    try {
      return http.get("/actuator/health").statusCode();
    } catch (RuntimeException notYetListening) {
      return -1;
    }
  }

  private static Path packagedJar() {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files.filter(path -> path.getFileName().toString().matches("permiso-.*\\.jar"))
          .map(Path::toAbsolutePath)
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("No packaged jar in target/: run 'mvn verify'"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
