package mx.permiso.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import mx.permiso.support.PostgresApplicationTest;
import mx.permiso.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Behind the configured proxy (here 127.0.0.1, this test): the client's address is the one the
 * proxy forwards, and when the proxy says the client came over HTTPS every cookie the application
 * sets is Secure and every page sends HSTS; over plain HTTP neither.
 */
@PostgresApplicationTest
@TestPropertySource(properties = {
    "server.forward-headers-strategy=native",
    "permiso.trusted-proxies=127.0.0.1",
    "permiso.abuse.intakes-per-address=3"
})
class BehindProxyIT {

  private static final String STAFF = "proxied-staff";

  @LocalServerPort
  int port;

  @Autowired
  IdentityService identityService;

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void eachClientBehindTheProxyIsCountedByTheAddressTheProxyForwards() throws Exception {
    for (int i = 1; i <= 3; i++) {
      assertThat(intake("203.0.113.1").statusCode()).as("intake %d, refused for its content", i).isEqualTo(400);
    }
    assertThat(intake("203.0.113.1").statusCode()).as("a fourth from the same client").isEqualTo(429);
    assertThat(intake("203.0.113.2").statusCode()).as("another client behind the proxy").isEqualTo(400);
  }

  @Test
  void behindAnHttpsProxyEveryCookieIsSecureAndEveryPageSendsHsts() throws Exception {
    TestUsers.ensure(identityService, STAFF, StaffGroups.LEGAL_STAFF);

    HttpResponse<String> tasklist = get("/camunda/app/tasklist/default/", "https", null);
    assertThat(tasklist.statusCode()).isEqualTo(200);
    assertThat(tasklist.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(hsts ->
        assertThat(hsts).contains("max-age="));
    List<String> webappCookies = tasklist.headers().allValues("Set-Cookie");
    assertThat(webappCookies).anySatisfy(cookie -> assertThat(cookie).startsWith("XSRF-TOKEN="))
        .anySatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID="))
        .allSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("; Secure"));

    // The login renews the session: its new cookie is Secure too.
    HttpResponse<String> login = client.send(request("/camunda/api/admin/auth/user/default/login/tasklist", "https")
        .header("Cookie", cookieHeader(webappCookies))
        .header("X-XSRF-TOKEN", cookieValue(webappCookies, "XSRF-TOKEN").orElseThrow())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + STAFF + "&password="
            + URLEncoder.encode(TestUsers.PASSWORD, StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    assertThat(login.headers().firstValue("Strict-Transport-Security")).isPresent();
    assertThat(login.headers().allValues("Set-Cookie"))
        .anySatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID="))
        .allSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("; Secure"));

    HttpResponse<String> intakePage = get("/intake", "https", null);
    assertThat(intakePage.statusCode()).isEqualTo(200);
    assertThat(intakePage.headers().firstValue("Strict-Transport-Security")).isPresent();
    assertThat(intakePage.headers().allValues("Set-Cookie"))
        .anySatisfy(cookie -> assertThat(cookie).startsWith(SecurityConfiguration.CSRF_COOKIE + "="))
        .allSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("; Secure"));

    assertThat(get("/cases", "https", STAFF).headers().firstValue("Strict-Transport-Security")).as("the case board")
        .isPresent();
    assertThat(get("/actuator/health", "https", null).headers().firstValue("Strict-Transport-Security")).isPresent();
  }

  @Test
  void overPlainHttpNoCookieIsSecureAndNoPageSendsHsts() throws Exception {
    for (String path : List.of("/camunda/app/tasklist/default/", "/intake")) {
      HttpResponse<String> page = get(path, "http", null);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Strict-Transport-Security")).as(path).isEmpty();
      assertThat(page.headers().allValues("Set-Cookie")).as(path).isNotEmpty()
          .allSatisfy(cookie -> assertThat(cookie).doesNotContainIgnoringCase("secure"));
    }
  }

  private HttpResponse<String> get(String path, String forwardedProto, String staffUser) throws Exception {
    HttpRequest.Builder builder = request(path, forwardedProto).header("Accept", "text/html");
    if (staffUser != null) {
      builder.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
          (staffUser + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
    return client.send(builder.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path, String forwardedProto) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("X-Forwarded-For", "203.0.113.50").header("X-Forwarded-Proto", forwardedProto);
  }

  private HttpResponse<String> intake(String forwardedFor) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/intake"))
        .header("Content-Type", "application/json").header("X-Forwarded-For", forwardedFor)
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String cookieHeader(List<String> setCookies) {
    return setCookies.stream().map(cookie -> cookie.substring(0, cookie.indexOf(';'))).collect(Collectors.joining("; "));
  }

  private static Optional<String> cookieValue(List<String> setCookies, String name) {
    return setCookies.stream().filter(cookie -> cookie.startsWith(name + "="))
        .map(cookie -> cookie.substring(name.length() + 1, cookie.indexOf(';'))).findFirst();
  }
}
