package dev.concert.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The operators' dashboard in a real browser (headless Chromium) on a server whose admin API is on: in
 * Korean and in English as the browser prefers, with the right key and a wrong one, accessible (axe-core)
 * on a desktop and on a phone; and the pages' favicon and the API explorer's servers.
 * {@link OpsPageWithoutAdminKeyIT} is the same page on a server without an admin key.
 */
class OpsPageIT extends ApiIT {

    Browsers browsers;

    @BeforeAll
    static void chromium() {
        Browsers.assumeAvailable();
    }

    @BeforeEach
    void setUp() {
        browsers = new Browsers();
    }

    @AfterEach
    void tearDown() {
        browsers.close();
    }

    @Test
    void aKoreanBrowserGetsTheDashboardInKorean() {
        readsTheDashboardIn(OpsPage.KOREAN);
    }

    @Test
    void anEnglishBrowserGetsTheDashboardInEnglish() {
        readsTheDashboardIn(OpsPage.ENGLISH);
    }

    private void readsTheDashboardIn(OpsPage.Wording words) {
        aConcertOnSale();
        OpsPage page = OpsPage.open(browsers, base, words.language());
        assertThat(page.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(words.language());
        assertThat(page.driver.getTitle()).isEqualTo(words.title());
        assertThat(page.text("login-title")).isEqualTo(words.keyTitle());
        assertThat(page.text("login-button")).isEqualTo(words.openButton());

        page.openDashboard();
        assertThat(page.text("figures-title")).matches(words.heading());
        assertThat(page.text("figures-block")).contains(words.figures());
        assertThat(page.text("admission-state")).matches(words.admission());
        assertThat(chartLabels(page.driver)).containsAll(words.legend());
        assertThat(cells(page.driver, "sales", 1)).isNotEmpty().allMatch(date -> date.matches(words.date()));
        assertThat(cells(page.driver, "sales", 4)).allMatch(revenue -> revenue.matches(words.revenue()));
        assertThat(cells(page.driver, "instances", 1)).contains(words.up());
        assertThat(cells(page.driver, "instances", 5)).as("each instance's idle limits, the defaults here")
                .isNotEmpty().allMatch(limits -> limits.matches("120 ?(s|초) / 120 ?(s|초)"));
        Browsers.screenshot(page.driver, "ops-" + words.language() + "-dashboard");
    }

    /** The refusal comes from the problem's code in the page's language; the server's English detail is not shown. */
    @Test
    void aWrongKeyIsRefusedInTheBrowsersLanguage() {
        for (OpsPage.Wording words : OpsPage.LANGUAGES) {
            OpsPage page = OpsPage.open(browsers, base, words.language());
            page.logIn("not-" + OpsPage.KEY);
            page.awaitError();
            assertThat(page.driver.findElement(By.id("error")).getAttribute("data-code")).isEqualTo("TOKEN_INVALID");
            assertThat(page.text("error")).isEqualTo(words.refused()).doesNotContain("not valid");
            assertThat(page.state()).isEqualTo("login");
            assertThat(page.shows("login")).isTrue();
            assertThat(page.shows("figures-block")).isFalse();
            Browsers.screenshot(page.driver, "ops-" + words.language() + "-key-refused");
        }
    }

    /** Each element the page translates has its text in both dictionaries, and the two have the same entries. */
    @Test
    void everyTextOfThePageIsInBothDictionaries() {
        OpsPage page = OpsPage.open(browsers, base, "en");
        Object missing = ((JavascriptExecutor) page.driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const keys = d => Object.entries(d).flatMap(([k, v]) => typeof v === 'object' ? keys(v).map(s => k + '.' + s) : [k]);
                Promise.all([import('../js/i18n.js'), fetch('i18n/en.json').then(r => r.json()),
                             fetch('i18n/ko.json').then(r => r.json())]).then(([m, en, ko]) => {
                    const used = [...document.querySelectorAll('[data-i18n]')].map(e => e.dataset.i18n)
                        .concat([...document.querySelectorAll('[data-i18n-code]')].map(e => e.dataset.i18nCode));
                    const lacking = used.flatMap(key => [['en', en], ['ko', ko]]
                        .filter(([, d]) => m.format(d, key) === key).map(([name]) => name + ':' + key));
                    const onlyOne = keys(en).filter(k => !keys(ko).includes(k))
                        .concat(keys(ko).filter(k => !keys(en).includes(k)));
                    done(lacking.concat(onlyOne.map(k => 'in one dictionary only: ' + k)));
                });
                """);
        assertThat((List<?>) missing).isEmpty();
    }

    @Test
    void everyStateOfTheDashboardIsAccessibleInBothLanguagesOnADesktopAndAPhone() {
        aConcertOnSale();
        for (OpsPage.Wording words : OpsPage.LANGUAGES) {
            OpsPage page = OpsPage.open(browsers, base, words.language());
            assertThat(page.state()).isEqualTo("login");
            page.checkAtEverySize("login");

            page.logIn("not-" + OpsPage.KEY);
            page.awaitError();
            page.checkAtEverySize("key-refused");

            Browsers.resize(page.driver, 1280, 800);
            page.openDashboard();
            page.checkAtEverySize("dashboard");
        }
    }

    /** The check itself: a picture without a text alternative on the page is a critical finding, named. */
    @Test
    void theAccessibilityCheckFindsAPictureWithoutAText() {
        OpsPage page = OpsPage.open(browsers, base, "en");
        ((JavascriptExecutor) page.driver).executeScript(
                "const img = document.createElement('img'); img.src = '../favicon.svg'; img.id = 'no-alt';"
                        + "document.querySelector('main').prepend(img);");
        assertThat(Browsers.axeViolations(page.driver)).anySatisfy(line -> assertThat(line)
                .startsWith("image-alt (critical): ").contains("#no-alt"));
    }

    /**
     * Browsers ask for /favicon.ico by themselves: it is there (the IT's WAR is at the server's root, as the
     * EAR's web module is), and the pages' own icon link resolves to an SVG.
     */
    @Test
    void theFaviconIsWhereBrowsersAskForItAndWhereThePagesLinkIt() {
        assertThat(base.getPath()).isEqualTo("/");
        Http.Reply ico = http.get("favicon.ico");
        assertThat(ico.status()).isEqualTo(200);
        assertThat(ico.contentType()).startsWith("image/");

        WebDriver reader = browsers.open("en");
        for (String page : List.of("ops/", "openapi-ui/")) {
            reader.get(base + page);
            WebElement icon = reader.findElement(By.cssSelector("link[rel=icon]"));
            assertThat(icon.getAttribute("type")).isEqualTo("image/svg+xml");
            Object answer = ((JavascriptExecutor) reader).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch(arguments[0]).then(r => done(r.status + ' ' + r.headers.get('Content-Type')), e => done(String(e)));
                    """, icon.getAttribute("href"));
            assertThat(answer).as(page + " links " + icon.getAttribute("href")).asString().startsWith("200 image/svg+xml");
        }
    }

