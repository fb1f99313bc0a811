package mx.permiso.engine;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;
import org.glassfish.jersey.spi.ExtendedExceptionMapper;

/**
 * Answers the engine REST API's collisions and callers' mistakes with a 4xx in its usual JSON error
 * ({@code type}, {@code message}) instead of a 500, and logs no stack trace for them: they are nobody's
 * fault on the server. Discovered by every Jersey application in the app, so both {@code /engine-rest}
 * and the web apps' engine API ({@code /camunda/api/engine}, what Tasklist and Cockpit call) answer alike.
 */
public class CollisionsAndMistakes implements ForcedAutoDiscoverable {

  static final String TRY_AGAIN = "The case changed while this request was being saved (another person, or one "
      + "of the case's own deadlines, changed it at the same moment). Nothing was saved: reload and try again.";

  @Override
  public void configure(FeatureContext context) {
    for (Class<?> mapper : new Class<?>[] {AlreadyClaimed.class, Collision.class, Engine.class, Wrapped.class}) {
      if (!context.getConfiguration().isRegistered(mapper)) {
        context.register(mapper);
      }
    }
  }

  static Response error(Response.Status status, Throwable cause, String message) {
    ExceptionDto body = ExceptionDto.fromException(cause);
    body.setMessage(message);
    return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
  }

  /**
   * The engine's messages (by their stable code) that name a request missing what it must say: the engine
   * throws them as plain engine exceptions, which the REST API answers with a 500.
   */
  static final Set<String> INCOMPLETE_REQUESTS = Set.of(
      "ENGINE-13050" /* setting retries: neither jobIds nor a jobQuery */);

  /** The answer for an engine exception that is a collision or the caller's mistake, if it is one. */
  static Optional<Response> answer(Throwable e) {
    if (e instanceof TaskAlreadyClaimedException claimed) {
      return Optional.of(error(Response.Status.CONFLICT, claimed,
          "Task " + claimed.getTaskId() + " is already claimed by " + claimed.getTaskAssignee() + "."));
    }
    if (e instanceof OptimisticLockingException) {
      return Optional.of(error(Response.Status.CONFLICT, e, TRY_AGAIN));
    }
    if (e instanceof ProcessEngineException && e.getMessage() != null
        && INCOMPLETE_REQUESTS.stream().anyMatch(code -> e.getMessage().startsWith(code + " "))) {
      return Optional.of(error(Response.Status.BAD_REQUEST, e, e.getMessage()));
    }
    return Optional.empty();
  }

  /** Someone else holds the task: 409, naming who. */
  public static class AlreadyClaimed implements ExceptionMapper<TaskAlreadyClaimedException> {
    @Override
    public Response toResponse(TaskAlreadyClaimedException e) {
      return answer(e).orElseThrow();
    }
  }

  /**
   * Two transactions changed the same case at once and this one lost: nothing of it was committed, so
   * the caller may simply send it again. Not retried here: a request may have changed things outside the
   * engine's transaction (such as sent an email) that a retry would repeat.
   */
  public static class Collision implements ExceptionMapper<OptimisticLockingException> {
    @Override
    public Response toResponse(OptimisticLockingException e) {
      return answer(e).orElseThrow();
    }
  }

  /** The engine's own exceptions above, ahead of the REST API's mapper of the same type, which handles the rest. */
  @Priority(Priorities.USER - 100)
  public static class Engine implements ExtendedExceptionMapper<ProcessEngineException> {
    @Override
    public boolean isMappable(ProcessEngineException e) {
      return answer(e).isPresent();
    }

    @Override
    public Response toResponse(ProcessEngineException e) {
      return answer(e).orElseThrow();
    }
  }

  /**
   * Some of the REST API's resources (completing a task, for one) wrap every engine exception in a 500 of
   * their own; unwrapped here when the engine's exception is one of the above. Ahead of the REST API's own
   * mapper of the same type, which handles everything else.
   */
  @Priority(Priorities.USER - 100)
  public static class Wrapped implements ExtendedExceptionMapper<RestException> {
    @Override
    public boolean isMappable(RestException e) {
      return unwrapped(e).isPresent();
    }

    @Override
    public Response toResponse(RestException e) {
      return unwrapped(e).orElseThrow();
    }

    private static Optional<Response> unwrapped(RestException e) {
      if (e.getCause() == null) {
        return Optional.empty();
      }
      // Reading a variable of a task or instance that is no more (done, ended): see CallersMistakes.
      if ((e.getCause() instanceof NotFoundException || e.getCause() instanceof NullValueException)
          && e.getMessage() != null && e.getMessage().startsWith("Cannot get ")) {
        return Optional.of(error(Response.Status.NOT_FOUND, e.getCause(), e.getMessage()));
      }
      return answer(e.getCause());
    }
  }
}
