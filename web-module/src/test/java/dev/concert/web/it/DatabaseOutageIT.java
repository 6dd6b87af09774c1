package dev.concert.web.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The database taken away under a running server (through {@link TcpProxy}; the real database is never
 * touched): every request that needs it is answered 503 {@code SERVICE_UNAVAILABLE} with
 * {@code Retry-After}, quickly — never a hang, never a 500 — and the server serves again by itself once
 * the database is back. Two ways a database goes: its port closed (the process died), and a server
 * that accepts connections but never answers. Runs in a failsafe run of its own (web-module/pom.xml): the Micro's
 * database URL is the proxy's.
 */
@ExtendWith({DatabaseBehindProxy.class, TestStores.class, ArquillianExtension.class})
@RunAsClient
class DatabaseOutageIT {

    /** Connector/J's connectTimeout as the server sets it (DatabaseDriverConfigSource): a database out of reach. */
    static final long CONNECT_TIMEOUT_MILLIS = driverOption("connectTimeout");
    /** Connector/J's socketTimeout as the server sets it: a connection that stopped answering. */
    static final long SOCKET_TIMEOUT_MILLIS = driverOption("socketTimeout");
    /**
     * What a busy machine may add to a bound (the HTTP round trip, a CI core shared with the server): half the
     * gap between the two timeouts, so "within the connect timeout" still tells a fast 503 from one that
     * waited for the socket timeout, and "within the socket timeout" one that waited for it from a hang.
     */
    static final long SLACK_MILLIS = (SOCKET_TIMEOUT_MILLIS - CONNECT_TIMEOUT_MILLIS) / 2;

    static long driverOption(String name) {
        return Long.parseLong(dev.concert.infrastructure.config.DatabaseDriverConfigSource.MYSQL_OPTIONS.get(name));
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        return MicroDeployment.war();
    }

    @AfterAll
    static void restore() throws Exception {
        if (DatabaseBehindProxy.proxy != null) {
            DatabaseBehindProxy.proxy.forward();
        }
    }

    @ArquillianResource
    URL base;

    Http http;
    Http root;

    @BeforeEach
    void client() throws Exception {
        assumeTrue(DatabaseBehindProxy.proxy != null, "needs DB_URL (a MySQL/MariaDB) to put a proxy in front of");
        http = new Http(base.toURI());
        root = new Http(base.toURI().resolve("/"));
        DatabaseBehindProxy.proxy.forward();
        awaitServing();
        TestStores.assertServerRunsOnTheChosenStores(base.toURI(), null);
    }

    record Timed(Http.Reply reply, long millis) {
    }

    private Timed timed(java.util.function.Supplier<Http.Reply> request) {
        long started = System.nanoTime();
        Http.Reply reply = request.get();
        return new Timed(reply, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Requests that need the database: the catalogue read by everyone, an operator's write. */
    private List<Timed> askEverything() {
        List<Timed> replies = new ArrayList<>();
        replies.add(timed(() -> http.get("api/concerts")));
        replies.add(timed(() -> http.get("api/concerts/1/dates")));
        replies.add(timed(() -> http.post("api/admin/concerts",
                "{\"title\":\"Outage\",\"venue\":\"Nowhere\",\"dates\":[\"2099-01-01\"],\"seatPrice\":1000}",
                "Authorization", ApiIT.ADMIN)));
        return replies;
    }

    private void assertAllRefusedQuickly(List<Timed> replies) {
        assertThat(replies).allSatisfy(timed -> {
            assertThat(timed.reply().status()).as(timed.reply().body()).isEqualTo(503);
            assertThat(timed.reply().object().getString("code")).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(timed.reply().header("Retry-After")).isNotBlank();
            assertThat(timed.reply().body()).doesNotContain("Exception", "SQL", "jdbc");
            assertThat(timed.millis()).as("answered within the connect timeout, not hung").isLessThan(CONNECT_TIMEOUT_MILLIS + SLACK_MILLIS);
        });
    }

    private void awaitServing() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Http.Reply reply = http.get("api/concerts");
        while (reply.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            reply = http.get("api/concerts");
        }
        assertThat(reply.status()).as("served again once the database is back: " + reply.body()).isEqualTo(200);
        assertThat(root.get("health/ready").status()).isEqualTo(200);
    }

    @Test
    void aDatabaseWhosePortIsClosedGets503AtOnceAndTheServerRecovers() throws Exception {
        DatabaseBehindProxy.proxy.refuse();

        List<Timed> first = askEverything();
        List<Timed> more = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            more.add(timed(() -> http.get("api/concerts")));
        }

        assertAllRefusedQuickly(first);
        assertAllRefusedQuickly(more);
        assertThat(more.get(more.size() - 1).reply().object().getString("detail"))
                .as("the circuit opened (UsesDatabase): refused without trying").contains("paused");
        assertThat(root.get("health/ready").status()).as("readiness tells the load balancer").isEqualTo(503);

        DatabaseBehindProxy.proxy.forward();
        awaitServing();
    }

    /**
     * A database server that takes connections and never answers (hung, or its disk gone): the first
     * requests wait for the driver's socket timeout (8 s; it must outlast the 5 s row-lock wait, so it
     * cannot be 2 s), then the circuit is open and every later request is refused at once.
     */
    @Test
    void aDatabaseThatStoppedAnsweringCostsTheFirstRequestsTheSocketTimeoutThenNothing() throws Exception {
        DatabaseBehindProxy.proxy.blackHole();

        ExecutorService fans = Executors.newFixedThreadPool(12);
        List<Future<Timed>> first = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            first.add(fans.submit(() -> timed(() -> http.get("api/concerts"))));
        }
        List<Timed> answered = new ArrayList<>();
        for (Future<Timed> reply : first) {
            answered.add(reply.get(60, TimeUnit.SECONDS));
        }
        fans.shutdown();
        Timed again = timed(() -> http.get("api/concerts"));   // within the circuit's 5 s

        assertThat(answered).allSatisfy(timed -> {
            assertThat(timed.reply().status()).as(timed.reply().body()).isEqualTo(503);
            assertThat(timed.reply().header("Retry-After")).isNotBlank();
            // a request may meet the socket timeout twice: once opening a new pooled connection (the silent server
            // accepts the TCP connection, then never sends MySQL's greeting), once on its query (CI: 16.3 s once)
            assertThat(timed.millis()).as("at most two socket timeouts, not a hang")
                    .isLessThan(2 * SOCKET_TIMEOUT_MILLIS + SLACK_MILLIS);
        });
        assertThat(again.reply().status()).isEqualTo(503);
        assertThat(again.reply().object().getString("detail")).as("the circuit opened").contains("paused");
        assertThat(again.millis()).as("refused without waiting for the socket timeout").isLessThan(CONNECT_TIMEOUT_MILLIS + SLACK_MILLIS);

        DatabaseBehindProxy.proxy.forward();
        awaitServing();
    }
}
