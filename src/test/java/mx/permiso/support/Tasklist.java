package mx.permiso.support;

import org.camunda.bpm.engine.task.Task;
import org.openqa.selenium.By;

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
}
