package dev.concert.web.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
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
 * {@code target/screenshots}.
 */
final class Browsers implements AutoCloseable {

    static final File CHROMIUM = new File(System.getProperty("it.chromium", "/usr/bin/chromium"));
    static final File DRIVER = new File(System.getProperty("it.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final List<WebDriver> opened = new ArrayList<>();

    static boolean available() {
        return CHROMIUM.canExecute() && DRIVER.canExecute();
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

    @Override
    public void close() {
        opened.forEach(WebDriver::quit);
        opened.clear();
    }
}
