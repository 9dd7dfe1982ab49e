package org.offerdesk.app.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser, Debian's chromium, driven through chromedriver as a person would use the console. Never
 * downloads a browser: it uses the headless shell of Debian's chromium packages (chromium-headless-shell: the same
 * version's Blink and V8, built without the browser's window layer; /usr/lib/chromium/chromium-headless-shell) when it
 * is installed, else /usr/bin/chromium with --headless=new, and /usr/bin/chromedriver (CHROMIUM_BIN and
 * CHROMEDRIVER_BIN override them). The shell costs about 40% less CPU than chromium per page, a sixth to start
 * and a tenth idle. Starting Chromium costs more than most browser tests, so a closed Browser hands its Chromium,
 * emptied of cookies and windows, to the next one in the same JVM. Its cache is kept: pages are never stored, and
 * the static files they link are named by their content's hash ({@code web/StaticLinks}), so a kept copy is right.
 */
public final class Browser implements AutoCloseable {

  /**
   * How often a test that waits for a page to show something reloads it ({@code await().pollInterval(...)}): a page
   * load costs Chromium about 0.2 CPU-s and the server a render, and what such a page waits for (a publication, a
   * delivery) takes seconds, which reloads five or ten times a second only multiplied.
   */
  public static final Duration RELOAD_EVERY = Duration.ofSeconds(1);

  /** Debian's chromium-headless-shell package's binary (its /usr/bin script starts it without exec). */
  private static final Path HEADLESS_SHELL = Path.of("/usr/lib/chromium/chromium-headless-shell");

