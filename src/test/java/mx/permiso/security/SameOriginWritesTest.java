package mx.permiso.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class SameOriginWritesTest {

  private final SameOriginWrites filter = new SameOriginWrites("https://permiso.example.mx/");

  private int status(String method, String header, String value) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest(method, "/engine-rest/task/1/claim");
    request.setScheme("http");
    request.setServerName("node1.internal");
    request.setServerPort(8080);
    if (header != null) {
      request.addHeader(header, value);
    }
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();
    filter.doFilter(request, response, chain);
    return chain.getRequest() == null ? response.getStatus() : 200;
  }

  @Test
  void aRefusalSaysWhy() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/cases/EXR-2026-0001/notes");
    request.addHeader("Origin", "https://evil.example");
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, new MockFilterChain());

    assertThat(response.getStatus()).isEqualTo(403);
    assertThat(response.getContentType()).startsWith("application/json");
    assertThat(response.getContentAsString()).contains("\"field\":\"Origin\"").contains("another site");
  }

  @Test
  void writesNamingAnotherSiteAreRefused() throws Exception {
    assertThat(status("POST", "Origin", "https://evil.example")).isEqualTo(403);
    assertThat(status("PUT", "Origin", "https://permiso.example.mx.evil.example")).isEqualTo(403);
    assertThat(status("DELETE", "Origin", "null")).isEqualTo(403);
    assertThat(status("PATCH", "Referer", "https://evil.example/page")).isEqualTo(403);
    assertThat(status("POST", "Origin", "http://node1.internal:8081")).as("another port").isEqualTo(403);
  }

  @Test
  void writesFromOurOwnAddressesOrNamingNoSitePass() throws Exception {
    assertThat(status("POST", "Origin", "http://node1.internal:8080")).isEqualTo(200);
    assertThat(status("POST", "Origin", "https://permiso.example.mx")).isEqualTo(200);
    assertThat(status("POST", "Origin", "https://PERMISO.example.mx:443")).isEqualTo(200);
    assertThat(status("POST", "Referer", "https://permiso.example.mx/camunda/app/tasklist/")).isEqualTo(200);
    assertThat(status("POST", null, null)).isEqualTo(200);
    assertThat(status("GET", "Origin", "https://evil.example")).as("reads are not writes").isEqualTo(200);
  }
}
