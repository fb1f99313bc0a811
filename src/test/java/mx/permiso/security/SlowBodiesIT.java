package mx.permiso.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mx.permiso.support.PostgresApplicationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Clients that send a request body a byte at a time hold no more of the server than their share:
 * one address gets a few requests with a body in progress, the rest are refused at once, a body
 * that takes too long is given up on, and health keeps answering throughout. Each abort is one
 * short log line.
 */
@PostgresApplicationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "permiso.abuse.body-deadline=PT6S")
class SlowBodiesIT {

  private static final int CONNECTIONS = 210;
  private static final String LOGIN = "/camunda/api/admin/auth/user/default/login/tasklist";

  @LocalServerPort
  int port;

  @Test
  void bodiesDribbledByteByByteDoNotStallTheApplication(CapturedOutput output) throws Exception {
    int logStart = output.getAll().length();
    List<Socket> sockets = new CopyOnWriteArrayList<>();
    ScheduledExecutorService dribble = Executors.newScheduledThreadPool(2);
    HttpClient health = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    // A real login form's session and CSRF token, so that the web app reads the body rather than refusing it.
    CookieManager cookies = new CookieManager();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/camunda/app/tasklist/default/"))
        .GET().build(), HttpResponse.BodyHandlers.discarding());
    String cookieHeader = cookies.getCookieStore().getCookies().stream()
        .map(cookie -> cookie.getName() + "=" + cookie.getValue()).collect(Collectors.joining("; "));
    String token = cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).findFirst().orElseThrow();
    try {
      for (int i = 0; i < CONNECTIONS; i++) {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        sockets.add(socket);
        socket.getOutputStream().write(("POST " + LOGIN + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
            + "Cookie: " + cookieHeader + "\r\nX-XSRF-TOKEN: " + token + "\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nu")
            .getBytes(StandardCharsets.US_ASCII));
      }
      // One more byte every second on every connection still open: slow, but never idle long enough for a read timeout.
      dribble.scheduleWithFixedDelay(() -> sockets.forEach(socket -> {
        try {
          socket.getOutputStream().write('x');
        } catch (IOException closedByTheServer) {
          // Refused or given up on: what the server should do.
        }
      }), 1, 1, TimeUnit.SECONDS);

      HttpRequest healthCheck = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
          .timeout(Duration.ofSeconds(2)).GET().build();
      await().during(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofSeconds(1))
          .untilAsserted(() -> assertThat(status(health, healthCheck))
              .as("health while %d connections dribble their bodies", CONNECTIONS).isEqualTo("200"));

      // All but a few were refused at once with 503; the few were given up on after the deadline (6 s here).
      List<String> answers = new ArrayList<>();
      for (Socket socket : sockets) {
        answers.add(statusLine(socket));
      }
      long refused = answers.stream().filter(line -> line.startsWith("HTTP/1.1 503")).count();
      assertThat(refused).as("refused at once, of %d: %s", CONNECTIONS, answers)
          .isGreaterThanOrEqualTo(CONNECTIONS - 10);
      long givenUp = CONNECTIONS - refused;
      assertThat(givenUp).isPositive();

      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        String log = output.getAll().substring(logStart);
        assertThat(log).as("no stack traces").doesNotContain("\tat ", "Caused by");
        assertThat(log.lines().filter(line -> line.contains("request body")).count())
            .as("one line per body given up on").isEqualTo(givenUp);
      });
      String log = output.getAll().substring(logStart);
      assertThat(log.lines().filter(line -> line.contains(" ERROR ")).count()).as(log).isZero();
      assertThat(log.lines().count()).as("at most a line or two per aborted request:%n%s", log)
          .isLessThanOrEqualTo(2 * givenUp + 5);
    } finally {
      dribble.shutdownNow();
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  @Test
  void aFormThatTheServerParsesItselfIsGivenUpOnAtTheDeadlineToo(CapturedOutput output) throws Exception {
    int logStart = output.getAll().length();
    ScheduledExecutorService dribble = Executors.newSingleThreadScheduledExecutor();
    // The client's intake form: Tomcat reads it for the CSRF check, not through any stream the application holds.
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.getOutputStream().write(("POST /intake HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nclientName=")
          .getBytes(StandardCharsets.US_ASCII));
      long started = System.nanoTime();
      dribble.scheduleWithFixedDelay(() -> {
        try {
          socket.getOutputStream().write('x');
        } catch (IOException closedByTheServer) {
          // Given up on.
        }
      }, 1, 1, TimeUnit.SECONDS);

      String answer = statusLine(socket);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(answer).as("answer after %s", took).startsWith("HTTP/1.1 4");
      assertThat(took).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(9));
    } finally {
      dribble.shutdownNow();
    }
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(output.getAll().substring(logStart).lines().filter(line -> line.contains("request body")))
            .singleElement().asString().contains("POST /intake"));
    assertThat(output.getAll().substring(logStart)).doesNotContain("\tat ", " ERROR ");
  }

  private static String status(HttpClient client, HttpRequest request) {
    try {
      return String.valueOf(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e.toString();
    }
  }

  /** The first line of the server's answer on this connection, or what happened instead. */
  private static String statusLine(Socket socket) {
    try {
      socket.setSoTimeout(10_000);
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) {
        line.append((char) c);
      }
      return line.toString();
    } catch (IOException e) {
      return e.toString();
    }
  }
}
