package mx.permiso.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This node's name among the nodes sharing one database: it marks the outbox messages the node is
 * sending, the jobs its job executor holds and the engine's job log. {@code permiso.node-name}, or
 * else the host name with a short random suffix, so two nodes on one host still differ.
 */
@Component
public class NodeName {

  /** The outbox column holding it is this long. */
  static final int MAX_LENGTH = 100;

  private static final Logger LOG = LoggerFactory.getLogger(NodeName.class);

  private final String value;

  public NodeName(@Value("${permiso.node-name:}") String configured) {
    String name = configured == null || configured.isBlank() ? hostName() + "-" + suffix() : configured.strip();
    this.value = name.length() <= MAX_LENGTH ? name : name.substring(0, MAX_LENGTH);
    LOG.info("This node is '{}'", value);
  }

  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return value;
  }

  private static String hostName() {
    try {
      String host = InetAddress.getLocalHost().getHostName();
      return host.length() <= MAX_LENGTH - 7 ? host : host.substring(0, MAX_LENGTH - 7);
    } catch (UnknownHostException e) {
      return "node";
    }
  }

  private static String suffix() {
    byte[] bytes = new byte[3];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
