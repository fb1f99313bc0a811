package mx.permiso.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * Who a request comes from, for counting: an IPv4 address as it is, an IPv6 address by its /64
 * network, since one IPv6 client holds a whole /64 and could take a new address per request.
 */
final class ClientAddresses {

  private ClientAddresses() {
  }

  static String key(String remoteAddress) {
    if (remoteAddress == null || remoteAddress.indexOf(':') < 0) {
      return remoteAddress;
    }
    try {
      // An IP literal: parsed, never looked up.
      byte[] bytes = InetAddress.getByName(remoteAddress).getAddress();
      return bytes.length == 16 ? HexFormat.of().formatHex(bytes, 0, 8) + "::/64" : remoteAddress;
    } catch (UnknownHostException notALiteral) {
      return remoteAddress;
    }
  }
}
