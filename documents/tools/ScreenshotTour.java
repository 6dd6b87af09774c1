import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Takes the screenshots in documents/screenshots from a server started with the README's run command
 * (embedded default, demo concert) and ADMIN_API_KEY=ops-demo-key:
 *
 * <pre>
 * ADMIN_API_KEY=ops-demo-key mvn -B -Prun -DskipTests package
 * mvn -q -pl web-module dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp "$(cat /tmp/cp.txt)" documents/tools/ScreenshotTour.java http://localhost:8080/ http://localhost:4848/ documents/screenshots
 * </pre>
 * Needs Debian's chromium and chromium-driver. Not a test: the browser tests are web-module's BrowserIT.
 */
public class ScreenshotTour {

    static final String KEY = "ops-demo-key";
    static Path out;

    public static void main(String[] args) throws Exception {
        if (args.length > 3 && args[3].equals("console-only")) {
            out = Path.of(args[2]);
            WebDriver ops = browser("en", 1280, 1100);
            try {
                console(ops, args[1]);
            } finally {
                ops.quit();
            }
            return;
        }
        String app = args[0];
        String console = args[1];
        out = Path.of(args[2]);
        Files.createDirectories(out);
        admin(app, "PUT", "api/admin/queue/settings", "{\"paused\":true}");
        WebDriver fan = browser("ko", 1280, 1400);
        WebDriver ops = browser("en", 1280, 1500);
        try {
            fan.get(app);
            await(fan, d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
            Thread.sleep(500);
            shot(fan, "fan-1-browse");
            fan.findElement(By.id("join")).click();
            await(fan, d -> d.findElement(By.id("paused-note")).isDisplayed());
            scrollTo(fan, "queue");
            shot(fan, "fan-2-waiting-paused");

            ops.get(app + "ops/");
            ops.findElement(By.id("admin-key")).sendKeys(KEY);
            ops.findElement(By.id("login-button")).click();
            await(ops, d -> !d.findElement(By.id("instances")).getText().isEmpty());
            Thread.sleep(1500);
            shot(ops, "ops-dashboard");

            admin(app, "PUT", "api/admin/queue/settings", "{\"paused\":false}");
            await(fan, d -> "ACTIVE".equals(d.findElement(By.id("queue-status")).getAttribute("data-status")));
            fan.findElement(By.id("charge-button")).click();
            await(fan, d -> d.findElement(By.id("balance")).getText().contains("200"));
            fan.findElement(By.cssSelector("#seat-map button[data-status='AVAILABLE']")).click();
            await(fan, d -> d.findElement(By.id("hold-panel")).isDisplayed());
            scrollTo(fan, "seats-block");
            shot(fan, "fan-3-held");
            fan.findElement(By.id("pay-button")).click();
            await(fan, d -> d.findElement(By.id("confirmation")).isDisplayed());
            scrollTo(fan, "confirmation");
            shot(fan, "fan-4-confirmed");

            ops.get(app + "openapi-ui/");
            await(ops, d -> d.getPageSource().contains("/api/reservations"));
            shot(ops, "api-explorer");

            console(ops, console);
        } finally {
            fan.quit();
            ops.quit();
        }
    }

    /** The MicroProfile Config page of the domain's configuration, where operators set the defaults. */
    static void console(WebDriver ops, String console) throws Exception {
        ops.get(console + "microprofile/microprofile/specs/configConfiguration.jsf?configName=server-config");
        await(ops, d -> d.getPageSource().contains("Ordinal"));
        ops.findElement(By.linkText("Property")).click();
        Thread.sleep(4000);
        shot(ops, "console-mp-config-property");
    }

    static WebDriver browser(String language, int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File("/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height, "--lang=" + language);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        return new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build(), options);
    }

    static void await(WebDriver driver, java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(180)).until(condition::apply);
    }

    static void scrollTo(WebDriver driver, String id) throws InterruptedException {
        ((JavascriptExecutor) driver).executeScript("document.getElementById(arguments[0]).scrollIntoView()", id);
        Thread.sleep(300);
    }

    static void shot(WebDriver driver, String name) throws Exception {
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), out.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
        System.out.println("saved " + name);
    }

    static void admin(String app, String method, String path, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app + path))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
        }
    }
}
