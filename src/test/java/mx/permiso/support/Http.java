package mx.permiso.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A small HTTP client for tests: plain and Basic-authenticated calls, and browser-like sessions
 * (cookies kept) for the client's pages and their forms, and for the Camunda web apps (with their
 * CSRF handshake).
 */
public final class Http {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient client;
  private String clientAddress;

  public Http(String baseUrl) {
    this.baseUrl = baseUrl;
    this.client = HttpClient.newBuilder()
        .cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** The body of a 200 answer as JSON (anything else fails the test, with the body as the reason). */
  public static JsonNode json(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code id} of each item of a JSON list answer (the engine's REST lists). */
  public static List<String> ids(HttpResponse<String> list) {
    List<String> ids = new ArrayList<>();
    json(list).forEach(item -> ids.add(item.get("id").asText()));
    return ids;
  }

  public static Http at(int port) {
    return new Http("http://localhost:" + port);
  }

  /**
   * A client at the given address, as a proxy in front of the app names it ({@code X-Forwarded-For});
   * for an app that trusts its proxy ({@code server.forward-headers-strategy}).
   */
  public static Http at(int port, String clientAddress) {
    Http http = at(port);
    http.clientAddress = clientAddress;
    return http;
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

  /** A JSON body without credentials, as the firm's website posts an intake. */
  public HttpResponse<String> postJson(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  /**
   * As a staff member in Tasklist: claims the task unless they hold it already, then submits its form
   * with these fields over the engine's REST API (the answer of the submission).
   */
  public HttpResponse<String> claimAndSubmitForm(String taskId, String currentAssignee, Map<String, Object> fields,
      String user, String password) {
    ObjectMapper json = new ObjectMapper();
    try {
      if (!user.equals(currentAssignee)) {
        HttpResponse<String> claim = postJson("/engine-rest/task/" + taskId + "/claim",
            json.writeValueAsString(Map.of("userId", user)), user, password);
        assertThat(claim.statusCode()).as(claim.body()).isEqualTo(204);
      }
      Map<String, Object> variables = new java.util.LinkedHashMap<>();
      fields.forEach((name, value) -> variables.put(name, Map.of("value", value)));
      return postJson("/engine-rest/task/" + taskId + "/submit-form",
          json.writeValueAsString(Map.of("variables", variables)), user, password);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> putJson(String path, String json, String user, String password) {
    return send(request(path)
        .header("Authorization", basic(user, password))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  /** A JSON request of any method with HTTP Basic and extra headers (such as a browser's Origin). */
  public HttpResponse<String> sendJson(String method, String path, String json, String user, String password,
      Map<String, String> headers) {
    HttpRequest.Builder builder = request(path)
        .header("Authorization", basic(user, password))
        .header("Content-Type", "application/json")
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    headers.forEach(builder::header);
    return send(builder.build());
  }

  /** A multipart form upload of one file (field {@code file}) with HTTP Basic. */
  public HttpResponse<String> upload(String path, String fileName, byte[] content, String user, String password) {
    return upload(path, fileName, content, user, password, Map.of());
  }

  /** A multipart form upload of one file with HTTP Basic and extra headers (such as a browser's Origin). */
  public HttpResponse<String> upload(String path, String fileName, byte[] content, String user, String password,
      Map<String, String> headers) {
    Multipart body = multipart(Map.of(), fileName, content);
    HttpRequest.Builder builder = request(path)
        .header("Authorization", basic(user, password))
        .header("Content-Type", body.contentType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
    headers.forEach(builder::header);
    return send(builder.build());
  }

  /** A page, as a browser asks for it (HTML, in the given languages, keeping cookies). */
  public HttpResponse<String> page(String path, String acceptLanguage) {
    return send(request(path).header("Accept", "text/html").header("Accept-Language", acceptLanguage).GET().build());
  }

  /** A page's form posted as a browser does: its fields URL-encoded, cookies kept. */
  public HttpResponse<String> postForm(String path, Map<String, String> fields) {
    String form = fields.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
        .collect(Collectors.joining("&"));
    return send(request(path).header("Accept", "text/html")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
  }

  /** A page's upload form posted as a browser does: plain fields and one file (field {@code file}). */
  public HttpResponse<String> postFile(String path, Map<String, String> fields, String fileName, byte[] content) {
    Multipart body = multipart(fields, fileName, content);
    return send(request(path).header("Accept", "text/html")
        .header("Content-Type", body.contentType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())).build());
  }

  /** Any body with any content type, as a broken or hostile client might send it (cookies kept). */
  public HttpResponse<String> postRaw(String path, String contentType, byte[] body) {
    return send(request(path).header("Accept", "text/html").header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  /** The CSRF token a page's forms carry (hidden field {@code _csrf}). */
  public static String csrfToken(HttpResponse<String> page) {
    Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
    if (!token.find()) {
      throw new IllegalStateException("The page has no CSRF token: " + page.body());
    }
    return token.group(1);
  }

  private static Multipart multipart(Map<String, String> fields, String fileName, byte[] content) {
    String boundary = "----permiso" + System.nanoTime();
    StringBuilder head = new StringBuilder();
    fields.forEach((name, value) -> head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
        .append(name).append("\"\r\n\r\n").append(value).append("\r\n"));
    head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
        .append(fileName).append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[headBytes.length + content.length + tail.length];
    System.arraycopy(headBytes, 0, body, 0, headBytes.length);
    System.arraycopy(content, 0, body, headBytes.length, content.length);
    System.arraycopy(tail, 0, body, headBytes.length + content.length, tail.length);
    return new Multipart("multipart/form-data; boundary=" + boundary, body);
  }

  private record Multipart(String contentType, byte[] bytes) {
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

  /**
   * A JSON request of any method within the web app session, as the web apps send it: with the CSRF token,
   * and from their own pages (the web apps' CSRF filter wants the page's Origin on changes).
   */
  public HttpResponse<String> webappSend(String method, String path, String json) {
    // The session's token as the web apps learn it: from the header of a read within the session.
    HttpResponse<String> read = webappGet("/camunda/api/engine/engine/");
    String token = read.headers().firstValue("X-XSRF-TOKEN").or(this::csrfToken)
        .orElseThrow(() -> new IllegalStateException("no CSRF token in the web app session"));
    return send(request(path).header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .header("Origin", baseUrl)
        .header("X-XSRF-TOKEN", token)
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
        .build());
  }

  /** The CSRF token of the web app session, as the web apps learn it after login (for {@link #webappCall}). */
  public String webappToken() {
    HttpResponse<String> read = webappGet("/camunda/api/engine/engine/");
    return read.headers().firstValue("X-XSRF-TOKEN").or(this::csrfToken)
        .orElseThrow(() -> new IllegalStateException("no CSRF token in the web app session"));
  }

  /**
   * One call of the web apps within their session, as the browser sends it (JSON, the session's CSRF
   * token, the page's Origin), with a token learnt once: nothing else is sent, for timing one call.
   */
  public HttpResponse<String> webappCall(String method, String path, String json, String token) {
    HttpRequest.Builder builder = request(path).header("Accept", "application/json, text/plain, */*")
        .header("X-XSRF-TOKEN", token).header("Origin", baseUrl);
    if (json != null) {
      builder.header("Content-Type", "application/json");
    }
    return send(builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private Optional<String> csrfToken() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue)
        .findFirst();
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    return clientAddress == null ? builder : builder.header("X-Forwarded-For", clientAddress);
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
