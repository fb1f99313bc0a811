package mx.permiso.engine;

import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;

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
    for (Class<?> mapper : new Class<?>[] {AlreadyClaimed.class, Collision.class}) {
      if (!context.getConfiguration().isRegistered(mapper)) {
        context.register(mapper);
      }
    }
  }

  static Response error(Response.Status status, Throwable cause, String message) {
    ExceptionDto body = ExceptionDto.fromException(cause);
    body.setMessage(message);
    body.setCode(null);
    return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
  }

  /** Someone else holds the task: 409, naming who. */
  public static class AlreadyClaimed implements ExceptionMapper<TaskAlreadyClaimedException> {
    @Override
    public Response toResponse(TaskAlreadyClaimedException e) {
      return error(Response.Status.CONFLICT, e,
          "Task " + e.getTaskId() + " is already claimed by " + e.getTaskAssignee() + ".");
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
      return error(Response.Status.CONFLICT, e, TRY_AGAIN);
    }
  }
}
