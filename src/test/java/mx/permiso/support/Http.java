package mx.permiso.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * A small HTTP client for tests: plain and Basic-authenticated calls, and a browser-like
 * session for the Camunda web apps (cookies plus their CSRF handshake).
 */
public final class Http {

  private final String baseUrl;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient client;

  public Http(String baseUrl) {
    this.baseUrl = baseUrl;
    this.client = HttpClient.newBuilder()
        .cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  public static Http at(int port) {
    return new Http("http://localhost:" + port);
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  public HttpResponse<String> get(String path, String user, String password) {
    return send(request(path).header("Authorization", basic(user, password)).GET().build());
  }

  public HttpResponse<String> postJson(String path, String json, String user, String password) {
    return send(request(path)
        .header("Authorization", basic(user, password))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  /** A multipart form upload of one file (field {@code file}) plus plain fields. */
  public HttpResponse<String> upload(String path, String fileName, byte[] content, String user, String password) {
    String boundary = "----permiso" + System.nanoTime();
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + content.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(content, 0, body, head.length, content.length);
    System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
    return send(request(path)
        .header("Authorization", basic(user, password))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  /**
   * Logs in to one of the web apps ({@code tasklist}, {@code cockpit}, {@code admin}) the way the
   * browser does: fetch a page for the CSRF cookie, then post the credentials with its token.
   */
  public HttpResponse<String> webappLogin(String app, String user, String password) {
    get("/camunda/app/" + app + "/default/");
    String form = "username=" + encode(user) + "&password=" + encode(password);
    return send(request("/camunda/api/admin/auth/user/default/login/" + app)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", csrfToken().orElseThrow(() -> new IllegalStateException("no XSRF-TOKEN cookie")))
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
  }

  /** A GET within the web app session, carrying the CSRF token as the web apps do. */
  public HttpResponse<String> webappGet(String path) {
    HttpRequest.Builder builder = request(path).header("Accept", "application/json").GET();
    csrfToken().ifPresent(token -> builder.header("X-XSRF-TOKEN", token));
    return send(builder.build());
  }

  private Optional<String> csrfToken() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue)
        .findFirst();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
