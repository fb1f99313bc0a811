package mx.permiso.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;

/**
 * One real PostgreSQL server per test JVM (no Docker, no install), with a fresh database for
 * each caller so tests never see each other's rows. Or a given server: with the system property
 * {@code permiso.test.postgres.url} (a JDBC URL of a database to connect to first, such as
 * {@code jdbc:postgresql://db:5432/postgres}) and {@code permiso.test.postgres.username} and
 * {@code .password}, each new database is created there (named {@code permiso_test_<time>_<n>},
 * left for the owner to drop), e.g. {@code ./mvnw -Pbench verify -Dpermiso.test.postgres.url=...}.
 *
 * <p>The embedded server trades durability for speed, as test databases may ({@code fsync} and
 * {@code synchronous_commit} off). With {@code -Dpermiso.test.postgres.durable=true} it runs with
 * production durability instead ({@code fsync}, {@code synchronous_commit} and
 * {@code full_page_writes} on): every commit waits for its write-ahead log to reach the disk.
 */
public final class TestPostgres {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final String GIVEN_URL = System.getProperty("permiso.test.postgres.url", "").strip();
  private static final String GIVEN_USERNAME = System.getProperty("permiso.test.postgres.username", "postgres");
  private static final String GIVEN_PASSWORD = System.getProperty("permiso.test.postgres.password", "");
  private static final boolean DURABLE = Boolean.getBoolean("permiso.test.postgres.durable");
  private static final String GIVEN_PREFIX = "permiso_test_" + System.currentTimeMillis() / 1000 + "_";
  private static EmbeddedPostgres server;
  private static boolean stopsWithSpring;

  private TestPostgres() {
  }

  /** A connection to a new, empty database. */
  public static synchronized Database newDatabase() {
    return create("");
  }

  /**
   * A new database holding a copy of everything in {@code original} (PostgreSQL copies it file by
   * file, in seconds); nothing may be connected to the original meanwhile.
   */
  public static synchronized Database copyOf(Database original) {
    return create(" template " + original.name());
  }

  /** Whether the embedded server runs with production durability ({@code -Dpermiso.test.postgres.durable=true}). */
  public static boolean durable() {
    return DURABLE && GIVEN_URL.isEmpty();
  }

  /** Where the databases are: "embedded", or the given server's address. */
  public static String describeServer() {
    if (!GIVEN_URL.isEmpty()) {
      return "at " + GIVEN_URL.replaceFirst("^jdbc:postgresql://([^/?]*).*$", "$1");
    }
    return DURABLE ? "embedded, durable: fsync, synchronous_commit and full_page_writes on"
        : "embedded, not durable: fsync and synchronous_commit off";
  }

  private static Database create(String template) {
    boolean given = !GIVEN_URL.isEmpty();
    String name = (given ? GIVEN_PREFIX : "permiso_") + DATABASES.incrementAndGet();
    try (Connection connection = given ? DriverManager.getConnection(GIVEN_URL, GIVEN_USERNAME, GIVEN_PASSWORD)
             : server().getPostgresDatabase().getConnection();
         Statement statement = connection.createStatement()) {
      statement.execute("create database " + name + template);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + name + " (" + describeServer() + ")", e);
    }
    if (given) {
      // The same server and settings, the new database's name in place of the first one's.
      return new Database(GIVEN_URL.replaceFirst("^(jdbc:postgresql://[^/?]*/)[^?]*", "$1" + name), GIVEN_USERNAME,
          GIVEN_PASSWORD);
    }
    return new Database(server().getJdbcUrl("postgres", name), "postgres", "postgres");
  }

  /** A new database for a Spring test context, which the test framework may keep open until the JVM exits. */
  public static synchronized Database newDatabaseForSpringTest() {
    stopsWithSpring = true;
    return newDatabase();
  }

  private static EmbeddedPostgres server() {
    if (server == null) {
      try {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setRegisterShutdownHook(false);
        if (DURABLE) {
          builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on");
        } else {
          builder.setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off");
        }
        server = builder.start();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
      }
      // Stop the server when the JVM exits. While Spring test contexts use it, only after Spring has
      // closed them, so no engine is left waiting for a connection to a database that has gone;
      // otherwise (packaged jars in JVMs of their own, applications the tests close) at once.
      SpringApplication.getShutdownHandlers().add(TestPostgres::stop);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        if (!stopsWithSpring()) {
          stop();
        }
      }, "stop-test-postgres"));
    }
    return server;
  }

  private static synchronized boolean stopsWithSpring() {
    return stopsWithSpring;
  }

  private static synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.close();
    } catch (IOException ignored) {
      // the JVM is going away anyway
    }
    server = null;
  }

  /** Where a test database lives. */
  public record Database(String url, String username, String password) {

    /** The database's name on the server. */
    public String name() {
      String path = url.substring(url.lastIndexOf('/') + 1);
      int query = path.indexOf('?');
      return query < 0 ? path : path.substring(0, query);
    }

    public Connection connect() throws SQLException {
      return DriverManager.getConnection(url, username, password);
    }

    /** The three variables an operator gives the application to use this database. */
    public Map<String, String> environment() {
      return Map.of("SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", username,
          "SPRING_DATASOURCE_PASSWORD", password);
    }
  }
}
