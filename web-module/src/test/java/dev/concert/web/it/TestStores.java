package dev.concert.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MariaDBContainer;

/**
 * Chooses the database and the queue store the Payara Micro under test runs on, before Arquillian
 * starts it. The database:
 * <ol>
 *   <li>{@code DB_URL} (with {@code DB_USER}, {@code DB_PASSWORD}) when set: the environment reaches
 *       the Micro process as is. This machine and CI: the local MariaDB.</li>
 *   <li>else a MariaDB 10.11 in Testcontainers, when a Docker engine answers;</li>
 *   <li>else an in-memory H2 in MySQL mode, with a warning: the tests still run on a machine that
 *       has only Java and Maven, but they prove nothing about MySQL there.</li>
 * </ol>
 * The queue store likewise: {@code REDIS_URL}, else a Testcontainers Redis, else the in-process store.
 * The choice is passed on by overriding the container's {@code cmdOptions} through Arquillian's
 * {@code arq.container.micro.configuration.*} system properties. Register it before ArquillianExtension.
 * The H2 is a file under {@code target/} opened with {@code AUTO_SERVER}, so that {@link Tables} can read
 * the server's tables there too; {@link #assertServerRunsOnTheChosenStores} checks, through the server's
 * readiness data, that the server under test really runs on what was chosen.
 */
public class TestStores implements BeforeAllCallback {