  /** Chromium instances no test is using, started once per JVM and stopped when it exits. */
  private static final Deque<Chromium> IDLE = new ArrayDeque<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      synchronized (IDLE) {
        IDLE.forEach(Chromium::quit);
        IDLE.clear();
      }
    }, "chromium-stop"));
  }

  private final Chromium chromium;
  private final ChromeDriver driver;
  private final String base;

  public Browser(int port) {
    this.base = "http://localhost:" + port;
    Chromium idle;
    synchronized (IDLE) {
      idle = IDLE.poll();
    }
    this.chromium = idle != null ? idle : Chromium.start();
    this.driver = chromium.driver();
  }

  /** The driver itself, for a test that goes beyond the paths of one site (a buyer between marketplace and seller). */
  public ChromeDriver driver() {
    return driver;
  }

  public Browser open(String path) {
    driver.get(base + path);
    return this;
  }

  /**
   * The first element matching {@code css}, once it is shown: not hidden by {@code display}, {@code visibility} or
   * {@code opacity} (its own or an ancestor's) and taking up room on the page. One script a try: Selenium's
   * {@code isDisplayed()} sends its ~40 KB visibility atom to Chromium at every call, which cost Chromium about
   * five times this check (measured with the headless shell on a Bootstrap page).
   */
  public WebElement find(String css) {
    return find(css, Duration.ofSeconds(10));
  }

  /** As {@link #find(String)}, waiting up to {@code wait}. */
  public WebElement find(String css, Duration wait) {
    return new WebDriverWait(driver, wait).until(d -> (WebElement) ((JavascriptExecutor) d).executeScript(SHOWN, css));
  }

  /** The element matching {@code arguments[0]} if it is shown (see {@link #find(String)}), else null. */
  private static final String SHOWN = """
      const e = document.querySelector(arguments[0]);
      if (!e || !e.checkVisibility({opacityProperty: true, visibilityProperty: true})) return null;
      const r = e.getBoundingClientRect();
      return r.width > 0 || r.height > 0 ? e : null;""";

  /**
   * The text a person sees in an element, as WebDriver's {@code getText()} gives it: the rendered text
   * ({@code innerText}: hidden parts left out, CSS text-transform applied, a line per block), each line's spaces
   * collapsed and trimmed, no-break spaces as spaces, no empty lines. {@code getText()} itself runs Selenium's
   * visible-text atom, which cost Chromium about 85 ms of CPU a call against about 5 for this script.
   */
  public String textOf(WebElement element) {
    return (String) ((JavascriptExecutor) driver).executeScript(TEXT, element);
  }

  private static final String TEXT = """
      return arguments[0].innerText.replace(/\\u00a0/g, ' ').split('\\n')
          .map(line => line.replace(/\\s+/g, ' ').trim()).filter(line => line.length > 0).join('\\n');""";

  public Browser type(String css, String text) {
    WebElement field = find(css);
    field.clear();
    field.sendKeys(text);
    return this;
  }

  /**
   * Clicks the element after scrolling it to the middle of the window, where no sticky bar or footer covers it.
   * The scroll is instant (Bootstrap makes page scrolling smooth, and a click during the animation lands on
   * whatever passes under the pointer), and a click another element intercepts is tried again until the page
   * has settled.
   */
  public Browser click(String css) {
    return clickWhenSettled(() -> find(css));
  }

  private Browser clickWhenSettled(java.util.function.Supplier<WebElement> target) {
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .pollingEvery(Duration.ofMillis(100))
        .ignoring(ElementClickInterceptedException.class)
        .ignoring(StaleElementReferenceException.class)
        .until(d -> {
          WebElement element = target.get();
          ((JavascriptExecutor) d).executeScript(
              "arguments[0].scrollIntoView({behavior: 'instant', block: 'center', inline: 'nearest'});", element);
          element.click();
          return true;
        });
    return this;
  }

  /**
   * Clicks an element that loads another page (a form's submit button, a link) and returns once that page has
   * loaded. After a plain {@link #click} a read can still see the page being left, and a page that answers a form
   * often has the same elements with other values (a request's status before and after its approval): the page
   * being left is marked, and the wait ends when the document shown no longer has the mark.
   */
  public Browser clickToLoad(String css) {
    JavascriptExecutor script = (JavascriptExecutor) driver;
    script.executeScript("window.offerdeskPageLeft = true;");
    click(css);
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(script.executeScript(
        "return window.offerdeskPageLeft === undefined && document.readyState === 'complete';")));
    return this;
  }

  public Browser clickLink(String text) {
    return clickWhenSettled(() -> new WebDriverWait(driver, Duration.ofSeconds(10))
        .until(ExpectedConditions.elementToBeClickable(By.linkText(text))));
  }

  /** Answers the page's confirm() dialog (accepts or dismisses it) and returns its question. */
  public String answerConfirm(boolean accept) {
    var alert = new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent());
    String question = alert.getText();
    if (accept) {
      alert.accept();
    } else {
      alert.dismiss();
    }
    return question;
  }

  /** Whether the page shown, once loaded, has an element matching {@code css} (without waiting for one). */
  public boolean has(String css) {
    awaitLoaded();
    return !driver.findElements(By.cssSelector(css)).isEmpty();
  }

  /**
   * The text shown in the first element matching {@code css}, once it is shown (see {@link #textOf(WebElement)}).
   * Found and read in one script: one command instead of two, and no element of a page that a navigation has just
   * replaced is left to read (a stale element reference).
   */
  public String text(String css) {
    return new WebDriverWait(driver, Duration.ofSeconds(10))
        .until(d -> (String) ((JavascriptExecutor) d).executeScript(SHOWN_TEXT, css));
  }

  /** {@link #TEXT} of {@link #SHOWN}'s element, else null (an arrow function sees the script's arguments). */
  private static final String SHOWN_TEXT =
      "const shown = (() => {" + SHOWN + "})();\nif (!shown) return null;\n" + TEXT.replace("arguments[0]", "shown");

  /**
   * Waits until the browser is on a page whose path starts with {@code prefix} and that page has loaded,
   * then returns the path. Use it after an action that navigates.
   */
  public String awaitPath(String prefix) {
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> currentPath().startsWith(prefix));
    return currentPath();
  }

  /**
   * As {@link #awaitPath(String)} for a navigation that stays on the same path (a search form that submits to its
   * own page): waits until the path with its query contains {@code part} and that page has loaded.
   */
  public String awaitPathContaining(String part) {
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> currentPath().contains(part));
    return currentPath();
  }

  /**
   * The path of the page shown, read once it has loaded: read while a navigation is under way, the URL
   * could still be the previous page's.
   */
  public String currentPath() {
    awaitLoaded();
    return driver.getCurrentUrl().substring(base.length());
  }

  private void awaitLoaded() {
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  public String title() {
    return driver.getTitle();
  }

  /** Saves what the page looks like now, for a person to check. */
  public Path screenshot(String name) {
    try {
      Path target = Path.of("target", "screenshots", name + ".png");
      Files.createDirectories(target.getParent());
      Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
      return target;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Signs in from the sign-in page, which lands on the dashboard. */
  public Browser signIn(String email, String password) {
    open("/signin").type("#email", email).type("#password", password).click("button[type=submit]");
    return this;
  }

  /**
   * Signs in as someone who opens a link to {@code path} while signed out: the console asks them to sign in and
   * then shows that page ({@code path?continue}), so a test that starts on a page of its own renders no dashboard
   * first. Returns once that page has loaded.
   */
  public Browser signInTo(String path, String email, String password) {
    open(path);
    awaitPath("/signin");
    type("#email", email).type("#password", password).click("button[type=submit]");
    awaitPath(path);
    return this;
  }

  /** Hands Chromium to the next Browser once nothing of this test is left in it, or stops it. */
  @Override
  public void close() {
    if (chromium.reset()) {
      synchronized (IDLE) {
        IDLE.push(chromium);
      }
    } else {
      chromium.quit();
    }
  }

  /** One Chromium process with its own profile folder. */
  private record Chromium(ChromeDriver driver, Path profile) {

    static Chromium start() {
      Path profile;
      try {
        profile = Files.createTempDirectory("offerdesk-chromium");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      ChromeOptions options = new ChromeOptions();
      String binary = env("CHROMIUM_BIN",
          Files.isExecutable(HEADLESS_SHELL) ? HEADLESS_SHELL.toString() : "/usr/bin/chromium");
      options.setBinary(binary);
      if (binary.endsWith("headless-shell")) {
        // chromedriver knows the shell by this name only (Debian's binary is not named chrome-headless-shell): under
        // "chrome" it waits for a first tab the shell never opens.
        options.setCapability("browserName", "chrome-headless-shell");
      } else {
        options.addArguments("--headless=new");
      }
      options.addArguments("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile,
          // Every page is on localhost: one renderer process for all of them, instead of a new one started
          // (and its V8 and Blink set up again) at each navigation; Chromium's CPU fell by about 9%.
          "--renderer-process-limit=1", "--disable-site-isolation-trials",
          "--disable-features=site-per-process,IsolateOrigins");
          // Not --single-process (browser, renderer, compositor and network service as threads of one process):
          // it saved 5-10 of about 60-70 CPU-s of Chromium over the 14 browser classes, but chromedriver then
          // sometimes returned from a click that submits a form before the navigation began, and a test read the
          // old page (WebhookBrowserTest, 2 of 6 runs; none in 7 without it).
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(new File(env("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")))
          .usingAnyFreePort()
          .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      return new Chromium(driver, profile);
    }

    /**
     * Leaves one blank tab with no cookies (sessions of every port on localhost) or open dialog;
     * false when Chromium does not answer as it should, and is better stopped.
     */
    boolean reset() {
      try {
        try {
          driver.switchTo().alert().dismiss();
        } catch (NoAlertPresentException none) {
          // nothing was left open
        }
        String first = driver.getWindowHandles().iterator().next();
        for (String handle : driver.getWindowHandles()) {
          if (!handle.equals(first)) {
            driver.switchTo().window(handle).close();
          }
        }
        driver.switchTo().window(first).get("about:blank");
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        return driver.manage().getCookies().isEmpty();
      } catch (WebDriverException e) {
        return false;
      }
    }

    void quit() {
      try {
        driver.quit();
      } catch (WebDriverException ignored) {
        // already gone
      }
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a leftover temp profile is harmless
      }
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
