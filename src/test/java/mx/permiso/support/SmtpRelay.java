package mx.permiso.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on localhost in front of a test SMTP server, through which one application node
 * sends its mail: it counts the connections it forwards and, once told to {@link #hold()}, forwards
 * no new command: a new connection waits for a greeting that never comes, and an open one waits for
 * the answer to its next command (an email's {@code DATA} already under way goes through to its end and
 * its answer). A sender that waits for its next command's answer has recorded every email it sent
 * (the dispatcher records each before its next command). One sender at a time is expected (a node's
 * dispatcher sends over one connection at a time).
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

  /** From now on, new connections and the next command of open ones are left waiting, not forwarded. */
  public void hold() {
    holding.set(true);
  }

  /** Connections forwarded to the SMTP server so far. */
  public int forwardedConnections() {
    return forwarded.get();
  }

  /** Forwarded connections not yet closed by both ends nor left waiting for a command's answer. */
  public int openConnections() {
    return open.get();
  }

  /** Connections left waiting since {@link #hold()}: new ones, and open ones stopped at a command. */
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
        threads.execute(() -> {
          if (forwardCommands(client, server)) {
            pumpClosed(client, server, finished);
          } else {
            held.add(client);
            open.decrementAndGet();
          }
        });
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

  /**
   * Copies the sender's lines to the server until the sender closes (true) or, once holding, a command
   * comes outside an email's {@code DATA} (false: the command is not forwarded, the connection is left as it is).
   */
  private boolean forwardCommands(Socket client, Socket server) {
    try {
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream out = server.getOutputStream();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      boolean inData = false;
      for (int b = in.read(); b != -1; b = in.read()) {
        line.write(b);
        if (b != '\n') {
          continue;
        }
        String text = line.toString(StandardCharsets.ISO_8859_1).strip();
        if (!inData && holding.get()) {
          return false;
        }
        inData = inData ? !text.equals(".") : text.equalsIgnoreCase("DATA");
        line.writeTo(out);
        out.flush();
        line.reset();
      }
      return true;
    } catch (IOException oneEndWentAway) {
      return true;
    }
  }

  /** The sender has closed its side (or a side went away): passes the close on. */
  private static void pumpClosed(Socket client, Socket server, Runnable finished) {
    try {
      server.shutdownOutput();
    } catch (IOException alreadyGone) {
      closeQuietly(client);
      closeQuietly(server);
    } finally {
      finished.run();
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
