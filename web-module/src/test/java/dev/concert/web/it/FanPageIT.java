package dev.concert.web.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import jakarta.json.JsonArray;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/**
 * What every browser test of the fan's page needs: a browser per fan, this test's concert (one date,
 * every seat at one price) with admission open, and the page's controls as a person finds them.
 */
abstract class FanPageIT extends ApiIT {

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

    /** axe-core at a desktop's and a phone's size (with a screenshot of the other size), back at {@code size}. */
    static void accessibleAtBothSizes(WebDriver fan, String state, String size) {
        Browsers.assertAccessible(fan, state + " at " + size);
        String other = "phone".equals(size) ? "desktop" : "phone";
        resize(fan, other);
        Browsers.screenshot(fan, state + "-at-" + other);
        Browsers.assertAccessible(fan, state + " at " + other);
        resize(fan, size);
    }

    /** A desktop's (1280 x 800) or a phone's (390 x 844) window. */
    static void resize(WebDriver fan, String size) {
        Browsers.resize(fan, "phone".equals(size) ? 390 : 1280, "phone".equals(size) ? 844 : 800);
    }

    /** The fan's page with this test's concert and date chosen, at desktop size. */
    WebDriver fanPage(String language) {
        return fanPage(language, "desktop");
    }

    /** The fan's page at a desktop's (1280 x 800) or a phone's (390 x 844) size. */
    WebDriver fanPage(String language, String size) {
        WebDriver fan = browsers.open(language);
        resize(fan, size);
        fan.get(base.toString());
        Browsers.until(fan, attributeToBe(By.tagName("body"), "data-ready", "true"));
        Browsers.await(fan, By.id("concert-" + concert), b -> elementToBeClickable(b)).click();
        Browsers.await(fan, By.id("date-" + SHOW), b -> elementToBeClickable(b)).click();
        Browsers.until(fan, attributeToBe(By.id("seats-date"), "textContent", SHOW.toString()));
        return fan;
    }

    static void awaitStatus(WebDriver fan, String status) {
        Browsers.until(fan, attributeToBe(By.id("queue-status"), "data-status", status));
    }

    static By seat(int number) {
        return By.cssSelector("#seat-map button[data-seat='" + number + "']");
    }

    static By holdCard(String state) {
        return By.cssSelector("#holds li.hold[data-state='" + state + "']");
    }

    static Object script(WebDriver driver, String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** The page's own record of this fan, as the server knows them: its user id and its live queue token. */
    static Fans.Fan fanOf(WebDriver page) {
        return new Fans.Fan((String) script(page, "return localStorage.getItem('concert.userId')"),
                (String) script(page, "return localStorage.getItem('concert.token')"));
    }

    JsonArray heldOnTheServer(Fans.Fan fan) {
        Http.Reply reply = http.get("api/users/" + fan.userId() + "/reservations?status=HELD", "Authorization", fan.bearer());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.array();
    }

    /** The fan joins, is admitted and (when {@code amount} > 0) adds money. */
    static void admitAndCharge(WebDriver fan, long amount) {
        fan.findElement(By.id("join")).click();
        awaitStatus(fan, "ACTIVE");
        if (amount > 0) {
            WebElement field = fan.findElement(By.id("charge-amount"));
            field.clear();
            field.sendKeys(Long.toString(amount));
            fan.findElement(By.id("charge-button")).click();
            Browsers.until(fan, driver -> driver.findElement(By.id("balance")).getText()
                    .replaceAll("[^0-9]", "").equals(Long.toString(amount)));
        }
    }

    /** Another fan holds a seat of this test's date, through the API. */
    void holdThroughTheApi(Fans.Fan other, int number) {
        Http.Reply hold = http.post("api/reservations", "{\"concertId\":\"" + concert + "\",\"date\":\"" + SHOW
                + "\",\"seatNumber\":" + number + "}", "Authorization", other.bearer());
        assertThat(hold.status()).as(hold.body()).isEqualTo(201);
    }

    static void holdSeat(WebDriver fan, int number) {
        Browsers.until(fan, attributeToBe(seat(number), "aria-disabled", "false"));
        fan.findElement(seat(number)).click();
        Browsers.until(fan, attributeToBe(seat(number), "data-status", "MINE"));
    }

}
