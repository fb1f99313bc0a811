package mx.permiso;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.mail.MailHealthContributorAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.mail.MailSenderValidatorAutoConfiguration;

/**
 * The Permiso case engine: exit and re-entry permit cases on an embedded Camunda 7 engine. The SMTP server,
 * and its health check, are made at start when one is configured ({@code mx.permiso.mail.MailConfiguration}),
 * not by Spring Boot's auto-configurations, which would decide it when the application is built (ADR 016).
 */
@SpringBootApplication(exclude = {MailHealthContributorAutoConfiguration.class, MailSenderValidatorAutoConfiguration.class})
public class PermisoApplication {

  public static void main(String[] args) {
    SpringApplication.run(PermisoApplication.class, args);
  }
}
