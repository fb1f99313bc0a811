package mx.permiso.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mx.permiso.support.Http;
import mx.permiso.support.PostgresApplicationTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The intake page on PostgreSQL, used over HTTP as a browser does: its language, its checks
 * shown next to each field, its CSRF protection, and the case it starts.
 */
@PostgresApplicationTest
class IntakePageIT {

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  @Autowired
  JdbcTemplate jdbc;

  private static LocalDate today() {
    return LocalDate.now(ZoneId.of("America/Mexico_City"));
  }

  private static Map<String, String> goodIntake(String csrf) {
    Map<String, String> form = new HashMap<>();
    form.put("_csrf", csrf);
    form.put("lang", "es");
    form.put("clientName", "María José Pérez");
    form.put("clientEmail", "maria@example.com");
    form.put("phone", "+52 442 123 4567");
    form.put("language", "es");
    form.put("scenario", "FAMILY_UNITY");
    form.put("nut", "");
    form.put("numeroPieza", "PZ-2026/77");
    form.put("inmOffice", "San Miguel de Allende");
    form.put("departureDate", today().plusDays(15).toString());
    form.put("plannedReturnDate", today().plusDays(45).toString());
    form.put("emergencyReason", "");
    form.put("acceptTerms", "true");
    form.put("acceptPrivacy", "true");
    return form;
  }

  private long cases() {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("exit-reentry-permit")
        .count();
  }

  private static Map<String, String> fieldErrors(String page) {
    Map<String, String> errors = new HashMap<>();
    Matcher error = Pattern.compile("id=\"([A-Za-z]+)-error\">([^<]+)<").matcher(page);
    while (error.find()) {
      errors.put(error.group(1), error.group(2));
    }
    return errors;
  }

  @Test
  void thePageSpeaksTheBrowsersLanguageUnlessTheClientSwitches() {
    Http browser = Http.at(port);
    assertThat(browser.page("/intake", "es-MX,es;q=0.9,en;q=0.8").body())
        .contains("<html lang=\"es\">", "Solicite su permiso de salida y regreso", "href=\"/intake?lang=en\"");
    assertThat(browser.page("/intake", "en-GB,en;q=0.9").body())
        .contains("<html lang=\"en\">", "Request your exit and re-entry permit", "href=\"/intake?lang=es\"");
    assertThat(browser.page("/intake?lang=es", "en-US").body()).contains("<html lang=\"es\">");
    assertThat(browser.page("/intake", "fr-FR,de;q=0.5").body()).as("neither: English").contains("<html lang=\"en\">");
    assertThat(browser.page("/intake", "fr-FR,es;q=0.5").body()).as("Spanish among them").contains("<html lang=\"es\">");
  }

  @Test
  void aGoodIntakeStartsTheCaseAndShowsItsNumber() {
    Http browser = Http.at(port);
    String csrf = Http.csrfToken(browser.page("/intake", "es"));

    HttpResponse<String> sent = browser.postForm("/intake", goodIntake(csrf));

    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
    String location = sent.headers().firstValue("Location").orElseThrow();
    Matcher number = Pattern.compile("/intake/received\\?case=(EXR-\\d{4}-\\d{4})&lang=es$").matcher(location);
    assertThat(number.find()).as(location).isTrue();
    String caseNumber = number.group(1);
    HttpResponse<String> confirmation = browser.page(location.substring(location.indexOf("/intake")), "en");
    assertThat(confirmation.body()).contains("Gracias: recibimos su solicitud", "id=\"case-number\">" + caseNumber + "<");

    var variables = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
        .singleResult();
    assertThat(variables).isNotNull();
    assertThat(engine.getRuntimeService().getVariables(variables.getId(), List.of("clientName", "language", "scenario",
        "nut", "numeroPieza", "inmOffice"))).containsEntry("clientName", "María José Pérez")
        .containsEntry("language", "es").containsEntry("scenario", "FAMILY_UNITY").containsEntry("nut", null)
        .containsEntry("numeroPieza", "PZ-2026/77").containsEntry("inmOffice", "San Miguel de Allende");
  }

  @Test
  void badValuesAreShownNextToTheirFieldsKeptEscapedAndNothingStarts() {
    Http browser = Http.at(port);
    String csrf = Http.csrfToken(browser.page("/intake?lang=es", "es"));
    long before = cases();
    Map<String, String> bad = goodIntake(csrf);
    bad.put("clientName", "<script>alert('x')</script>");
    bad.put("clientEmail", "maria.example.com");
    bad.put("departureDate", today().minusDays(1).toString());
    bad.put("plannedReturnDate", "2026-13-45");
    bad.put("scenario", "EMERGENCY");
    bad.remove("acceptPrivacy");

    HttpResponse<String> page = browser.postForm("/intake", bad);

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(fieldErrors(page.body())).containsOnly(
        Map.entry("clientName", "Use solo letras, números, espacios y . , &#39; ( ) -"),
        Map.entry("clientEmail", "Este correo electrónico no es válido."),
        Map.entry("departureDate", "La fecha de salida ya pasó."),
        Map.entry("plannedReturnDate", "No es una fecha: use aaaa-mm-dd."),
        Map.entry("emergencyReason", "Cuéntenos brevemente cuál es la emergencia."),
        Map.entry("acceptPrivacy", "Acepte el aviso de privacidad."));
    assertThat(page.body()).doesNotContain("<script>alert").contains("value=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\"")
        .contains("value=\"PZ-2026/77\"", "Revise los campos marcados abajo.");
    assertThat(cases()).isEqualTo(before);
    assertThat(jdbc.queryForObject("select count(*) from client_link", Long.class)).isZero();
  }

  @Test
  void aPostWithoutThePagesTokenIsRefused() {
    Http browser = Http.at(port);
    browser.page("/intake", "es");
    long before = cases();
    HttpResponse<String> forged = browser.postForm("/intake", goodIntake("not-the-token"));
    HttpResponse<String> noToken = Http.at(port).postForm("/intake", goodIntake(""));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(noToken.body()).contains("El formulario caducó");
    assertThat(cases()).isEqualTo(before);
  }

  @Test
  void theIntakeApiIsDescribedPublicly() {
    HttpResponse<String> description = Http.at(port).get("/api/openapi.yaml");
    assertThat(description.statusCode()).isEqualTo(200);
    assertThat(description.body()).startsWith("openapi: 3.").contains("/api/intake:", "acceptPrivacy");
  }
}
