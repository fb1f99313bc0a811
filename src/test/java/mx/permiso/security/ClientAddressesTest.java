package mx.permiso.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressesTest {

  @Test
  void anIpv6ClientCountsByItsNetworkAndAnIpv4ClientByItsAddress() {
    assertThat(ClientAddresses.key("2001:db8:1:2:aaaa::1")).isEqualTo(ClientAddresses.key("2001:db8:1:2:bbbb:cccc:dd:e"))
        .isEqualTo("20010db800010002::/64");
    assertThat(ClientAddresses.key("2001:db8:1:3::1")).isNotEqualTo(ClientAddresses.key("2001:db8:1:2::1"));
    assertThat(ClientAddresses.key("203.0.113.7")).isEqualTo("203.0.113.7");
    assertThat(ClientAddresses.key("203.0.113.8")).isNotEqualTo(ClientAddresses.key("203.0.113.7"));
  }
}
