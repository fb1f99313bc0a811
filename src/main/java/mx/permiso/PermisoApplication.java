package mx.permiso;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Permiso case engine: exit and re-entry permit cases on an embedded Camunda 7 engine. */
@SpringBootApplication
public class PermisoApplication {

  public static void main(String[] args) {
    SpringApplication.run(PermisoApplication.class, args);
  }
}
