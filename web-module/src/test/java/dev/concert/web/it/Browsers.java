package dev.concert.web.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the browser tests: Debian's {@code chromium} and {@code chromium-driver}
 * (installed by .ci/run), named explicitly so that Selenium downloads nothing. Screenshots go to
 * {@code target/screenshots}. Accessibility is checked with axe-core, injected from its WebJar on the
 * test classpath (org.webjars.npm:axe-core), so nothing is fetched at run time either.
 */
final class Browsers implements AutoCloseable {

    static final File CHROMIUM = new File(System.getProperty("it.chromium", "/usr/bin/chromium"));
    static final File DRIVER = new File(System.getProperty("it.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final List<WebDriver> opened = new ArrayList<>();

    static boolean available() {
        return CHROMIUM.canExecute() && DRIVER.canExecute();
    }

    /** Skips the test where the browser is missing; CI's .ci/no-skipped-tests fails a key class that skipped. */
    static void assumeAvailable() {
        assumeTrue(available(), "needs Debian's chromium and chromium-driver (.ci/run installs them)");
    }

    /** A new browser: its own profile, so its own localStorage (a different fan). */
    WebDriver open(String language) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1800", "--lang=" + language);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).build();
        WebDriver driver = new ChromeDriver(service, options);
        opened.add(driver);
        return driver;
    }

    static WebElement await(WebDriver driver, By element, ExpectedConditionFactory condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition.of(element));
    }

    static void until(WebDriver driver, ExpectedCondition<?> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition);
    }

    interface ExpectedConditionFactory {
        ExpectedCondition<WebElement> of(By element);
    }

    static void screenshot(WebDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A window of this size (CSS pixels), e.g. a desktop's 1280x800 or a phone's 390x844. */
    static void resize(WebDriver driver, int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /**
     * What axe-core finds wrong on the page as it is now (its WCAG 2.x A/AA rules and best practices, and
     * the experimental label-content-name-mismatch: a control's accessible name contains its visible text),
     * the serious and critical findings only, one line each: the rule, its impact, what it asks, and
     * every failing element's CSS selector with axe's summary of what to fix.
     */
    static List<String> axeViolations(WebDriver driver) {
        JavascriptExecutor page = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(page.executeScript("return typeof window.axe === 'object';"))) {
            page.executeScript(Axe.SCRIPT);
        }
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object result = page.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations'], rules: {'label-content-name-mismatch': {enabled: true}}})
                    .then(results => done(results.violations
                        .filter(v => v.impact === 'serious' || v.impact === 'critical')
                        .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n =>
                            ({target: n.target.join(' '), summary: (n.failureSummary || '').replace(/\\s+/g, ' ')}))}))))
                    .catch(error => done(String(error)));
                """);
        if (result instanceof String failure) {
            throw new IllegalStateException("axe-core did not run: " + failure);
        }
        List<String> lines = new ArrayList<>();
        for (Object found : (List<?>) result) {
            Map<?, ?> violation = (Map<?, ?>) found;
            StringBuilder line = new StringBuilder().append(violation.get("id")).append(" (").append(violation.get("impact"))
                    .append("): ").append(violation.get("help"));
            for (Object node : (List<?>) violation.get("nodes")) {
                line.append("\n    ").append(((Map<?, ?>) node).get("target")).append(": ").append(((Map<?, ?>) node).get("summary"));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Fails, naming the page's state, when axe-core finds anything serious or critical. */
    static void assertAccessible(WebDriver driver, String state) {
        assertThat(axeViolations(driver)).as("serious or critical accessibility findings (axe-core) on " + state).isEmpty();
    }

    /** axe.min.js from the WebJar, whatever its version: the jar's Maven coordinates name the folder. */
    private static final class Axe {
        static final String SCRIPT = read();

        private static String read() {
            try {
                Properties coordinates = new Properties();
                try (InputStream in = resource("META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
                    coordinates.load(in);
                }
                try (InputStream in = resource("META-INF/resources/webjars/axe-core/" + coordinates.getProperty("version")
                        + "/axe.min.js")) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static InputStream resource(String name) {
            InputStream in = Browsers.class.getClassLoader().getResourceAsStream(name);
            if (in == null) {
                throw new IllegalStateException(name + " is not on the test classpath (org.webjars.npm:axe-core)");
            }
            return in;
        }
    }

    @Override
    public void close() {
        opened.forEach(WebDriver::quit);
        opened.clear();
    }
}
