package dev.concert.web.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The fan's page when time runs out, against a server of short windows (its own Payara Micro: holds of
 * it.window.hold-seconds, admission windows of it.window.active-seconds): the page says what happened
 * and offers the one thing that makes sense, and never leaves a fan looking at a countdown at 0:00.
 */
class BookingWindowBrowserIT extends FanPageIT {

    static final int ACTIVE_SECONDS = Integer.getInteger("it.window.active-seconds", 20);
    static final int HOLD_SECONDS = Integer.getInteger("it.window.hold-seconds", 8);

    @Test
    void whenTheBookingWindowEndsWhileTheFanLooksAtTheSeatsThePageSaysSoAndOffersToJoinAgain() {
        WebDriver fan = fanPage("ko");
        admitAndCharge(fan, 0);
        Browsers.until(fan, attributeToBe(seat(30), "aria-disabled", "false"));

        new WebDriverWait(fan, Duration.ofSeconds(ACTIVE_SECONDS + 30))
                .until(attributeToBe(By.id("queue-status"), "data-status", "ENDED"));

        assertThat(fan.findElement(By.id("queue-intro-text")).getText()).contains("예매 가능 시간이 끝났습니다");
        assertThat(fan.findElement(By.id("join")).isDisplayed()).isTrue();
        assertThat(fan.findElement(By.id("active")).isDisplayed()).as("no countdown left at 0:00").isFalse();
        assertThat(fan.findElement(seat(30)).getAttribute("aria-disabled")).isEqualTo("true");
        assertThat(fan.findElement(By.id("announcer")).getAttribute("textContent")).contains("예매 가능 시간이 끝났습니다");
        fan.findElement(seat(30)).click();
        WebElement told = Browsers.await(fan, By.id("seat-message"), b -> visibilityOfElementLocated(b));
        assertThat(told.getAttribute("data-code")).isEqualTo("TOKEN_MISSING");
        Browsers.screenshot(fan, "w1-window-ended");
        accessibleAtBothSizes(fan, "w1-window-ended", "desktop");

        fan.findElement(By.id("join")).click();
        awaitStatus(fan, "ACTIVE");
    }

    @Test
    void aLapsedHoldStaysExplainedUntilTheFanActsAndItsSeatIsFreeAgain() {
        WebDriver fan = fanPage("en", "phone");
        admitAndCharge(fan, 0);
        holdSeat(fan, 12);

        WebElement lapsed = new WebDriverWait(fan, Duration.ofSeconds(HOLD_SECONDS + 20))
                .until(visibilityOfElementLocated(holdCard("LAPSED")));
        assertThat(lapsed.findElement(By.className("message")).getAttribute("data-code")).isEqualTo("HOLD_EXPIRED");
        assertThat(lapsed.getText()).contains("has lapsed", "Row B, seat 2");
        Browsers.until(fan, attributeToBe(seat(12), "data-status", "AVAILABLE"));
        Fans.sleep(6_500);   // a refresh of the seats and holds later, the explanation is still there
        assertThat(fan.findElement(holdCard("LAPSED")).isDisplayed()).isTrue();
        Browsers.screenshot(fan, "w2-hold-lapsed-phone");
        accessibleAtBothSizes(fan, "w2-hold-lapsed", "phone");

        fan.findElement(holdCard("LAPSED")).findElement(By.className("dismiss")).click();
        assertThat(fan.findElements(holdCard("LAPSED"))).isEmpty();
    }
}