    private static final Logger LOG = Logger.getLogger(TestStores.class.getName());
    private static final String OPTIONS = "arq.container.micro.configuration.cmdOptions";
    private static MariaDBContainer<?> mariadb;
    private static GenericContainer<?> redis;
    /** The database the tests read and the server uses: JDBC URL, user, password. */
    private static String[] database;
    /** What the server's readiness data must name: the database product (MySQL or MariaDB, or H2), the queue store. */
    private static String expectedDatabase;
    private static String expectedQueueStore;
    /** The queue store's Redis (a redis:// URL) and key prefix, as given to the server; no URL: the in-process store. */
    private static String queueRedis;
    private static String queuePrefix;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        synchronized (TestStores.class) {
            if (System.getProperty(OPTIONS) == null) {
                // the queue's keys under a prefix of this run's own: nothing left by an earlier run counts
                queuePrefix = "{it-" + UUID.randomUUID() + "}";
                System.setProperty(OPTIONS, String.join(" ", System.getProperty("it.micro.options", ""),
                        databaseOptions(), redisOptions(), "-Dqueue.redis.prefix=" + queuePrefix,
                        "-Dratelimit.trusted-proxies=" + thisMachine()));
            }
        }
    }

    private static String databaseOptions() {
        if (isSet(System.getenv("DB_URL"))) {
            LOG.info(() -> "Integration tests on DB_URL " + System.getenv("DB_URL"));
            database = new String[] {System.getenv("DB_URL"), System.getenv("DB_USER"), System.getenv("DB_PASSWORD")};
            expectedDatabase = "MySQL|MariaDB";
            // DatabaseOutageIT: the server reaches the same database through a TcpProxy
            String proxied = System.getProperty(DatabaseBehindProxy.URL);
            return isSet(proxied) ? "-Ddb.url=" + proxied : "";
        }
        if (dockerAvailable()) {
            mariadb = new MariaDBContainer<>("mariadb:10.11").withDatabaseName("concert");
            mariadb.start();
            LOG.info(() -> "Integration tests on Testcontainers " + mariadb.getJdbcUrl());
            String url = mariadb.getJdbcUrl().replace("jdbc:mariadb:", "jdbc:mysql:");
            database = new String[] {url, mariadb.getUsername(), mariadb.getPassword()};
            expectedDatabase = "MySQL|MariaDB";
            return "-Ddb.url=" + url + " -Ddb.user=" + mariadb.getUsername() + " -Ddb.password=" + mariadb.getPassword();
        }
        LOG.warning("No DB_URL and no Docker engine: integration tests run on an H2 file database, not on MySQL/MariaDB");
        Path file = Path.of("target", "it-h2", "concert-" + UUID.randomUUID()).toAbsolutePath();
        String url = "jdbc:h2:file:" + file + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE";
        database = new String[] {url, "concert", "concert"};   // the user and password of the default db.url
        expectedDatabase = "H2";
        return "-Ddb.url=" + url;
    }

    private static String redisOptions() {
        if (isSet(System.getenv("REDIS_URL"))) {
            LOG.info(() -> "Integration tests on REDIS_URL " + System.getenv("REDIS_URL"));
            expectedQueueStore = "redis";
            queueRedis = System.getenv("REDIS_URL");
            return "";
        }
        if (dockerAvailable()) {
            redis = new GenericContainer<>("redis:7").withExposedPorts(6379);
            redis.start();
            expectedQueueStore = "redis";
            queueRedis = "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
            return "-Dredis.url=" + queueRedis;
        }
        LOG.warning("No REDIS_URL and no Docker engine: integration tests run on the in-process queue store");
        expectedQueueStore = "in-process";
        return "";
    }

    /** The database under the server, for the tests to read: JDBC URL, user, password. */
    static String[] database() {
        if (database == null) {
            throw new IllegalStateException("TestStores has not chosen the stores yet: register it on the test class");
        }
        return database;
    }

    /**
     * The Redis the server's queue store runs on (a redis:// URL) and the prefix of its keys, for a test that
     * must change the store as another instance would; empty on the in-process store, or when the server's
     * options were given from outside (then this class chose nothing).
     */
    static java.util.Optional<QueueRedis> queueRedis() {
        return queueRedis == null || queuePrefix == null ? java.util.Optional.empty()
                : java.util.Optional.of(new QueueRedis(URI.create(queueRedis), queuePrefix));
    }

    /** Where the server under test keeps its queue: the Redis, and the prefix of every key (see common.lua). */
    record QueueRedis(URI url, String prefix) {
    }

    /** Whether the server's database is a MySQL or MariaDB (not the embedded H2). */
    static boolean onMySql() {
        return database()[0].startsWith("jdbc:mysql:");
    }

    /**
     * Fails unless the server at {@code root} (its context root) says, in its readiness data, that it runs on
     * the database and the queue store chosen here: a deployment that silently fell back to the embedded
     * stores would otherwise pass every test on the wrong stores. {@code queueStore} overrides the queue
     * store expected (a test with a Redis of its own).
     */
    static void assertServerRunsOnTheChosenStores(URI root, String queueStore) {
        Http.Reply ready = new Http(root.resolve("/")).get("health/ready");
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        Map<String, String> data = new HashMap<>();
        for (JsonObject check : ready.object().getJsonArray("checks").getValuesAs(JsonObject.class)) {
            check.getJsonObject("data").forEach((key, value) -> data.put(check.getString("name") + "." + key,
                    ((JsonString) value).getString()));
        }
        assertThat(data.get("database.product")).as("the server's database, " + data).matches(expectedDatabase);
        assertThat(data.get("queue-store.store")).as("the server's queue store, " + data)
                .isEqualTo(queueStore == null ? expectedQueueStore : queueStore);
    }

    /**
     * The test client plays the load balancer: every address of this machine is a trusted proxy, so
     * the X-Forwarded-For the tests send counts (each fan its own address), and nothing else would.
     */
    static String thisMachine() throws java.net.SocketException {
        java.util.List<String> addresses = new java.util.ArrayList<>();
        for (java.net.NetworkInterface face : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (java.net.InetAddress address : java.util.Collections.list(face.getInetAddresses())) {
                String literal = address.getHostAddress();
                int scope = literal.indexOf('%');
                addresses.add(scope < 0 ? literal : literal.substring(0, scope));
            }
        }
        return String.join(",", addresses);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError noDocker) {
            return false;
        }
    }

    static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
