package dev.concert.web.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import dev.concert.domain.queue.QueueToken;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ZAddParams;

/**
 * The fan's page when time runs out, against a server of short windows (its own Payara Micro: holds of
 * it.window.hold-seconds, admission windows of it.window.active-seconds), and when a waiting fan's place
 * in line is lost: the page says what happened and offers the one thing that makes sense, and never
 * leaves a fan looking at a countdown at 0:00.
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

    /**
     * A waiting fan whose page was away longer than {@code queue.waiting.idle-seconds} comes back to the
     * page: the old token answers 401 TOKEN_INVALID, and the page, whose last status was WAITING, says the
     * place in line was lost (not that a booking time ended) and offers to join again; joining puts the fan
     * at the back of the line, behind a fan who joined after the place was first taken.
     *
     * <p>How the place is lost. The real path is the idle sweep: every admission pass (once a second, paused
     * or not: admit.lua) drops the waiting fans whose last sighting in the store ({@code P:seenw}, common.lua)
     * is older than {@code queue.waiting.idle-seconds}. Waiting that long is too slow here: the setting is at
     * least 30 s (3 x the longest waiting pollAfterSeconds, Settings.check) and this Micro runs the default
     * 120 s. And an open page never idles (its stream or its polls keep the fan seen), so the fan's tab is
     * closed (no stream, no poll; the browser keeps its localStorage). Merely navigating away is not enough:
     * the browser may keep the page, and its stream, alive to go back to. Then, on Redis, the fan's last
     * sighting is moved back by idle-seconds + 1 s of the store's clock, which is all that the time away would
     * have changed in the store, and the server's own pass drops the place: its counter of fans gone idle
     * ({@code concert_queue_fans_gone_idle_total{status="WAITING"}}) goes up by one, and the fan behind moves
     * up. Only on the in-process store, which no test can reach from outside, does the test really wait the
     * idle time (~2 min), while the fan behind keeps polling as an open page would.
     */
    @Test
    void aWaitingFanWhosePageWasAwayTooLongIsToldThePlaceIsLostAndJoinsAgainAtTheBack() throws Exception {
        fans.settings("{\"paused\":true}");   // nobody is admitted: the fan stays WAITING until the place is lost
        WebDriver fan = fanPage("en");
        fan.findElement(By.id("join")).click();
        awaitStatus(fan, "WAITING");
        Fans.Fan lost = fanOf(fan);
        long place = positionOn(fan);
        Fans.Fan behind = fans.waiting();
        long behindAt = positionOf(behind);
        assertThat(behindAt).as("a fan who joined later, behind the fan").isGreaterThan(place);

        Scrape before = Scrape.of(base.toURI());
        String page = fan.getWindowHandle();
        fan.switchTo().newWindow(WindowType.TAB);   // the same browser, its localStorage kept
        String elsewhere = fan.getWindowHandle();
        fan.switchTo().window(page).close();        // the fan's page is closed, and its stream with it
        fan.switchTo().window(elsewhere);
        int idleSeconds = waitingIdleSeconds();
        Optional<TestStores.QueueRedis> redis = TestStores.queueRedis();
        redis.ifPresent(store -> lastSeenAgo(store, lost.token(), idleSeconds + 1));
        awaitGoneIdle(before, redis.isPresent() ? 20 : idleSeconds + 20, behind);
        Http.Reply old = http.get("api/queue/status", "Authorization", lost.bearer());
        assertThat(old.status()).as(old.body()).isEqualTo(401);
        assertThat(old.object().getString("code")).isEqualTo("TOKEN_INVALID");
        awaitPosition(behind, behindAt - 1);   // the fan behind moved up

        fan.get(base.toString());
        Browsers.until(fan, attributeToBe(By.tagName("body"), "data-ready", "true"));
        awaitStatus(fan, "LOST");
        WebElement words = fan.findElement(By.id("queue-intro-text"));
        assertThat(words.getAttribute("data-reason")).isEqualTo("LOST");
        assertThat(words.getText()).contains("You lost your place in line", "Join again", "at the back")
                .doesNotContain("booking time is over");
        assertThat(fan.findElement(By.id("join")).isDisplayed()).isTrue();
        assertThat(fan.findElement(By.id("join")).isEnabled()).isTrue();
        assertThat(fan.findElement(By.id("join")).getText()).as("the button says what the words say").isEqualTo("Join again");
        assertThat(fan.findElement(By.id("waiting")).isDisplayed()).as("no position left from the lost place").isFalse();
        assertThat(fan.findElement(By.id("active")).isDisplayed()).isFalse();
        assertThat(fan.findElement(By.id("queue-message")).isDisplayed()).as("no error besides the explanation").isFalse();
        Browsers.until(fan, driver -> driver.findElement(By.id("announcer")).getAttribute("textContent")
                .contains("You lost your place in line"));
        assertThat(script(fan, "return localStorage.getItem('concert.token')")).as("the dead token forgotten").isNull();
        script(fan, "document.getElementById('queue').scrollIntoView()");   // the shot shows the explanation
        Browsers.screenshot(fan, "w3-place-lost");
        accessibleAtBothSizes(fan, "w3-place-lost", "desktop");

        fan.findElement(By.id("join")).click();
        awaitStatus(fan, "WAITING");
        Fans.Fan again = fanOf(fan);
        assertThat(again.token()).as("a new token").isNotEqualTo(lost.token());
        assertThat(again.userId()).as("the same fan").isEqualTo(lost.userId());
        long newPlace = positionOf(again);
        assertThat(newPlace).as("the new place, at the back: behind the fan who joined later").isGreaterThan(positionOf(behind));
        Browsers.until(fan, driver -> positionOn(driver) == newPlace);
        assertThat(fan.findElement(By.id("queue-intro")).isDisplayed()).isFalse();
        script(fan, "document.getElementById('queue').scrollIntoView()");
        Browsers.screenshot(fan, "w3-place-lost-joined-again");
    }

    /** The fan's place in line as the page shows it. */
    static long positionOn(WebDriver fan) {
        return Long.parseLong(fan.findElement(By.id("position")).getText().replaceAll("[^0-9]", ""));
    }

    /** The fan's place in line as the server has it (a poll: it counts as the fan being seen). */
    long positionOf(Fans.Fan fan) {
        Http.Reply reply = http.get("api/queue/status", "Authorization", fan.bearer());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.object().getString("status")).isEqualTo("WAITING");
        return reply.object().getJsonNumber("position").longValue();
    }

    /** Waits until the server answers {@code fan}'s poll with {@code position}: its view of the line is up to 1 s old. */
    void awaitPosition(Fans.Fan fan, long position) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long answered = positionOf(fan);
        while (answered != position && deadline - System.nanoTime() > 0) {
            Fans.sleep(200);
            answered = positionOf(fan);
        }
        assertThat(answered).as("the place of " + fan.userId()).isEqualTo(position);
    }

    /** queue.waiting.idle-seconds as the server under test runs it (its instance report, every 5 s). */
    int waitingIdleSeconds() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Http.Reply reply = http.get("api/admin/instances", "Authorization", ADMIN);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            List<JsonObject> instances = reply.array().getValuesAs(JsonObject.class);
            if (!instances.isEmpty()) {
                return instances.get(0).getInt("waitingIdleSeconds");
            }
            assertThat(deadline - System.nanoTime()).as("an instance report within 20 s").isPositive();
            Fans.sleep(500);
        }
    }

    /**
     * Moves the waiting fan's last sighting in the queue store ({@code P:seenw}) to {@code seconds} before the
     * store's clock (Redis TIME), as that long without a poll or a stream would have left it; nothing else.
     */
    static void lastSeenAgo(TestStores.QueueRedis redis, String token, int seconds) {
        String key = QueueToken.key(token);
        String seen = redis.prefix() + ":seenw";
        try (Jedis jedis = new Jedis(redis.url())) {
            assertThat(jedis.zscore(seen, key)).as("the waiting fan's last sighting in the store").isNotNull();
            List<String> time = jedis.time();
            double then = Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000 - seconds * 1000L;
            jedis.zadd(seen, then, key, ZAddParams.zAddParams().xx());
            assertThat(jedis.zscore(seen, key)).isEqualTo(then);
        }
    }

    /**
     * Waits (at most {@code seconds}) until the server's admission pass has dropped one waiting fan as gone
     * idle; meanwhile {@code present} polls, as a fan whose page is open does, and keeps the place.
     */
    void awaitGoneIdle(Scrape before, int seconds, Fans.Fan present) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (Scrape.of(base.toURI()).since(before, "concert_queue_fans_gone_idle_total", "status", "WAITING") < 1) {
            assertThat(deadline - System.nanoTime()).as("a waiting fan dropped as gone idle within " + seconds + " s")
                    .isPositive();
            assertThat(fans.status(present)).isEqualTo("WAITING");
            Fans.sleep(1_000);
        }
        assertThat(Scrape.of(base.toURI()).since(before, "concert_queue_fans_gone_idle_total", "status", "WAITING"))
                .as("the fan away, and only that fan").isEqualTo(1);
    }
}
