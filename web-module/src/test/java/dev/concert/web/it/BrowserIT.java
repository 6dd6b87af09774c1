package dev.concert.web.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;

/**
 * The fan's page and the operators' dashboard in a real browser (headless Chromium) against the
 * application on Payara Micro, MariaDB and Redis: what a person sees, clicked as a person would.
 */
class BrowserIT extends ApiIT {

    static final LocalDate SHOW = LocalDate.now().plusDays(40);
    static final long PRICE = 120_000;

    Browsers browsers;
    Fans fans;
    String concert;

    @BeforeAll
    static void chromium() {
        assumeTrue(Browsers.available(), "needs Debian's chromium and chromium-driver (.ci/run installs them)");
    }

    @BeforeEach
    void setUp() {
        browsers = new Browsers();
        fans = new Fans(http, ADMIN);
        fans.admitFreely();
        concert = fans.concert(SHOW, PRICE);
    }

    @AfterEach
    void tearDown() {
        fans.settings("{\"paused\":false}");
        browsers.close();
    }

    /** The fan's page with this test's concert and date chosen. */
    private WebDriver fanPage(String language) {
        WebDriver fan = browsers.open(language);
        fan.get(base.toString());
        Browsers.until(fan, attributeToBe(By.tagName("body"), "data-ready", "true"));
        Browsers.await(fan, By.id("concert-" + concert), b -> elementToBeClickable(b)).click();
        Browsers.await(fan, By.id("date-" + SHOW), b -> elementToBeClickable(b)).click();
        Browsers.until(fan, attributeToBe(By.id("seats-date"), "textContent", SHOW.toString()));
        return fan;
    }

    private static void awaitStatus(WebDriver fan, String status) {
        Browsers.until(fan, attributeToBe(By.id("queue-status"), "data-status", status));
    }

    private static By seat(int number) {
        return By.cssSelector("#seat-map button[data-seat='" + number + "']");
    }

    @Test
    void aFanGoesFromTheFirstPageToTheConfirmation() {
        WebDriver fan = fanPage("ko");
        Browsers.screenshot(fan, "a1-browse");
        assertThat(fan.findElements(By.cssSelector("#seat-map button"))).hasSize(50);
        assertThat(fan.findElement(seat(5)).isEnabled()).as("no seat before the queue").isFalse();

        fan.findElement(By.id("join")).click();
        awaitStatus(fan, "ACTIVE");
        Browsers.screenshot(fan, "a2-active");

        fan.findElement(By.id("charge-amount")).clear();
        fan.findElement(By.id("charge-amount")).sendKeys("200000");
        fan.findElement(By.id("charge-button")).click();
        Browsers.until(fan, driver -> driver.findElement(By.id("balance")).getText().contains("200,000"));

        Browsers.await(fan, seat(5), b -> elementToBeClickable(b)).click();
        Browsers.await(fan, By.id("hold-panel"), b -> visibilityOfElementLocated(b));
        assertThat(fan.findElement(By.id("hold-countdown")).getText()).matches("[0-9]+:[0-9]{2}");
        Browsers.screenshot(fan, "a3-held");

        fan.findElement(By.id("pay-button")).click();
        Browsers.await(fan, By.id("confirmation"), b -> visibilityOfElementLocated(b));
        assertThat(fan.findElement(By.id("payment-id")).getText()).startsWith("p-");
        assertThat(fan.findElement(By.id("confirmation-text")).getText()).contains(SHOW.toString(), "5");
        assertThat(fan.findElement(By.id("tickets")).getText()).contains(fan.findElement(By.id("payment-id")).getText());
        Browsers.until(fan, driver -> "SOLD".equals(driver.findElement(seat(5)).getAttribute("data-status")));
        Browsers.screenshot(fan, "a4-confirmed");
        assertThat(fan.findElement(By.id("error")).isDisplayed()).isFalse();
    }

    @Test
    void twoFansForOneSeatOneHoldsItAndTheOtherIsToldItIsTaken() {
        WebDriver first = fanPage("ko");
        WebDriver second = fanPage("en");
        first.findElement(By.id("join")).click();
        second.findElement(By.id("join")).click();
        awaitStatus(first, "ACTIVE");
        awaitStatus(second, "ACTIVE");
        Browsers.await(first, seat(7), b -> elementToBeClickable(b));
        Browsers.await(second, seat(7), b -> elementToBeClickable(b));

        first.findElement(seat(7)).click();
        second.findElement(seat(7)).click();

        Browsers.await(first, By.id("hold-panel"), b -> visibilityOfElementLocated(b));
        Browsers.await(second, By.id("error"), b -> visibilityOfElementLocated(b));
        assertThat(second.findElement(By.id("error")).getAttribute("data-code")).isEqualTo("SEAT_UNAVAILABLE");
        assertThat(second.findElement(By.id("error")).getText()).contains("Someone else has taken this seat")
                .doesNotContain("409");
        assertThat(second.findElement(By.id("hold-panel")).isDisplayed()).isFalse();
        Browsers.screenshot(first, "b1-holder");
        Browsers.screenshot(second, "b2-told-taken");
    }

