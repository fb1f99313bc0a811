package mx.permiso.engine;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.junit.jupiter.api.Test;

class CollisionsAndMistakesTest {

  @Test
  void aCollisionIs409AskingToTryAgain() {
    Response response = new CollisionsAndMistakes.Collision().toResponse(new OptimisticLockingException("ENGINE-03005"));

    assertThat(response.getStatus()).isEqualTo(409);
    ExceptionDto body = (ExceptionDto) response.getEntity();
    assertThat(body.getType()).isEqualTo("OptimisticLockingException");
    assertThat(body.getMessage()).contains("try again").doesNotContain("ENGINE-03005");
  }

  @Test
  void aTaskSomeoneElseHoldsIs409NamingThem() {
    Response response = new CollisionsAndMistakes.AlreadyClaimed()
        .toResponse(new TaskAlreadyClaimedException("task-1", "lucia"));

    assertThat(response.getStatus()).isEqualTo(409);
    assertThat(((ExceptionDto) response.getEntity()).getMessage()).isEqualTo("Task task-1 is already claimed by lucia.");
  }

  @Test
  void aCollisionWrappedByTheRestApiIsUnwrappedAndAnythingElseLeftToIt() {
    CollisionsAndMistakes.Wrapped wrapped = new CollisionsAndMistakes.Wrapped();
    RestException collision = new RestException(Response.Status.INTERNAL_SERVER_ERROR,
        new OptimisticLockingException("ENGINE-03005"), "Cannot complete task task-1");

    assertThat(wrapped.isMappable(collision)).isTrue();
    assertThat(wrapped.toResponse(collision).getStatus()).isEqualTo(409);
    assertThat(wrapped.isMappable(new RestException(Response.Status.INTERNAL_SERVER_ERROR,
        new ProcessEngineException("broken"), "Cannot complete task task-1"))).isFalse();
    assertThat(wrapped.isMappable(new RestException("no cause"))).isFalse();
  }

  @Test
  void retriesForNoJobAreABadRequestAndOtherEngineFailuresStayTheRestApis() {
    CollisionsAndMistakes.Engine engine = new CollisionsAndMistakes.Engine();
    ProcessEngineException noJobs = new ProcessEngineException(
        "ENGINE-13050 You must specify at least one of jobIds or jobQuery.");

    assertThat(engine.isMappable(noJobs)).isTrue();
    assertThat(engine.toResponse(noJobs).getStatus()).isEqualTo(400);
    assertThat(engine.isMappable(new ProcessEngineException("ENGINE-03051 a listener failed"))).isFalse();
  }
}
