package mx.permiso.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds what requests with a body may hold of the server, on every path (the web apps' login
 * too): one address may have only so many of them in progress at once, the extra ones are
 * refused at once with 503 before their body is read (Tomcat then closes the connection without
 * draining it); a body still arriving after the deadline is given up on. A body that fails to
 * arrive (too slow, timed out, the client gone) is logged here once, in one line; the web apps'
 * and the REST API's JAX-RS runtime (Jersey) would log it again with a stack trace of some 150
 * lines, so it is told to leave these alone.
 */
public class RequestBodyGuard extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(RequestBodyGuard.class);

  /** Jersey's logger of exceptions no mapper answered; held here, as JUL keeps its loggers only weakly. */
  private static final java.util.logging.Logger JERSEY_RESPONDER =
      java.util.logging.Logger.getLogger("org.glassfish.jersey.server.ServerRuntime$Responder");

  static {
    JERSEY_RESPONDER.setFilter(record -> !causedByUnreceivedBody(record.getThrown()));
  }

  private static boolean causedByUnreceivedBody(Throwable thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnreceivedBodyException) {
        return true;
      }
    }
    return false;
  }

  private final int perAddress;
  private final Duration deadline;
  private final ConcurrentHashMap<String, Integer> inProgress = new ConcurrentHashMap<>();

  public RequestBodyGuard(int perAddress, Duration deadline) {
    this.perAddress = perAddress;
    this.deadline = deadline;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
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
    GuardedRequest guarded = new GuardedRequest(request, System.nanoTime() + deadline.toNanos());
    try {
      chain.doFilter(guarded, response);
    } catch (IOException | ServletException | RuntimeException e) {
      if (guarded.failure == null) {
        throw e;
      }
      // Already the body's failure, logged below; the client is gone or no longer listened to.
    } finally {
      leave(address);
      if (guarded.failure != null) {
        log.warn("Gave up on a request body from {} to {} {} after {} ms: {}", request.getRemoteAddr(),
            request.getMethod(), request.getRequestURI(),
            Duration.ofNanos(System.nanoTime() - guarded.started).toMillis(), guarded.failure);
        if (!response.isCommitted()) {
          // 408 also makes Tomcat close the connection rather than drain the rest of the body.
          response.reset();
          response.setStatus(HttpServletResponse.SC_REQUEST_TIMEOUT);
          response.setHeader("Connection", "close");
        }
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

  /** The request with its body read through {@link DeadlineStream}. */
  private static final class GuardedRequest extends HttpServletRequestWrapper {

    final long started = System.nanoTime();
    final long deadlineNanos;
    volatile String failure;
    private DeadlineStream stream;
    private BufferedReader reader;

    GuardedRequest(HttpServletRequest request, long deadlineNanos) {
      super(request);
      this.deadlineNanos = deadlineNanos;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new DeadlineStream(super.getInputStream(), this);
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      if (reader == null) {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
        reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
      }
      return reader;
    }

    UnreceivedBodyException failed(String reason, IOException cause) {
      if (failure == null) {
        failure = reason;
      }
      return new UnreceivedBodyException(reason, cause);
    }
  }

  /**
   * The body, refused once the deadline has passed. A read blocks at most Tomcat's connection
   * timeout, so a body holds its thread at most the deadline plus that timeout.
   */
  private static final class DeadlineStream extends ServletInputStream {

    private final ServletInputStream body;
    private final GuardedRequest request;

    DeadlineStream(ServletInputStream body, GuardedRequest request) {
      this.body = body;
      this.request = request;
    }

    private void checkDeadline() throws IOException {
      if (request.failure != null) {
        throw new UnreceivedBodyException(request.failure, null);
      }
      if (System.nanoTime() - request.deadlineNanos > 0) {
        throw request.failed("not received within the deadline", null);
      }
    }

    @Override
    public int read() throws IOException {
      checkDeadline();
      try {
        return body.read();
      } catch (IOException e) {
        throw request.failed(describe(e), e);
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      checkDeadline();
      try {
        return body.read(buffer, offset, length);
      } catch (IOException e) {
        throw request.failed(describe(e), e);
      }
    }

    @Override
    public int available() throws IOException {
      return body.available();
    }

    @Override
    public boolean isFinished() {
      return body.isFinished();
    }

    @Override
    public boolean isReady() {
      return body.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      body.setReadListener(listener);
    }

    private static String describe(IOException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
    }
  }

  /** A request body that did not arrive, already logged by this filter. */
  static final class UnreceivedBodyException extends IOException {

    UnreceivedBodyException(String reason, IOException cause) {
      super("request body " + reason, cause);
    }
  }
}
