package mx.permiso.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a real PostgreSQL database of its own, served on a random port.
 * The application is closed after the test class: the engine registers itself globally as
 * "default" (the web apps and the REST API look it up by that name), so only one may run at a time.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.admin-user.password=" + TestUsers.ADMIN_PASSWORD
})
@ContextConfiguration(initializers = PostgresInitializer.class)
@DirtiesContext
public @interface PostgresApplicationTest {
}
