package mx.permiso.support;

import org.springframework.context.support.ResourceBundleMessageSource;

/** The application's texts (messages.properties), read as the application reads them, for tests without Spring. */
public final class AppMessages {

  private AppMessages() {
  }

  public static ResourceBundleMessageSource source() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    return messages;
  }
}
