package dev.concert.web.it;

import java.nio.file.Files;
import java.nio.file.Path;
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
 */
public class TestStores implements BeforeAllCallback {

    private static final Logger LOG = Logger.getLogger(TestStores.class.getName());
    private static final String OPTIONS = "arq.container.micro.configuration.cmdOptions";
    private static MariaDBContainer<?> mariadb;
    private static GenericContainer<?> redis;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        synchronized (TestStores.class) {
            if (System.getProperty(OPTIONS) == null) {
                // the queue's keys under a prefix of this run's own: nothing left by an earlier run counts
                String prefix = "-Dqueue.redis.prefix={it-" + UUID.randomUUID() + "}";
                System.setProperty(OPTIONS, String.join(" ", System.getProperty("it.micro.options", ""),
                        databaseOptions(), redisOptions(), prefix, "-Dratelimit.trusted-proxies=" + thisMachine()));
            }
        }
    }

    private static String databaseOptions() {
        if (isSet(System.getProperty(DatabaseBehindProxy.URL))) {   // DatabaseOutageIT: the database through a TcpProxy
            return "-Ddb.url=" + System.getProperty(DatabaseBehindProxy.URL);
        }
        if (isSet(System.getenv("DB_URL"))) {
            LOG.info(() -> "Integration tests on DB_URL " + System.getenv("DB_URL"));
            return "";
        }
        if (dockerAvailable()) {
            mariadb = new MariaDBContainer<>("mariadb:10.11").withDatabaseName("concert");
            mariadb.start();
            LOG.info(() -> "Integration tests on Testcontainers " + mariadb.getJdbcUrl());
            return "-Ddb.url=" + mariadb.getJdbcUrl().replace("jdbc:mariadb:", "jdbc:mysql:")
                    + " -Ddb.user=" + mariadb.getUsername() + " -Ddb.password=" + mariadb.getPassword();
        }
        LOG.warning("No DB_URL and no Docker engine: integration tests run on an in-memory H2, not on MySQL/MariaDB");
        return "-Ddb.url=jdbc:h2:mem:concert;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
    }

    private static String redisOptions() {
        if (isSet(System.getenv("REDIS_URL"))) {
            LOG.info(() -> "Integration tests on REDIS_URL " + System.getenv("REDIS_URL"));
            return "";
        }
        if (dockerAvailable()) {
            redis = new GenericContainer<>("redis:7").withExposedPorts(6379);
            redis.start();
            return "-Dredis.url=redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
        }
        LOG.warning("No REDIS_URL and no Docker engine: integration tests run on the in-process queue store");
        return "";
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
