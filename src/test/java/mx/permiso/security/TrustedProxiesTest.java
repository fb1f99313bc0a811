package mx.permiso.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

  @Test
  void theProxiesAreMatchedExactlyAsTomcatWritesAddresses() {
    Pattern proxies = Pattern.compile(new TrustedProxies(List.of(" 172.28.0.10", "::1", "")).pattern());

    assertThat(proxies.matcher("172.28.0.10").matches()).isTrue();
    assertThat(proxies.matcher("0:0:0:0:0:0:0:1").matches()).as("IPv6 as Tomcat writes it").isTrue();
    assertThat(proxies.matcher("172.28.0.100").matches()).isFalse();
    assertThat(proxies.matcher("172x28x0x10").matches()).as("dots are dots").isFalse();
    assertThat(proxies.matcher("127.0.0.1").matches()).isFalse();
  }

  @Test
  void noProxyMeansNobodyIsBelieved() {
    assertThat(new TrustedProxies(List.of()).pattern()).isEmpty();
  }

  @Test
  void aHostNameIsRefusedNotLookedUp() {
    assertThatThrownBy(() -> new TrustedProxies(List.of("proxy.example"))).hasMessageContaining("proxy.example")
        .hasMessageContaining("not an IP address");
  }
}
