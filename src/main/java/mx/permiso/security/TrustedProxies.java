package mx.permiso.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * The addresses whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed
 * ({@code permiso.trusted-proxies}), with {@code server.forward-headers-strategy=native}: the
 * proxy in front of the nodes, and nobody when none is given. Tomcat's own default believes any
 * private or loopback address, so a client on such a network could name itself anything and
 * escape the per-address limits, or claim HTTPS.
 */
@Component
class TrustedProxies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

  private final List<String> addresses;

  TrustedProxies(@Value("${permiso.trusted-proxies:}") List<String> addresses) {
    this.addresses = addresses.stream().map(String::trim).filter(address -> !address.isEmpty())
        .map(TrustedProxies::literal).toList();
  }

  /** After Spring Boot's own customizer, which adds the valve with Tomcat's defaults. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.getEngineValves().stream()
        .filter(RemoteIpValve.class::isInstance)
        .map(RemoteIpValve.class::cast)
        .forEach(valve -> {
          // An empty expression is none: no address is a proxy.
          valve.setInternalProxies(pattern());
          valve.setTrustedProxies(null);
        });
  }

  String pattern() {
    return addresses.stream().map(Pattern::quote).collect(Collectors.joining("|"));
  }

  /** The address as Tomcat writes a client's (IPv6 in full); a host name is refused, never looked up. */
  private static String literal(String address) {
    if (!address.matches("[0-9A-Fa-f:.]+")) {
      throw new IllegalArgumentException("permiso.trusted-proxies: '" + address + "' is not an IP address");
    }
    try {
      return InetAddress.getByName(address).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("permiso.trusted-proxies: '" + address + "' is not an IP address", e);
    }
  }
}
