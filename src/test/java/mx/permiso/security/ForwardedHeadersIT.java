package mx.permiso.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import mx.permiso.support.PostgresApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Forwarded headers are believed only from the configured proxy: here the proxy is another
 * address, so this test, on loopback, is a client that names itself in {@code X-Forwarded-For}
 * and claims HTTPS in {@code X-Forwarded-Proto}, and is believed in neither.
 */
@PostgresApplicationTest
@TestPropertySource(properties = {
    "server.forward-headers-strategy=native",
    "permiso.trusted-proxies=10.255.255.1",
    "permiso.abuse.intakes-per-address=3"
})
class ForwardedHeadersIT {

  @LocalServerPort
  int port;

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void aClientThatIsNotTheProxyIsCountedByItsOwnAddressWhateverItsForwardedForSays() throws Exception {
    for (int i = 1; i <= 3; i++) {
      assertThat(intake("203.0.113." + i).statusCode()).as("intake %d, refused for its content", i).isEqualTo(400);
    }
    HttpResponse<String> fourth = intake("203.0.113.9");
    assertThat(fourth.statusCode()).as("a fourth intake from 127.0.0.1 claiming to be 203.0.113.9").isEqualTo(429);
  }

  @Test
  void aClientThatIsNotTheProxyCannotClaimHttps() throws Exception {
    HttpResponse<String> tasklist = client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/camunda/app/tasklist/default/"))
        .header("X-Forwarded-Proto", "https").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(tasklist.statusCode()).isEqualTo(200);
    assertThat(tasklist.headers().firstValue("Strict-Transport-Security")).isEmpty();
    List<String> cookies = tasklist.headers().allValues("Set-Cookie");
    assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("XSRF-TOKEN="))
        .allSatisfy(cookie -> assertThat(cookie).doesNotContainIgnoringCase("secure"));
  }

  private HttpResponse<String> intake(String forwardedFor) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/intake"))
        .header("Content-Type", "application/json").header("X-Forwarded-For", forwardedFor)
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
  }
}
