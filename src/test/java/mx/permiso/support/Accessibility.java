package mx.permiso.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;

/**
 * Checks the page a {@link Browser} shows against WCAG 2.1 levels A and AA with axe-core, the
 * npm package the build installs ({@code npm ci}), injected into the page by the browser driver.
 */
public final class Accessibility {

  /** axe-core's rules for WCAG 2.0 and 2.1, levels A and AA. */
  public static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

  private static final Path AXE = Path.of("node_modules", "axe-core", "axe.min.js");
  private static String source;

  private Accessibility() {
  }

  /** Fails with every WCAG 2.1 A/AA violation on the page, one readable line per element. */
  public static void assertNoViolations(Browser browser, String page) {
    List<String> violations = violations(browser);
    Assertions.assertThat(violations)
        .withFailMessage("%d WCAG 2.1 A/AA violations on %s (%s):%n%s", violations.size(), page,
            browser.driver().getCurrentUrl(), String.join(System.lineSeparator(), violations))
        .isEmpty();
  }

  /**
   * The page's violations, each as "rule (impact): what it asks | element | why", for instance
   * "color-contrast (serious): Elements must meet minimum color contrast ratio thresholds | .timeline li
   * small | Fix any of the following: Element has insufficient color contrast of 3.1 ...".
   */
  @SuppressWarnings("unchecked")
  public static List<String> violations(Browser browser) {
    var driver = browser.driver();
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    // The driver's own script, not a script element: the pages' Content-Security-Policy allows no inline script.
    driver.executeScript(axeSource() + "\nwindow.axe = window.axe || axe;");
    Object found = driver.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        window.axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
          .then(results => done(results.violations.flatMap(rule => rule.nodes.map(node =>
            rule.id + ' (' + (rule.impact || 'unknown') + '): ' + rule.help + ' | ' + node.target.join(' ')
              + ' | ' + (node.failureSummary || '').replace(/\\s+/g, ' ')))))
          .catch(error => done(['axe-core failed: ' + error]));
        """, WCAG_21_AA);
    return ((List<Object>) found).stream().map(String::valueOf).collect(Collectors.toList());
  }

  private static synchronized String axeSource() {
    if (source == null) {
      if (!Files.isRegularFile(AXE)) {
        throw new IllegalStateException("axe-core is missing at " + AXE.toAbsolutePath()
            + ": run `npm ci` in the project folder (Node.js from the machine) before the browser tests");
      }
      try {
        source = Files.readString(AXE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return source;
  }
}
