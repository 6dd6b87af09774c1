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
 * The fan's page and the operators' dashboard in a real browser (headless Chromium) against the
 * application on Payara Micro, MariaDB and Redis: what a person sees, clicked as a person would.
 */
class BrowserIT extends FanPageIT {

    /** One journey per language (the phone's in English, the desktop's in Korean); every state is checked at both sizes. */
    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({"ko,desktop", "en,phone"})
    void aFanGoesFromTheFirstPageToTheConfirmation(String language, String size) {
        WebDriver fan = fanPage(language, size);
        String shot = "a-" + language + "-" + size + "-";
        Browsers.screenshot(fan, shot + "1-browse");
        accessibleAtBothSizes(fan, shot + "browse", size);
        assertThat(fan.findElements(By.cssSelector("#seat-map button[data-seat]"))).hasSize(50);
        assertThat(fan.findElement(seat(5)).getAttribute("aria-disabled")).as("no seat before the queue").isEqualTo("true");

        admitAndCharge(fan, 200_000);
        Browsers.screenshot(fan, shot + "2-active");
        accessibleAtBothSizes(fan, shot + "active", size);

        holdSeat(fan, 5);
        WebElement card = Browsers.await(fan, holdCard("HELD"), b -> visibilityOfElementLocated(b));
        assertThat(card.findElement(By.className("countdown")).getText()).matches("[0-9]+:[0-9]{2}");
        assertThat(card.getText()).contains(language.equals("ko") ? "A열 5번" : "Row A, seat 5");
        Browsers.screenshot(fan, shot + "3-held");
        accessibleAtBothSizes(fan, shot + "held", size);

        card.findElement(By.className("pay")).click();
        Browsers.await(fan, By.id("confirmation"), b -> visibilityOfElementLocated(b));
        String payment = fan.findElement(By.id("payment-id")).getText();
        assertThat(payment).startsWith("p-");
        String ticket = fan.findElement(By.id("confirmation-ticket")).getText();
        assertThat(ticket).contains("Hall", SHOW.toString(), "19:00", language.equals("ko") ? "120,000원" : "₩120,000",
                language.equals("ko") ? "80,000원" : "₩80,000",
                payment.substring(2, 6).toUpperCase() + "-" + payment.substring(6, 10).toUpperCase());
        assertThat(fan.findElement(By.id("confirmation-text")).getAttribute("textContent")).contains(SHOW.toString(), "5");
        assertThat(script(fan, "return document.activeElement.id")).as("the ticket takes focus").isEqualTo("confirmation-title");
        assertThat((Boolean) script(fan, "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight;",
                fan.findElement(By.id("confirmation-title")))).as("the ticket is on screen").isTrue();
        assertThat(fan.findElement(By.id("tickets")).getText()).contains(payment);
        Browsers.until(fan, driver -> "SOLD".equals(driver.findElement(seat(5)).getAttribute("data-status")));
        Browsers.screenshot(fan, shot + "4-confirmed");
        accessibleAtBothSizes(fan, shot + "confirmed", size);
        assertThat(fan.findElements(By.cssSelector(".message:not([hidden])"))).isEmpty();

        fan.navigate().refresh();
        Browsers.until(fan, attributeToBe(By.tagName("body"), "data-ready", "true"));
        assertThat(fan.findElement(By.id("tickets")).getText()).as("my tickets after a reload")
                .contains(payment, "Hall", "19:00", SHOW.toString(),
                        payment.substring(2, 6).toUpperCase() + "-" + payment.substring(6, 10).toUpperCase());
        Browsers.screenshot(fan, shot + "5-tickets-after-reload");
    }

    @Test
    void twoFansForOneSeatOneHoldsItAndTheOtherIsToldItIsTaken() {
        WebDriver first = fanPage("ko");
        WebDriver second = fanPage("en");
        first.findElement(By.id("join")).click();
        second.findElement(By.id("join")).click();
        awaitStatus(first, "ACTIVE");
        awaitStatus(second, "ACTIVE");
        Browsers.until(first, attributeToBe(seat(7), "aria-disabled", "false"));
        Browsers.until(second, attributeToBe(seat(7), "aria-disabled", "false"));

        first.findElement(seat(7)).click();
        second.findElement(seat(7)).click();

        Browsers.await(first, holdCard("HELD"), b -> visibilityOfElementLocated(b));
        WebElement told = Browsers.await(second, By.id("seat-message"), b -> visibilityOfElementLocated(b));
        assertThat(told.getAttribute("data-code")).isEqualTo("SEAT_UNAVAILABLE");
        assertThat(told.getText()).contains("Someone else has taken this seat")
                .doesNotContain("409").doesNotContain("held by another user");   // the server's own detail stays out
        assertThat(second.findElements(holdCard("HELD"))).isEmpty();
        Browsers.screenshot(first, "b1-holder");
        Browsers.screenshot(second, "b2-told-taken");
        accessibleAtBothSizes(second, "b2-told-taken", "desktop");
    }

