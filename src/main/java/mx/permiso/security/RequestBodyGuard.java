package mx.permiso.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.BadRequestException;
import org.apache.coyote.InputBuffer;
import org.apache.tomcat.util.net.ApplicationBufferHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Bounds what requests with a body may hold of the server, on every path (the web apps' login
 * too), in Tomcat before any filter or servlet: one address may have only so many of them in
 * progress at once, the extra ones are refused at once with 503 before their body is read (Tomcat
 * then closes the connection without draining it); a body still arriving after the deadline is
 * given up on, however it is read (form parameters, uploads, streams), and Tomcat answers 400 and
 * closes the connection. A body that fails to arrive (too slow, timed out, the client gone) is
 * logged here once, in one line; Tomcat and the JAX-RS runtime of the web apps and the REST API
 * (Jersey) would log it again, at WARN and ERROR with stack traces of some 150 lines each, so
 * every log line caused by it is dropped.
 */
public class RequestBodyGuard extends ValveBase {

  private static final Logger log = LoggerFactory.getLogger(RequestBodyGuard.class);

  private final int perAddress;
  private final Duration deadline;
  private final ConcurrentHashMap<String, Integer> inProgress = new ConcurrentHashMap<>();

  public RequestBodyGuard(int perAddress, Duration deadline) {
    super(true);
    this.perAddress = perAddress;
    this.deadline = deadline;
  }

  @Override
  protected void startInternal() throws LifecycleException {
    super.startInternal();
    // Every log line ends in Logback (java.util.logging is bridged to it). Installed at every start, as a
    // new logging set-up (a restart of the context) clears it.
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback
        && logback.getTurboFilterList().stream().noneMatch(QuietAboutUnreceivedBodies.class::isInstance)) {
      logback.addTurboFilter(new QuietAboutUnreceivedBodies());
    }
  }

  @Override
  public void invoke(Request request, Response response) throws IOException, ServletException {
    if (request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null) {
      getNext().invoke(request, response);
      return;
    }
    String address = ClientAddresses.key(request.getRemoteAddr());
    if (!enter(address)) {
      // 503 makes Tomcat close the connection instead of reading the rest of the body to reuse it.
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      response.setHeader("Connection", "close");
      response.setHeader("Retry-After", "10");
      response.setContentType("text/plain;charset=UTF-8");
      response.getWriter().write("Too many requests in progress from your address.\n");
      return;
    }
    org.apache.coyote.Request coyoteRequest = request.getCoyoteRequest();
    InputBuffer socket = coyoteRequest.getInputBuffer();
    DeadlineBuffer body = new DeadlineBuffer(socket, System.nanoTime() + deadline.toNanos());
    coyoteRequest.setInputBuffer(body);
    try {
      getNext().invoke(request, response);
    } finally {
      // The processor keeps its request for the connection's next one, which must read from the socket as usual.
      coyoteRequest.setInputBuffer(socket);
      leave(address);
      if (body.failure != null) {
        log.warn("Gave up on a request body from {} to {} {} after {} ms: {}", request.getRemoteAddr(),
            request.getMethod(), request.getRequestURI(),
            Duration.ofNanos(System.nanoTime() - body.started).toMillis(), body.failure);
      }
    }
  }

  private boolean enter(String address) {
    boolean[] admitted = {false};
    inProgress.compute(address, (key, count) -> {
      int current = count == null ? 0 : count;
      if (current >= perAddress) {
        return count;
      }
      admitted[0] = true;
      return current + 1;
    });
    return admitted[0];
  }

  private void leave(String address) {
    inProgress.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
  }

  private static boolean causedByUnreceivedBody(Throwable thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnreceivedBodyException) {
        return true;
      }
    }
    return false;
  }

  /** Drops the log lines about a body this valve has already logged. */
  private static final class QuietAboutUnreceivedBodies extends TurboFilter {

    @Override
    public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format,
        Object[] params, Throwable thrown) {
      return causedByUnreceivedBody(thrown) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
  }

  /**
   * The request's body as Tomcat reads it from the socket, refused once the deadline has passed.
   * One read blocks at most Tomcat's connection timeout, so a body holds its thread at most the
   * deadline plus that timeout.
   */
  private static final class DeadlineBuffer implements InputBuffer {

    final long started = System.nanoTime();
    private final InputBuffer socket;
    private final long deadlineNanos;
    volatile String failure;

    DeadlineBuffer(InputBuffer socket, long deadlineNanos) {
      this.socket = socket;
      this.deadlineNanos = deadlineNanos;
    }

    @Override
    public int doRead(ApplicationBufferHandler handler) throws IOException {
      if (failure != null) {
        throw new UnreceivedBodyException(failure, null);
      }
      if (System.nanoTime() - deadlineNanos > 0) {
        failure = "not received within the deadline";
        throw new UnreceivedBodyException(failure, null);
      }
      try {
        return socket.doRead(handler);
      } catch (BadRequestException malformed) {
        // Tomcat answers it with 400 itself; nothing slow about it.
        throw malformed;
      } catch (IOException e) {
        failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
        throw new UnreceivedBodyException(failure, e);
      }
    }

    @Override
    public int available() {
      return socket.available();
    }
  }

  /** A request body that did not arrive, already logged by {@link RequestBodyGuard}. */
  static final class UnreceivedBodyException extends IOException {

    UnreceivedBodyException(String reason, IOException cause) {
      super("request body " + reason, cause);
    }
  }
}