    /** Swagger UI lists the servers of /openapi: each must answer the API there (no https://localhost:8181). */
    @Test
    void theApiExplorerListsOnlyServersThatAnswer() throws Exception {
        WebDriver reader = browsers.open("en");
        reader.get(base + "openapi-ui/");
        Browsers.until(reader, driver -> !driver.findElements(By.cssSelector(".servers select option")).isEmpty());
        List<String> servers = reader.findElements(By.cssSelector(".servers select option")).stream()
                .map(option -> option.getAttribute("value")).toList();
        Browsers.screenshot(reader, "ops-api-explorer-servers");

        assertThat(servers).isNotEmpty().noneMatch(server -> server.contains(":8181"));
        URI document = base.toURI().resolve("/openapi");
        for (String server : servers) {
            URI root = URI.create(document.resolve(server).toString().replaceFirst("/?$", "/"));
            assertThat(new Http(root).get("api/concerts").status()).as("GET api/concerts on " + root + " (server " + server + ")")
                    .isEqualTo(200);
        }
    }

    /** A line in the sales table. */
    private void aConcertOnSale() {
        new Fans(http, ADMIN).concert(LocalDate.now().plusDays(45), 99_000);
    }

    /** The chart's legend (uPlot draws its axes' labels on the canvas). */
    private static List<String> chartLabels(WebDriver driver) {
        return driver.findElements(By.cssSelector("#chart .u-legend .u-label")).stream().map(WebElement::getText).toList();
    }

    /** The texts of one column of a table's body, read at once (the page redraws its tables every 2 s). */
    @SuppressWarnings("unchecked")
    private static List<String> cells(WebDriver driver, String body, int column) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll('#' + arguments[0] + ' tr')].map(tr => tr.children[arguments[1]].textContent);",
                body, column);
    }
}
