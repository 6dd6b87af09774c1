package dev.concert.web.it;

import java.net.URI;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Puts a {@link TcpProxy} between the Payara Micro under test and {@code DB_URL}'s database, before
 * Arquillian starts it (register it before TestStores and ArquillianExtension). The Micro gets the
 * proxy's address as {@code db.url}; the test gets the proxy to take the database away. Used by
 * DatabaseOutageIT alone, in a failsafe run of its own, since the database URL is fixed per Micro.
 */
public class DatabaseBehindProxy implements BeforeAllCallback {

    static final String URL = "it.db.url-through-proxy";
    static TcpProxy proxy;

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        String url = System.getenv("DB_URL");
        if (proxy != null || !TestStores.isSet(url) || !url.startsWith("jdbc:mysql://")) {
            return;
        }
        URI database = URI.create(url.substring("jdbc:".length()));
        proxy = new TcpProxy(database.getHost(), database.getPort() < 0 ? 3306 : database.getPort());
        System.setProperty(URL, "jdbc:mysql://127.0.0.1:" + proxy.port() + database.getRawPath()
                + (database.getRawQuery() == null ? "" : "?" + database.getRawQuery()));
    }
}
