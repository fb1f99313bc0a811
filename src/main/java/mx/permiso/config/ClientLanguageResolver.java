package mx.permiso.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language a page or an API answer speaks: English or Spanish, nothing else. Chosen by, in
 * order: the page itself (the case page speaks the client's language), {@code ?lang=en|es} (the
 * language switch), the browser's {@code Accept-Language}; English when none of them says.
 */
public class ClientLanguageResolver implements LocaleResolver {

  public static final Locale ENGLISH = Locale.ENGLISH;
  public static final Locale SPANISH = Locale.forLanguageTag("es");

  private static final String CHOSEN = ClientLanguageResolver.class.getName() + ".CHOSEN";

  @Override
  public Locale resolveLocale(HttpServletRequest request) {
    if (request.getAttribute(CHOSEN) instanceof Locale chosen) {
      return chosen;
    }
    return supported(request.getParameter("lang"))
        .or(() -> Collections.list(request.getLocales()).stream()
            .map(Locale::getLanguage).map(ClientLanguageResolver::supported)
            .flatMap(Optional::stream).findFirst())
        .orElse(ENGLISH);
  }

  @Override
  public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
    request.setAttribute(CHOSEN, locale == null ? ENGLISH : of(locale.getLanguage()));
  }

  /** The locale of a language code ({@code en}, {@code es}); English for anything else. */
  public static Locale of(String language) {
    return supported(language).orElse(ENGLISH);
  }

  private static Optional<Locale> supported(String language) {
    if ("es".equals(language)) {
      return Optional.of(SPANISH);
    }
    return "en".equals(language) ? Optional.of(ENGLISH) : Optional.empty();
  }
}
