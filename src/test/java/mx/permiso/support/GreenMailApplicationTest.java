package mx.permiso.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application on PostgreSQL ({@link PostgresApplicationTest}) sending email to the
 * GreenMail server a test registers on port 3025; the test runs the dispatcher itself, and the
 * job executor looks for due jobs often. A test's own {@code @TestPropertySource} adds to these.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@PostgresApplicationTest
@TestPropertySource(properties = {
    "spring.mail.host=localhost",
    "spring.mail.port=3025",
    "permiso.mail.dispatcher-enabled=false",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"
})
public @interface GreenMailApplicationTest {
}
