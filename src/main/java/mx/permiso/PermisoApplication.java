package mx.permiso;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.mail.MailHealthContributorAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Permiso case engine: exit and re-entry permit cases on an embedded Camunda 7 engine. The SMTP server's
 * health check is registered at start when there is a server ({@code mx.permiso.mail.MailConfiguration}).
 */
@SpringBootApplication(exclude = MailHealthContributorAutoConfiguration.class)
public class PermisoApplication {

  public static void main(String[] args) {
    SpringApplication.run(PermisoApplication.class, args);
  }
}