    @Test
    void aReloadOrASecondTabWhileHoldingShowsTheHoldAndItsPayButtonAndNeverASecondHold() {
        WebDriver fan = fanPage("ko");
        admitAndCharge(fan, 150_000);
        holdSeat(fan, 9);
        Fans.Fan me = fanOf(fan);

        fan.navigate().refresh();
        Browsers.until(fan, attributeToBe(By.tagName("body"), "data-ready", "true"));
        WebElement card = Browsers.await(fan, holdCard("HELD"), b -> visibilityOfElementLocated(b));
        assertThat(card.getText()).contains("A열 9번");
        assertThat(card.findElement(By.className("pay")).isDisplayed()).isTrue();
        Browsers.until(fan, attributeToBe(seat(9), "data-status", "MINE"));
        fan.findElement(seat(9)).click();   // the fan's own seat: its card, not a second hold
        assertThat(script(fan, "return document.activeElement.closest('li.hold') !== null")).isEqualTo(true);
        Browsers.screenshot(fan, "f1-hold-after-reload");
        accessibleAtBothSizes(fan, "f1-hold-after-reload", "desktop");

        fan.switchTo().newWindow(WindowType.TAB);
        fan.get(base.toString());
        Browsers.until(fan, attributeToBe(By.tagName("body"), "data-ready", "true"));
        Browsers.await(fan, holdCard("HELD"), b -> visibilityOfElementLocated(b));
        assertThat(fan.findElements(holdCard("HELD"))).hasSize(1);
        assertThat(heldOnTheServer(me)).as("one hold, whatever the reloads and tabs").hasSize(1);

        fan.findElement(holdCard("HELD")).findElement(By.className("pay")).click();
        Browsers.await(fan, By.id("confirmation"), b -> visibilityOfElementLocated(b));
        Browsers.until(fan, attributeToBe(seat(9), "data-status", "SOLD"));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({"ko,phone", "en,desktop"})
    void aDeclinedPaymentIsExplainedBesideTheSeatItWasForAndStaysUntilTheFanActs(String language, String size) {
        WebDriver fan = fanPage(language, size);
        admitAndCharge(fan, 0);
        holdSeat(fan, 11);
        WebElement held = fan.findElement(holdCard("HELD"));
        held.findElement(By.className("pay")).click();

        WebElement declined = Browsers.await(fan, holdCard("DECLINED"), b -> visibilityOfElementLocated(b));
        WebElement told = declined.findElement(By.className("message"));
        assertThat(told.getAttribute("data-code")).isEqualTo("INSUFFICIENT_BALANCE");
        assertThat(told.getText()).contains(language.equals("ko") ? "잔액이 부족" : "balance is too low")
                .doesNotContain("120000").doesNotContain("402");   // the server's own detail names the price unformatted
        Fans.sleep(6_500);   // the page refreshes its seats and holds every 5 s: the explanation survives it
        assertThat(fan.findElement(holdCard("DECLINED")).findElement(By.className("message")).isDisplayed()).isTrue();
        assertThat((Boolean) script(fan, "const r = arguments[0].getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight;",
                fan.findElement(holdCard("DECLINED")))).as("on screen where the fan paid, not at the top of the page").isTrue();
        assertThat(fan.findElement(seat(11)).getAttribute("data-status")).isEqualTo("AVAILABLE");
        Browsers.screenshot(fan, "g1-declined-" + language + "-" + size);
        accessibleAtBothSizes(fan, "g1-declined-" + language, size);

        fan.findElement(holdCard("DECLINED")).findElement(By.className("add-money")).click();
        assertThat(script(fan, "return document.activeElement.id")).isEqualTo("charge-amount");
        assertThat(fan.findElements(holdCard("DECLINED"))).isEmpty();
    }

    @Test
    void anAmountIsChargedExactlyAsTypedOrRefusedBesideTheField() {
        WebDriver fan = fanPage("en");
        admitAndCharge(fan, 0);
        WebElement field = fan.findElement(By.id("charge-amount"));
        for (String typed : new String[] {"1e3", "99999999999999999", "-5", "1.5", ""}) {
            field.clear();
            field.sendKeys(typed);
            fan.findElement(By.id("charge-button")).click();
            WebElement told = Browsers.await(fan, By.id("charge-message"), b -> visibilityOfElementLocated(b));
            assertThat(told.getAttribute("data-code")).as(typed).isIn("AMOUNT_INVALID", "AMOUNT_MISSING");
            assertThat(field.getAttribute("aria-invalid")).isEqualTo("true");
        }
        field.clear();
        field.sendKeys("10000001");   // over wallet.max-charge: the server refuses, the page says so beside the field
        fan.findElement(By.id("charge-button")).click();
        Browsers.until(fan, attributeToBe(By.id("charge-message"), "data-code", "VALIDATION_FAILED"));
        assertThat(fan.findElement(By.id("charge-message")).getText()).contains("cannot be added at once");
        Browsers.screenshot(fan, "h1-charge-refused");
        accessibleAtBothSizes(fan, "h1-charge-refused", "desktop");

        field.clear();
        field.sendKeys("9000001");
        fan.findElement(By.id("charge-button")).click();
        Browsers.until(fan, driver -> driver.findElement(By.id("balance")).getText().equals("₩9,000,001"));
        assertThat(fan.findElement(By.id("charge-message")).isDisplayed()).isFalse();
        Http.Reply balance = http.get("api/users/" + fanOf(fan).userId() + "/balance", "Authorization", fanOf(fan).bearer());
        assertThat(balance.object().getJsonNumber("balance").longValue()).isEqualTo(9_000_001L);
    }

    @Test
    void theSeatMapShowsTheStageSectionsAndRowsAndKeepsFocusAcrossItsRefresh() {
        Http.Reply created = http.post("api/admin/concerts", "{\"title\":\"Layout " + java.util.UUID.randomUUID()
                + "\",\"venue\":\"Arena\",\"dates\":[\"" + SHOW + "\"],\"startTime\":\"18:30\",\"layout\":{\"sections\":["
                + "{\"name\":\"VIP\",\"rows\":[\"A\"],\"seatsPerRow\":10,\"price\":165000},"
                + "{\"name\":\"R\",\"rows\":[\"B\",\"C\",\"D\",\"E\"],\"seatsPerRow\":10,\"price\":99000}]}}",
                "Authorization", ADMIN);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        concert = created.object().getString("id");
        WebDriver fan = fanPage("en");
        String dateButton = fan.findElement(By.id("date-" + SHOW)).getText();
        assertThat(dateButton).contains(SHOW + " (" + SHOW.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT,
                java.util.Locale.ENGLISH) + ") 18:30", "50 seats left");
        assertThat(fan.findElement(By.cssSelector("#seat-map .stage")).getText()).isEqualToIgnoringCase("Stage");
        assertThat(fan.findElements(By.cssSelector("#sections h3"))).extracting(WebElement::getText)
                .containsExactly("Section VIP · ₩165,000", "Section R · ₩99,000");
        assertThat(fan.findElements(By.cssSelector("#sections .row-label"))).extracting(WebElement::getText)
                .containsExactly("A", "B", "C", "D", "E");
        assertThat(script(fan, "return [...arguments[0].childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('')",
                fan.findElement(seat(13)))).as("what a sighted fan reads on the seat").isEqualTo("3");
        assertThat(fan.findElement(seat(13)).getAccessibleName()).startsWith("Row B, seat 3").contains("₩99,000");

        admitAndCharge(fan, 0);
        script(fan, "arguments[0].focus()", fan.findElement(seat(20)));   // where a keyboard user would be
        Fans.Fan other = fans.admitted();
        holdThroughTheApi(other, 21);
        Browsers.until(fan, attributeToBe(seat(21), "data-status", "HELD"));
        Browsers.until(fan, driver -> driver.findElement(By.id("date-" + SHOW)).getText().contains("49 seats left"));
        assertThat(script(fan, "return document.activeElement.dataset.seat")).as("focus survives the redraw").isEqualTo("20");
        Browsers.screenshot(fan, "i1-sections");
        accessibleAtBothSizes(fan, "i1-sections", "desktop");

        // the check is able to fail: a seat as the page drew it before, named by an aria-label without its visible text
        script(fan, "const b = document.createElement('button'); b.innerHTML = '5<small>165K</small>';"
                + "b.setAttribute('aria-label', 'Seat 5, ₩165,000, available'); document.getElementById('sections').prepend(b);");
        assertThat(Browsers.axeViolations(fan)).anyMatch(found -> found.startsWith("label-content-name-mismatch"));
    }

