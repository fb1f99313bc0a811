package mx.permiso.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on localhost in front of a test SMTP server, through which one application node
 * sends its mail: it counts the connections it forwards and, once told to {@link #hold()}, accepts
 * new connections but forwards nothing, so the node waits for a greeting that never comes.
 * One sender at a time is expected (a node's dispatcher sends one round after the other, each over
 * one connection).
 */
public final class SmtpRelay implements AutoCloseable {

  private final ServerSocket listener;
  private final int targetPort;
  // The accept loop, and two pumps for each of up to three connections at once.
  private final ExecutorService threads = Executors.newFixedThreadPool(7);
  private final AtomicBoolean holding = new AtomicBoolean();
  private final AtomicInteger forwarded = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final List<Socket> held = new CopyOnWriteArrayList<>();

  public SmtpRelay(int targetPort) {
    this.targetPort = targetPort;
    try {
      this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    threads.execute(this::accept);
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** From now on, connections are accepted and left waiting, nothing forwarded. */
  public void hold() {
    holding.set(true);
  }

  /** Connections forwarded to the SMTP server so far. */
  public int forwardedConnections() {
    return forwarded.get();
  }

  /** Forwarded connections not yet closed by both ends. */
  public int openConnections() {
    return open.get();
  }

  /** Connections accepted since {@link #hold()}, left waiting. */
  public int heldConnections() {
    return held.size();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        if (holding.get()) {
          held.add(client);
          continue;
        }
        Socket server = connectOrDrop(client);
        forwarded.incrementAndGet();
        open.incrementAndGet();
        AtomicInteger directions = new AtomicInteger(2);
        Runnable finished = () -> {
          if (directions.decrementAndGet() == 0) {
            closeQuietly(client);
            closeQuietly(server);
            open.decrementAndGet();
          }
        };
        threads.execute(() -> pump(client, server, finished));
        threads.execute(() -> pump(server, client, finished));
      } catch (IOException closedOrRefused) {
        // the relay is closing, or the SMTP server refused: the sender sees its connection fail
      }
    }
  }

  private Socket connectOrDrop(Socket client) throws IOException {
    try {
      return new Socket(InetAddress.getLoopbackAddress(), targetPort);
    } catch (IOException refused) {
      closeQuietly(client);
      throw refused;
    }
  }

  /** Copies one direction until its end closes, then passes the close on. */
  private static void pump(Socket from, Socket to, Runnable finished) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
      to.shutdownOutput();
    } catch (IOException oneEndWentAway) {
      closeQuietly(from);
      closeQuietly(to);
    } finally {
      finished.run();
    }
  }

  @Override
  public void close() {
    closeQuietly(listener);
    held.forEach(SmtpRelay::closeQuietly);
    threads.shutdownNow();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // already closed
    }
  }
}
