package mx.permiso.security;

import static org.springframework.security.config.Customizer.withDefaults;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach what over HTTP.
 *
 * <ul>
 *   <li>{@code /engine-rest/**}: HTTP Basic against the engine's users, then the engine's
 *       authorizations decide per call; writes from another site's pages are refused ({@link SameOriginWrites}).</li>
 *   <li>{@code /camunda/**}: Tasklist, Cockpit and Admin bring their own login, session and CSRF
 *       protection; the engine's authorizations decide what each user sees.</li>
 *   <li>Actuator: only health is public; everything else needs a manager or an admin.</li>
 *   <li>{@code /api/cases/**}: the firm's staff (legal staff, managers, admins), with HTTP Basic;
 *       reading also with a Tasklist login (documents linked from task forms); writes from another site's
 *       pages are refused.</li>
 *   <li>{@code /cases/**}: the case board and each case's page, for staff logged in to Tasklist or Cockpit
 *       (or HTTP Basic); a browser without a login is sent to the web apps' login page. The case page's
 *       forms carry a CSRF token kept in the staff member's session.</li>
 *   <li>{@code /api/intake}: public, the front door for new cases.</li>
 *   <li>The client's pages ({@code /intake}, {@code /c/{token}}) and their assets: public; the
 *       secret link is the key to one case. CSRF tokens in a cookie (no server session, so any
 *       node can check them), a strict content security policy, no referrer (the link is secret).</li>
 *   <li>Anything else needs a login until a later page declares itself public.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  /**
   * Matches the path within the application whichever servlet serves it: the REST API (Jersey)
   * and the web apps are not behind Spring MVC's dispatcher, so MVC-based matchers would miss them.
   */
  private static RequestMatcher path(String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(pattern);
  }

  /**
   * A chain for callers that send credentials (or nothing) with every request and hold no
   * session cookie: there is nothing for a cross-site request to ride on, so no CSRF token.
   */
  private static HttpSecurity stateless(HttpSecurity http, RequestMatcher matcher) throws Exception {
    return http
        .securityMatcher(matcher)
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
  }

  /**
   * A chain that reads the web apps' login from their session: the session is theirs, so it is
   * never renewed here (renewing it would log out a browser tab still holding the old id).
   */
  private static HttpSecurity withWebappSession(HttpSecurity http) throws Exception {
    return http.sessionManagement(session -> session.sessionFixation(fixation -> fixation.none()));
  }

  private static final String[] OPERATORS = {StaffGroups.MANAGERS, StaffGroups.ADMINS};
  private static final String[] STAFF = {StaffGroups.LEGAL_STAFF, StaffGroups.MANAGERS, StaffGroups.ADMINS};

  @Bean
  @Order(1)
  SecurityFilterChain engineRest(HttpSecurity http, IdentityService identityService,
      @Value("${permiso.public-base-url}") String publicBaseUrl) throws Exception {
    return stateless(http, path("/engine-rest/**"))
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .addFilterBefore(new SameOriginWrites(publicBaseUrl), BasicAuthenticationFilter.class)
        .httpBasic(withDefaults())
        .addFilterAfter(new EngineRestIdentityFilter(identityService), BasicAuthenticationFilter.class)
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain camundaWebapps(HttpSecurity http) throws Exception {
    // The web apps authenticate against the engine themselves and send their own security headers.
    return http
        .securityMatcher(path("/camunda/**"))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(AbstractHttpConfigurer::disable)
        .headers(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .securityContext(AbstractHttpConfigurer::disable)
        .sessionManagement(AbstractHttpConfigurer::disable)
        .build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain actuator(HttpSecurity http) throws Exception {
    return stateless(http, EndpointRequest.toAnyEndpoint())
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
            .anyRequest().hasAnyRole(OPERATORS))
        .httpBasic(withDefaults())
        .build();
  }

  @Bean
  @Order(4)
  SecurityFilterChain staffApi(HttpSecurity http, ProcessEngine engine, IdentityServiceAuthenticationProvider users,
      @Value("${permiso.public-base-url}") String publicBaseUrl) throws Exception {
    // Changes come from staff tools with HTTP Basic; a browser that remembers the credentials (or holds the web
    // apps' session) would send them with another site's form too, so writes from other sites are refused.
    return withWebappSession(stateless(http, path("/api/cases/**")))
        .authorizeHttpRequests(requests -> requests.anyRequest().hasAnyRole(STAFF))
        .addFilterBefore(new SameOriginWrites(publicBaseUrl), BasicAuthenticationFilter.class)
        .httpBasic(withDefaults())
        .addFilterBefore(new WebappSessionAuthenticationFilter(engine.getName(), users), BasicAuthenticationFilter.class)
        .build();
  }

  /** The firm's own pages: no script at all, never framed; images their own (and the empty inline favicon). */
  static final String STAFF_PAGES_POLICY = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
      + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

  @Bean
  @Order(5)
  SecurityFilterChain staffPages(HttpSecurity http, ProcessEngine engine, IdentityServiceAuthenticationProvider users)
      throws Exception {
    // The Tasklist/Cockpit login (or HTTP Basic, for scripts fetching the CSV); a browser without a login is sent to
    // the web apps' login. The case page's forms change cases: each carries a CSRF token kept in the staff member's
    // session, so another site's form, or a client's page with its own token, cannot post them.
    return withWebappSession(http.securityMatcher(new OrRequestMatcher(path("/cases"), path("/cases.csv"),
        path("/cases/**"))))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // The login is read from the web apps' session at each request, not made here: a token renewed at each
        // "login" would expire the form of every other open case page of the same staff member.
        .csrf(csrf -> csrf.csrfTokenRepository(new HttpSessionCsrfTokenRepository())
            .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
        .requestCache(AbstractHttpConfigurer::disable)
        .authorizeHttpRequests(requests -> requests.anyRequest().hasAnyRole(STAFF))
        .httpBasic(withDefaults())
        .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
            new LoginRedirect("/camunda/app/tasklist/default/"), LoginRedirect::isBrowser))
        .addFilterBefore(WebappSessionAuthenticationFilter.withForms(engine.getName(), users),
            BasicAuthenticationFilter.class)
        .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(STAFF_PAGES_POLICY)))
        .build();
  }

  @Bean
  @Order(6)
  SecurityFilterChain intakeApi(HttpSecurity http) throws Exception {
    // Public JSON for the firm's website: no cookies, no session, so no CSRF to defend against.
    return stateless(http, path("/api/intake"))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .build();
  }

  /** The client's pages: only what they load themselves, no inline script, never framed. */
  static final String CLIENT_PAGES_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

  /** The CSRF cookie of the client's pages; not the web apps' XSRF-TOKEN, which lives beside it. */
  static final String CSRF_COOKIE = "permiso-csrf";

  @Bean
  @Order(7)
  SecurityFilterChain clientPages(HttpSecurity http) throws Exception {
    CookieCsrfTokenRepository csrfCookies = new CookieCsrfTokenRepository();
    csrfCookies.setCookieName(CSRF_COOKIE);
    csrfCookies.setCookieCustomizer(cookie -> cookie.path("/").sameSite("Lax"));
    return http
        .securityMatcher(new OrRequestMatcher(path("/"), path("/error"), path("/intake"), path("/intake/**"),
            path("/c/**"), path("/css/**"), path("/js/**"), path("/favicon.ico"), path("/api/openapi.yaml")))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.csrfTokenRepository(csrfCookies))
        // The token is made before the page is written, so its cookie goes out with the page's headers.
        .addFilterAfter(new LoadCsrfTokenFilter(), CsrfFilter.class)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        .headers(headers -> headers
            .contentSecurityPolicy(csp -> csp.policyDirectives(CLIENT_PAGES_POLICY))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
        .build();
  }

  @Bean
  @Order(8)
  SecurityFilterChain application(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .httpBasic(withDefaults())
        .build();
  }
}
