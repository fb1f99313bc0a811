package mx.permiso.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.task.Task;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The real Camunda Tasklist in a {@link Browser}: logging in and opening a task. */
public final class Tasklist {

  private final Browser browser;
  private final String baseUrl;

  public Tasklist(Browser browser, int port) {
    this.browser = browser;
    this.baseUrl = "http://localhost:" + port + "/camunda/app/tasklist/default/";
  }

  /** Logs in through Tasklist's own login form and waits for the firm's task filters. */
  public void logIn(String user, String password) {
    browser.open(baseUrl);
    browser.type(browser.awaitClickable(By.cssSelector("input[ng-model='username']")), user);
    browser.type(browser.driver().findElement(By.cssSelector("input[ng-model='password']")), password);
    browser.screenshot("tasklist-login");
    browser.click(browser.driver().findElement(By.cssSelector("button[type='submit']")));
    try {
      browser.await(By.xpath("//*[contains(normalize-space(), 'Case work')]"));
    } catch (RuntimeException e) {
      browser.screenshot("tasklist-login-failed");
      throw e;
    }
  }

  /** Opens the task and waits until its name shows. */
  public void open(Task task) {
    browser.open(baseUrl + "#/?task=" + task.getId());
    browser.await(By.xpath("//*[contains(normalize-space(), \"" + task.getName() + "\")]"));
  }

  // --- the open task's Camunda Form ---

  /** The form's field of this key (its input, select or textarea). */
  public WebElement field(String key) {
    return browser.await(By.cssSelector("[id$='-Field_" + key + "']"));
  }

  /** Ticks a checkbox. */
  public void check(String key) {
    WebElement box = field(key);
    if (!box.isSelected()) {
      browser.click(box);
    }
    assertThat(box.isSelected()).as(key).isTrue();
  }

  /** Chooses a radio option by its place among the field's options (0 first), checking its label starts as expected. */
  public void choose(String key, int option, String labelStart) {
    WebElement input = browser.await(By.cssSelector("input[type='radio'][id$='-Field_" + key + "-" + option + "']"));
    String label = (String) browser.driver().executeScript(
        "return (arguments[0].closest('label') || document.querySelector(\"label[for='\" + arguments[0].id + \"']\")).textContent;",
        input);
    assertThat(label.strip()).as(key + " option " + option).startsWith(labelStart);
    browser.click(input);
    assertThat(input.isSelected()).as(key + ": " + labelStart).isTrue();
  }

  /** Types a date (yyyy-MM-dd) into a date field and confirms it as its picker does. */
  public void date(String key, String isoDate) {
    String[] parts = isoDate.split("-");
    // A date field's input carries the field's id with "-date" appended.
    WebElement input = browser.await(By.cssSelector("[id$='-Field_" + key + "-date']"));
    browser.type(input, parts[1] + "/" + parts[2] + "/" + parts[0]);
    // Confirm the typed date the way the picker does on Enter: through its own API.
    browser.driver().executeScript("arguments[0]._flatpickr.setDate(arguments[1], true, 'Y-m-d');", input, isoDate);
    // Shown month/day/year, with or without leading zeros.
    assertThat(java.time.LocalDate.parse(input.getDomProperty("value"),
        java.time.format.DateTimeFormatter.ofPattern("M/d/yyyy"))).as(key).isEqualTo(java.time.LocalDate.parse(isoDate));
  }
}
