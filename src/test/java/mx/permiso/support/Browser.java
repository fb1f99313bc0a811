package mx.permiso.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Debian's chromedriver (nothing downloaded), with
 * screenshots written under target/screenshots.
 */
public final class Browser implements AutoCloseable {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private final WebDriverWait wait;

  public Browser() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(new File("/usr/bin/chromium"));
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1400,1000", "--lang=en-US");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.SEVERE);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver"))
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  public ChromeDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  public WebElement await(By locator) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  /**
   * Clicks what leaves the page (a link, a form's button) and waits until the next page has
   * replaced it, so that what the test reads next is not still the old page.
   */
  public void clickAndAwaitNextPage(WebElement element) {
    WebElement page = driver.findElement(By.tagName("html"));
    element.click();
    wait.until(driver -> isGone(page));
    // The old page is gone once the next one starts; what the test does next needs it whole.
    wait.until(driver -> "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
  }

  /**
   * Whether the element's page has been left. Chromedriver says so as a stale element, or, when it
   * asks while the next page replaces the old one, as "does not belong to the document".
   */
  private static boolean isGone(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (StaleElementReferenceException gone) {
      return true;
    } catch (WebDriverException e) {
      if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
        return true;
      }
      throw e;
    }
  }

  public WebElement awaitClickable(By locator) {
    return wait.until(ExpectedConditions.elementToBeClickable(locator));
  }

  public void awaitGone(By locator) {
    wait.until(ExpectedConditions.invisibilityOfElementLocated(locator));
  }

  /*
   * In this headless Chromium the Camunda web apps receive none of the mouse and key events
   * chromedriver synthesises (plain pages do), so the page is driven through the DOM instead:
   * focus and click as the element's own methods, text as the browser's text input (as from an
   * input method or a paste). The page sees the same focus, click and input events either way.
   */

  /** Types text into a field, replacing what it held. */
  public void type(WebElement field, String text) {
    driver.executeScript("arguments[0].focus(); arguments[0].select && arguments[0].select();", field);
    field.clear();
    driver.executeScript("arguments[0].focus();", field);
    driver.executeCdpCommand("Input.insertText", Map.of("text", text));
    // Leaving the field is when forms take (debounced) input for good.
    driver.executeScript("arguments[0].blur();", field);
  }

  /** Clicks an element. */
  public void click(WebElement element) {
    driver.executeScript("arguments[0].click();", element);
  }

  /** Clicks the button or link showing exactly this text. */
  public void clickText(String text) {
    click(awaitClickable(By.xpath("//*[self::button or self::a][normalize-space()='" + text + "']")));
  }

  public void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
      Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getPageSource());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Severe messages the page logged to the browser console since the last call. */
  public List<LogEntry> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