    /**
     * WCAG 1.4.11 (non-text contrast), which axe does not check: every seat state's fill, or its border where
     * the fill is the page's, stands 3:1 against the section; its text 4.5:1 against its fill.
     */
    @Test
    void everySeatStateStandsOutFromThePageAndItsTextFromTheSeat() {
        WebDriver fan = fanPage("en");
        admitAndCharge(fan, 200_000);
        holdSeat(fan, 1);                                   // MINE
        Fans.Fan other = fans.admitted();
        for (int number : new int[] {2, 3}) {
            holdThroughTheApi(other, number);
        }
        http.post("api/users/" + other.userId() + "/balance/charges", "{\"amount\":200000}", "Authorization", other.bearer());
        Http.Reply held = http.get("api/users/" + other.userId() + "/reservations?status=HELD", "Authorization", other.bearer());
        String three = held.array().stream().map(v -> v.asJsonObject())
                .filter(r -> r.getInt("seatNumber") == 3).findFirst().orElseThrow().getString("reservationId");
        assertThat(http.post("api/payments", "{\"reservationId\":\"" + three + "\"}", "Authorization", other.bearer()).status())
                .isEqualTo(201);
        Browsers.until(fan, attributeToBe(seat(2), "data-status", "HELD"));
        Browsers.until(fan, attributeToBe(seat(3), "data-status", "SOLD"));
        WebDriver outsider = fanPage("en");                 // AVAILABLE but not yet usable: before the queue

        for (WebDriver page : List.of(fan, outsider)) {
            @SuppressWarnings("unchecked")
            List<java.util.Map<String, Object>> states = (List<java.util.Map<String, Object>>) script(page, CONTRAST);
            for (java.util.Map<String, Object> state : states) {
                assertThat(((Number) state.get("shape")).doubleValue()).as("seat %s against the page", state.get("state"))
                        .isGreaterThanOrEqualTo(3.0);
                assertThat(((Number) state.get("text")).doubleValue()).as("text of seat %s", state.get("state"))
                        .isGreaterThanOrEqualTo(4.5);
            }
            assertThat(states).extracting(s -> s.get("state")).as("states seen").isNotEmpty();
        }
    }

