package dev.concert.web.it;

import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.net.URL;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** The operators' dashboard ({@code /ops/}) in a browser: opened in a language, its states and its texts. */
final class OpsPage {

    static final String KEY = System.getProperty("it.admin-key");

    /** The window sizes every state is checked at. */
    record Size(String name, int width, int height) {
    }

    static final List<Size> SIZES = List.of(new Size("desktop", 1280, 800), new Size("phone", 390, 844));

    /**
     * What a person reads on the page in one language, written here apart from the dictionaries (patterns
     * where the words hold a number, a date or a time): the browser's language, the page's title, the key
     * form's title and button, the figures' heading, some figures' labels, the admission state, the chart's
     * legend, a date and a revenue in the sales table, a healthy database, the refusal of a wrong key, and
     * the title shown where the server has no admin API.
     */
    record Wording(String language, String title, String keyTitle, String openButton, String heading,
                   List<String> figures, String admission, List<String> legend, String date, String revenue,
                   String up, String refused, String offTitle) {
    }

    static final Wording KOREAN = new Wording("ko", "운영 · 공연 대기열", "관리자 키", "대시보드 열기", "대기열 · .+ 갱신",
            List.of("대기 중", "입장 중", "최근 1분 입장", "대기열 소진 예상 시간", "선점 중인 좌석", "최근 1분 판매", "입장 멈추기",
                    "입장 재개", "초당 입장 인원", "최대 입장 인원", "적용"),
            "초당 최대 [0-9,]+명 입장 중|입장이 멈춰 있습니다", List.of("시각", "대기 중", "초당 입장"),
            "\\d{4}\\. \\d{1,2}\\. \\d{1,2}\\.", "[0-9,]+원", "정상",
            "관리자 키가 거부되었습니다. 키를 확인하고 다시 입력해 주세요.", "이 서버는 관리자 API가 꺼져 있습니다");

    static final Wording ENGLISH = new Wording("en", "Operations · concert queue", "Admin key", "Open the dashboard",
            "Queue · updated .+", List.of("Waiting", "Active", "Admitted, last minute", "Time to drain the queue", "Live holds",
                    "Sold, last minute", "Pause admission", "Resume admission", "Admit per second", "Active at most", "Apply"),
            "Admitting up to [0-9,]+ a second|Admission is paused", List.of("Time", "Waiting", "Admitted / s"),
            "[A-Z][a-z]{2} \\d{1,2}, \\d{4}", "₩[0-9,]+", "UP",
            "The admin key was refused. Please check it and enter it again.", "The admin API is off on this server");

    static final List<Wording> LANGUAGES = List.of(KOREAN, ENGLISH);

    final WebDriver driver;
    final String language;

    private OpsPage(WebDriver driver, String language) {
        this.driver = driver;
        this.language = language;
    }

    /** The page in a new browser whose preferred language is {@code language}, once it has found its state. */
    static OpsPage open(Browsers browsers, URL base, String language) {
        WebDriver driver = browsers.open(language);
        driver.get(base + "ops/");
        Browsers.until(driver, attributeToBe(By.tagName("body"), "data-ready", "true"));
        return new OpsPage(driver, language);
    }

    /** off (the server has no admin API), login or dashboard. */
    String state() {
        return driver.findElement(By.tagName("body")).getAttribute("data-state");
    }

    void awaitState(String state) {
        Browsers.until(driver, attributeToBe(By.tagName("body"), "data-state", state));
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    boolean shows(String id) {
        return driver.findElement(By.id(id)).isDisplayed();
    }

    void logIn(String key) {
        Browsers.await(driver, By.id("admin-key"), b -> visibilityOfElementLocated(b)).sendKeys(key);
        driver.findElement(By.id("login-button")).click();
    }

    /** Logs in and waits until every figure, the chart, the sales and the instances are on the page. */
    void openDashboard() {
        logIn(KEY);
        awaitState("dashboard");
        Browsers.until(driver, d -> !d.findElements(By.cssSelector("#chart .u-legend")).isEmpty()
                && !text("sales").isEmpty() && !text("instances").isEmpty() && !text("updated").isEmpty());
    }

    /** The refusal shown after a wrong key. */
    void awaitError() {
        Browsers.await(driver, By.id("error"), b -> visibilityOfElementLocated(b));
    }

    /** At each size: no serious or critical accessibility finding, and a screenshot ops-LANGUAGE-STATE-SIZE. */
    void checkAtEverySize(String state) {
        for (Size size : SIZES) {
            Browsers.resize(driver, size.width(), size.height());
            String name = "ops-" + language + "-" + state + "-" + size.name();
            Browsers.assertAccessible(driver, name);
            Browsers.screenshot(driver, name);
        }
    }
}
