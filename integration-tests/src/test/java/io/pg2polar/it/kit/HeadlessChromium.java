package io.pg2polar.it.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.servers.TempDirectory;

/**
 * A real Chromium, headless, driven through Debian's {@code chromedriver} with both paths given (Selenium never looks
 * for or downloads a browser or driver). Chromium's own background traffic (component updates, sync, field trials)
 * is switched off: on a closed network its refused connections would only slow it down. Each browser gets a fresh
 * profile directory. Screenshots go to {@code target/console-screenshots}.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private static final Logger LOG = LoggerFactory.getLogger(HeadlessChromium.class);

    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /**
     * Starts the browser; fails (never skips) when Chromium or its driver is not installed, naming the packages.
     *
     * @param width  the window's width in CSS pixels, also the screenshots'
     * @param height the window's height
     */
    public static HeadlessChromium start(int width, int height) {
        requireInstalled(BROWSER, DRIVER);
        Path profile;
        try {
            profile = Files.createTempDirectory(TempDirectory.ensure(), "chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=" + width + "," + height,
                "--force-device-scale-factor=1",
                "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(profile.resolve("chromedriver.log").toFile())
                .build();
        long started = System.nanoTime();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        LOG.info(
                "Headless {} up in {} ms (profile {})",
                driver.getCapabilities().getBrowserVersion(),
                (System.nanoTime() - started) / 1_000_000,
                profile);
        return new HeadlessChromium(driver);
    }

    /** Fails, naming the Debian packages, unless both the browser and its driver are installed. */
    static void requireInstalled(Path browser, Path driver) {
        for (Path executable : List.of(browser, driver)) {
            if (!Files.isExecutable(executable)) {
                throw new IllegalStateException(
                        executable + " is missing: the console's browser tests need Debian's packages chromium and"
                                + " chromium-driver (apt-get install -y chromium chromium-driver; .ci/run installs them)");
            }
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a page and waits until its document has loaded. */
    public void open(String url) {
        driver.get(url);
        until(
                "the page " + url + " has loaded",
                Duration.ofSeconds(30),
                d -> "complete".equals(script("return document.readyState")));
    }

    /** Runs JavaScript in the page and returns its value. */
    public Object script(String javaScript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javaScript, arguments);
    }

    /** Waits until the condition holds (a non-null, non-false value), polling every 200 ms; the value. */
    public <T> T until(String what, Duration timeout, Function<WebDriver, T> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                T value = condition.apply(driver);
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (NoSuchElementException | StaleElementReferenceException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "Waited " + timeout.toSeconds() + " s in vain until " + what + " (screenshot "
                                + screenshot("failed-" + System.currentTimeMillis()) + ")",
                        last);
            }
            pause(Duration.ofMillis(200));
        }
    }

    /** Waits until an element matching the selector is displayed; the element. */
    public WebElement visible(String cssSelector, Duration timeout) {
        return until(cssSelector + " is displayed", timeout, d -> {
            WebElement element = d.findElement(By.cssSelector(cssSelector));
            return element.isDisplayed() ? element : null;
        });
    }

    /** Clicks the element, found again when the page has just redrawn it (the console redraws as it refreshes). */
    public void click(String cssSelector, Duration timeout) {
        until(cssSelector + " is clicked", timeout, d -> {
            d.findElement(By.cssSelector(cssSelector)).click();
            return true;
        });
    }

    /** Waits until the element's text contains the given text; the text. */
    public String textContains(String cssSelector, String expected, Duration timeout) {
        return until(cssSelector + " shows '" + expected + "'", timeout, d -> {
            String text = d.findElement(By.cssSelector(cssSelector)).getText();
            return text.contains(expected) ? text : null;
        });
    }

    /** Saves what the window shows as {@code target/console-screenshots/<name>.png}; the file. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            LOG.info("Screenshot {}", file.toAbsolutePath());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #screenshot(String)}, of the whole page: the window grows to the page's height for it, then shrinks back. */
    public Path fullPageScreenshot(String name) {
        Dimension window = driver.manage().window().getSize();
        long height =
                ((Number) script("window.scrollTo(0, 0); return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(window.getWidth(), (int)
                Math.min(4000, Math.max(window.getHeight(), height))));
        try {
            return screenshot(name);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    /** The addresses of every resource the page has loaded (scripts, styles, images, fetches). */
    @SuppressWarnings("unchecked")
    public List<String> loadedResources() {
        return (List<String>)
                script("return performance.getEntriesByType('resource').map(function (e) { return e.name; })");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