    @Test
    void aReloadOrASecondTabKeepsThePlaceInLine() {
        fans.settings("{\"paused\":true}");
        WebDriver fan = fanPage("ko");
        fan.findElement(By.id("join")).click();
        awaitStatus(fan, "WAITING");
        String position = fan.findElement(By.id("position")).getText();
        assertThat(position).isNotBlank();

        fan.navigate().refresh();
        Browsers.until(fan, attributeToBe(By.tagName("body"), "data-ready", "true"));
        awaitStatus(fan, "WAITING");
        assertThat(fan.findElement(By.id("position")).getText()).isEqualTo(position);

        fan.switchTo().newWindow(WindowType.TAB);
        fan.get(base.toString());
        Browsers.until(fan, attributeToBe(By.tagName("body"), "data-ready", "true"));
        awaitStatus(fan, "WAITING");
        assertThat(fan.findElement(By.id("position")).getText()).isEqualTo(position);
        Browsers.screenshot(fan, "c1-waiting-second-tab");
    }

    @Test
    void withoutServerSentEventsThePagePollsAtTheServersPaceAndStillAdmits() {
        fans.settings("{\"paused\":true}");
        WebDriver fan = browsers.open("en");
        ((org.openqa.selenium.chromium.ChromiumDriver) fan).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                java.util.Map.of("source", "delete window.EventSource;"));
        fan.get(base.toString());
        Browsers.until(fan, attributeToBe(By.tagName("body"), "data-ready", "true"));
        fan.findElement(By.id("join")).click();
        awaitStatus(fan, "WAITING");
        Browsers.until(fan, driver -> driver.findElement(By.id("connection")).getText().startsWith("Checking every"));
        Browsers.screenshot(fan, "c2-polling");

        fans.settings("{\"paused\":false}");

        awaitStatus(fan, "ACTIVE");
    }

    @Test
    void theDashboardPausesAdmissionTheFanIsToldAndIsAdmittedOnResume() {
        WebDriver ops = browsers.open("en");
        ops.get(base + "ops/");
        Browsers.await(ops, By.id("admin-key"), b -> visibilityOfElementLocated(b))
                .sendKeys(System.getProperty("it.admin-key"));
        ops.findElement(By.id("login-button")).click();
        Browsers.await(ops, By.id("figures-block"), b -> visibilityOfElementLocated(b));
        ops.findElement(By.id("pause")).click();
        Browsers.until(ops, attributeToBe(By.id("admission-state"), "data-paused", "true"));

        WebDriver fan = fanPage("ko");
        fan.findElement(By.id("join")).click();
        awaitStatus(fan, "WAITING");
        Browsers.await(fan, By.id("paused-note"), b -> visibilityOfElementLocated(b));
        Browsers.screenshot(fan, "d1-fan-paused");
        Browsers.until(ops, driver -> !driver.findElement(By.id("sales")).getText().isEmpty());
        Browsers.until(ops, driver -> !driver.findElement(By.id("instances")).getText().isEmpty());
        Browsers.screenshot(ops, "d2-dashboard-paused");

        ops.findElement(By.id("resume")).click();
        Browsers.until(ops, attributeToBe(By.id("admission-state"), "data-paused", "false"));
        awaitStatus(fan, "ACTIVE");
        Browsers.screenshot(fan, "d3-fan-admitted");
        Browsers.screenshot(ops, "d4-dashboard");
        assertThat(ops.findElement(By.id("instances")).getText()).contains("UP");
    }

    /** The page's own logic that no journey reaches (long waits, clocks, languages), run in the browser. */
    @Test
    void waitsClocksAndLanguagesAreWordedAsAPersonWouldSayThem() {
        WebDriver page = browsers.open("en");
        page.get(base.toString());
        Browsers.until(page, attributeToBe(By.tagName("body"), "data-ready", "true"));
        Object result = ((org.openqa.selenium.JavascriptExecutor) page).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                Promise.all([import('./js/i18n.js'), fetch('i18n/en.json').then(r => r.json()),
                             fetch('i18n/ko.json').then(r => r.json())]).then(([m, en, ko]) => done([
                    m.waitInWords(en, null), m.waitInWords(en, 3), m.waitInWords(en, 45), m.waitInWords(en, 170),
                    m.waitInWords(en, 7500), m.waitInWords(ko, 170),
                    m.countdown('2026-01-01T00:05:00Z', Date.parse('2026-01-01T00:00:01Z')),
                    m.countdown('2026-01-01T00:00:00Z', Date.parse('2026-01-01T00:00:09Z')),
                    m.preferredLanguage(['en-GB', 'ko']), m.preferredLanguage(['ko-KR', 'en']),
                    m.preferredLanguage(['fr', 'de']), m.preferredLanguage(['fr', 'en-US']),
                    m.format(en, 'seatsLeft', {n: 3}), m.format(en, 'no.such.key'),
                    Object.keys(en.errors).sort().join() === Object.keys(ko.errors).sort().join(),
                    Object.keys(en).sort().join() === Object.keys(ko).sort().join()]));
                """);
        assertThat((java.util.List<Object>) result).containsExactly(
                "Working out your waiting time", "You are about to be let in", "You should be let in within a minute",
                "You should be let in in about 3 minutes", "You should be let in in about 2 h 5 min", "약 3분 후 입장할 예정입니다",
                "4:59", "0:00", "en", "ko", "ko", "en", "3 seats left", "no.such.key", true, true);
    }

    @Test
    void theApiExplorerShowsTheServersOwnDescription() {
        WebDriver reader = browsers.open("en");
        reader.get(base + "openapi-ui/");
        Browsers.until(reader, driver -> driver.getPageSource().contains("/api/reservations"));
        Browsers.screenshot(reader, "e1-api-explorer");
    }
}