    /** For one seat of each state on the page: contrast of its fill (or border) with the section, and of its text with its fill. */
    static final String CONTRAST = """
            const rgb = c => c.match(/[0-9.]+/g).slice(0, 3).map(Number);
            const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                               return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
            const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
            const page = getComputedStyle(document.getElementById('seats-block')).backgroundColor;
            const seen = {};
            for (const b of document.querySelectorAll('#seat-map button[data-seat]')) {
                const key = b.dataset.status + (b.getAttribute('aria-disabled') === 'true' ? '-unusable' : '');
                if (seen[key]) continue;
                const s = getComputedStyle(b);
                const fill = s.backgroundColor;
                const shape = Math.max(ratio(fill, page), ratio(s.borderTopColor, page));
                seen[key] = {state: key, shape, text: ratio(s.color, fill)};
            }
            return Object.values(seen);
            """;

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
        accessibleAtBothSizes(fan, "c1-waiting-second-tab", "desktop");
        assertThat(fan.findElement(By.id("progress")).getAccessibleName()).as("the progress bar is labelled")
                .isEqualTo("대기열 진행 상황");
        assertThat(script(fan, "return [...document.querySelectorAll('[aria-live]')].map(e => e.id).join()"))
                .as("one polite live region, outside the queue's figures: the countdown is never announced")
                .isEqualTo("announcer");
        assertThat(fan.findElement(By.id("announcer")).getAttribute("aria-live")).isEqualTo("polite");
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
        accessibleAtBothSizes(fan, "d1-fan-paused", "desktop");
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
