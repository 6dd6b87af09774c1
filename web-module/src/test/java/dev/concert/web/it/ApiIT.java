package dev.concert.web.it;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A black-box test class of the API: the application deployed as one WAR to its own Payara Micro
 * (one Micro start, ~10 s, per class), on the stores {@link TestStores} chose, called over the
 * network by a real client.
 */
@ExtendWith({TestStores.class, ArquillianExtension.class})
@RunAsClient
abstract class ApiIT {

    static final String ADMIN = "Bearer " + System.getProperty("it.admin-key");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return MicroDeployment.war();
    }

    @ArquillianResource
    URL base;

    Http http;

    /** The server whose stores were last checked: one check per deployment, i.e. per test class. */
    private static URL checked;

    @BeforeEach
    void client() throws Exception {
        http = new Http(base.toURI());
        if (!base.equals(checked)) {
            TestStores.assertServerRunsOnTheChosenStores(base.toURI(), null);
            checked = base;
        }
    }
}
