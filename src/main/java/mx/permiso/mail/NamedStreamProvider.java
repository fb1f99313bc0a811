package mx.permiso.mail;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Names Jakarta Mail's stream provider before anything sends mail. Unnamed, Jakarta Mail looks it
 * up with a ServiceLoader scan of every jar on the class path for each part of each email it
 * builds or writes (jakartaee/mail-api#699); from the packaged jar, with its nested jars, those
 * scans took most of the dispatcher's time. Named (the provider the scan finds anyway), the lookup
 * loads one known class. A name set by the operator is left as it is.
 */
public class NamedStreamProvider implements EnvironmentPostProcessor {

  static final String PROPERTY = "jakarta.mail.util.StreamProvider";
  static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (System.getProperty(PROPERTY) == null && ClassUtils.isPresent(ANGUS, NamedStreamProvider.class.getClassLoader())) {
      System.setProperty(PROPERTY, ANGUS);
    }
  }
}
