package mx.permiso.intake;

import java.time.Duration;

/**
 * The intake lost the race for the case number counter every time it tried: nothing was stored, and
 * the client should send it again after {@link #retryAfter()} (503 with {@code Retry-After}).
 */
public class IntakeBusyException extends RuntimeException {

  private final Duration retryAfter;

  public IntakeBusyException(Duration retryAfter, Throwable lastFailure) {
    super("The intake lost every race for a lock; nothing was stored", lastFailure);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
