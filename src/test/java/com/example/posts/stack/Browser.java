package com.example.posts.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import com.example.posts.support.Directories;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: both paths given, so Selenium downloads
 * nothing, and flags that keep the browser off the network. Also what the browser tests read from it:
 * console errors, Content-Security-Policy violations, axe-core's findings and screenshots.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path AXE = Path.of("src/test/browser/node_modules/axe-core/axe.min.js");
    static final Path SCREENSHOTS = Path.of("target/browser-screenshots");
    private static final String WATCH_CSP = """
            if (!window.cspViolations) {
              window.cspViolations = [];
              document.addEventListener('securitypolicyviolation',
                e => window.cspViolations.push(e.violatedDirective + ' blocked ' + e.blockedURI));
            }""";
    private static final String RUN_AXE = """
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
              .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' at '
                  + v.nodes.map(n => n.target.join(' ')).join(', '))),
                e => done(['axe failed: ' + e]));""";

    /** The API's paths in a failed load's message ("http://host/me - Failed to load resource: ..."). */
    private static final Pattern API_PATH = Pattern.compile("/(posts|me|authors)([/?]|\\s|$)");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER) && Files.isRegularFile(AXE);
    }

    static void requireInstalled() {
        Prerequisites.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium is not installed: apt-get install chromium chromium-driver");
        Prerequisites.require(Files.isRegularFile(AXE), "axe-core is not installed: ./mvnw verify installs it where npm is"
                + " (src/test/browser/install.sh)");
    }

    /** A desktop-sized window, or Chrome's mobile emulation at {@code mobileWidth} CSS pixels when above 0. */
    static Browser start(int mobileWidth) {
        requireInstalled();
        try {
            Path profile = Files.createTempDirectory("posts-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--user-data-dir=" + profile);
            if (mobileWidth > 0) {
                options.setExperimentalOption("mobileEmulation",
                        Map.of("deviceMetrics", Map.of("width", mobileWidth, "height", 740, "pixelRatio", 1.0)));
            } else {
                options.addArguments("--window-size=1100,900");
            }
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Opens a URL and starts recording the policy violations of the page it loads. */
    void open(String url) {
        driver.get(url);
        driver.executeScript(WATCH_CSP);
    }

    void reload() {
        driver.navigate().refresh();
        driver.executeScript(WATCH_CSP);
    }

    /** Errors logged by the page since the last call, except an API's 4xx, which the page shows on purpose. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !(API_PATH.matcher(message).find()
                        && message.contains("Failed to load resource: the server responded with a status of 4")))
                .toList();
    }

    @SuppressWarnings("unchecked")
    List<String> cspViolations() {
        Object found = driver.executeScript("return window.cspViolations || [];");
        return (List<String>) found;
    }

    @SuppressWarnings("unchecked")
    List<String> accessibilityViolations() {
        if (!Boolean.TRUE.equals(driver.executeScript("return typeof window.axe === 'object';"))) {
            try {
                driver.executeScript(Files.readString(AXE, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return (List<String>) driver.executeAsyncScript(RUN_AXE);
    }

    /** Writes target/browser-screenshots/NAME.png and returns its path. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try {
                Directories.deleteRecursively(profile);
            } catch (IOException e) {
                System.err.println("Could not remove " + profile + ": " + e);
            }
        }
    }
}
