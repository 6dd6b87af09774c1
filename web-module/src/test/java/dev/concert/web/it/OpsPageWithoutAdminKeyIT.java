package dev.concert.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The operators' dashboard on a server with no admin key, for real: this class's Payara Micro gets a blank
 * {@code admin.api-key} (which the application takes for none) from a config file in its WAR whose ordinal
 * (500) beats the {@code -Dadmin.api-key} every IT server is started with (400), so its admin API does not
 * exist (404) and the page says so. Blank, not empty: Payara's MicroProfile Config skips an empty value and
 * takes the next source's.
 */
@ExtendWith({TestStores.class, ArquillianExtension.class})
@RunAsClient
class OpsPageWithoutAdminKeyIT {

    static final String ADMIN = "Bearer " + OpsPage.KEY;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return MicroDeployment.war().addAsResource(new StringAsset("config_ordinal=500\nadmin.api-key=\\u0020\n"),
                "META-INF/microprofile-config.properties");
    }

    @ArquillianResource
    URL base;

    Http http;
    Browsers browsers;

    @BeforeEach
    void setUp() throws Exception {
        http = new Http(base.toURI());
        TestStores.assertServerRunsOnTheChosenStores(base.toURI(), null);
        browsers = new Browsers();
    }

    @AfterEach
    void tearDown() {
        browsers.close();
    }

    @Test
    void theAdminApiIsNotThereEvenForTheKeyOtherServersHave() {
        Http.Reply reply = http.get("api/admin/queue", "Authorization", ADMIN);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.object().getString("code")).isEqualTo("NOT_FOUND");
        assertThat(http.get("api/admin/queue").status()).as("without a key too").isEqualTo(404);
    }

    @Test
    void thePageSaysTheAdminApiIsOffAndHowToTurnItOnInTheBrowsersLanguage() {
        Browsers.assumeAvailable();
        for (OpsPage.Wording words : OpsPage.LANGUAGES) {
            OpsPage page = OpsPage.open(browsers, base, words.language());
            assertThat(page.state()).isEqualTo("off");
            assertThat(page.text("admin-off-title")).isEqualTo(words.offTitle());
            assertThat(page.text("admin-off")).contains("ADMIN_API_KEY", "admin.api-key");
            assertThat(page.shows("login")).as("no key form where no key can work").isFalse();
            assertThat(page.shows("error")).isFalse();
            page.checkAtEverySize("admin-off");
        }
    }

    /** A key kept in the tab from before (the server has since lost its key) meets the same page, not a refusal. */
    @Test
    void aKeyKeptFromBeforeMeetsTheSameMessage() {
        Browsers.assumeAvailable();
        OpsPage page = OpsPage.open(browsers, base, "en");
        ((JavascriptExecutor) page.driver).executeScript("sessionStorage.setItem('concert.admin-key', arguments[0]);", OpsPage.KEY);
        page.driver.navigate().refresh();
        page.awaitState("off");
        assertThat(page.shows("error")).isFalse();
        assertThat(((JavascriptExecutor) page.driver).executeScript("return sessionStorage.getItem('concert.admin-key');"))
                .as("the useless key is forgotten").isNull();
    }
}
