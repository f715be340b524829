package io.semisup.deploy;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Debian's headless Chromium driven through its chromedriver (no browser download: none is possible here), with
 * the flags this machine's closed network needs, a fresh profile, and screenshots of the pages it visits.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String MISSING = "no Chromium here: the console's browser tests need Debian's chromium and "
            + "chromium-driver packages (apt-get install chromium chromium-driver; .ci/run installs them)";
    static final Dimension LAPTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);

    private final ChromeDriver driver;
    private final String base;
    private final Path screenshots;
    private final Path profile;

    private ConsoleBrowser(ChromeDriver driver, String base, Path screenshots, Path profile) {
        this.driver = driver;
        this.base = base;
        this.screenshots = screenshots;
        this.profile = profile;
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    static ConsoleBrowser start(String base, Path screenshots) throws IOException {
        Path profile = Files.createTempDirectory("chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=" + LAPTOP.width + "," + LAPTOP.height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        Files.createDirectories(screenshots);
        return new ConsoleBrowser(new ChromeDriver(service, options), base, screenshots, profile);
    }

    void open(String path) {
        driver.get(base + path);
        waitFor(d -> "complete".equals(js("return document.readyState")));
    }

    WebElement find(String css) {
        return waitFor(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            if (found.isEmpty()) {
                return null;
            }
            WebElement first = found.get(0);
            // a file input stays invisible behind its drop zone; it takes files all the same
            return first.isDisplayed() || "file".equals(first.getAttribute("type")) ? first : null;
        });
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    /** Waits (up to {@code timeout}) until the element's text contains {@code expected}, and returns the text. */
    String awaitText(String css, String expected, Duration timeout) {
        try {
            new WebDriverWait(driver, timeout).ignoring(WebDriverException.class).until(d -> {
                List<WebElement> found = d.findElements(By.cssSelector(css));
                return !found.isEmpty() && found.get(0).getText().contains(expected);
            });
        } catch (TimeoutException e) {
            throw new AssertionError("no \"" + expected + "\" in " + css + " within " + timeout + " on " + url()
                    + ", which shows: " + js("return document.body.innerText.slice(0, 600)"), e);
        }
        return text(css);
    }

    /**
     * The status line every action writes to, once it starts with {@code start}: until an action's answer arrives
     * (or its page has reloaded) the line still shows the previous action's outcome.
     */
    String awaitStatus(String start) {
        return waitFor(d -> {
            WebElement line = d.findElement(By.id("status"));
            return line.isDisplayed() && line.getText().startsWith(start) ? line.getText() : null;
        });
    }

    void acceptConfirmation() {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> {
            try {
                d.switchTo().alert().accept();
                return true;
            } catch (NoAlertPresentException e) {
                return false;
            }
        });
    }

    void press(String key) {
        driver.switchTo().activeElement().sendKeys(key);
    }

    String url() {
        return driver.getCurrentUrl();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    void size(Dimension dimension) {
        driver.manage().window().setSize(dimension);
    }

    /** A picture of the page, for the README; and the page's own checks: every image has alt text, nothing overflows. */
    void screenshot(String name) throws IOException {
        assertEquals(List.of(), js("return [...document.images].filter(i => !i.alt).map(i => i.src)"),
                "images without alt text on " + url());
        assertEquals(List.of(), js("return [...document.querySelectorAll('body *')].filter(e => !e.closest('.scroll')"
                + " && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
                + ".map(e => e.tagName + '.' + e.className + ': ' + e.textContent.trim().slice(0, 40))"),
                "elements wider than the window on " + url());
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private <T> T waitFor(ExpectedCondition<T> condition) {
        // A page that reloads (after an action, at a job's end) replaces the elements a condition was looking at:
        // Chrome says so as a stale element or a node no longer in the document; look again.
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(WebDriverException.class)
                    .until(condition);
        } catch (TimeoutException e) {
            throw new AssertionError("waited 30 s in vain on " + url() + ", which shows: "
                    + js("return document.body.innerText.slice(0, 600)"), e);
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
