package dev.concert.infrastructure.config;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies {@code db.driver}, the data source class, {@code db.session-sql}, the statement that
 * sets up each connection, and {@code db.connection-url}, the URL with the driver's options, from the JDBC URL, so that users set only the
 * contract's {@code DB_URL}, {@code DB_USER} and {@code DB_PASSWORD}. Its ordinal lies above the
 * defaults in {@code microprofile-config.properties} (100) and below environment variables (300)
 * and system properties (400): an explicit {@code DB_DRIVER} still wins.
 *
 * <p>It reads the URL straight from the system properties and the environment, because a config
 * source must not ask the Config it is part of.
 */
public class DatabaseDriverConfigSource implements ConfigSource {

    static final String DRIVER = "db.driver";
    static final String SESSION_SQL = "db.session-sql";
    static final String CONNECTION_URL = "db.connection-url";
    /**
     * MySQL Connector/J's own options, unless {@code DB_URL} sets them. Timeouts: a database out of reach
     * is known within 2 s (connect), a connection that stops answering within 8 s (socket: longer than
     * the 5 s row-lock wait and any query of ours); without them the driver waits as long as the OS does.
     * {@code useLocalSessionState}: the driver answers the pool's questions about the isolation level and
     * autocommit from what it last set, instead of asking the database; without it every connection
     * handed out cost a {@code SELECT @@session.tx_isolation} round trip, 18 of them per booking
     * (documents/performance.md). Nothing of ours changes either by SQL.
     */
    public static final Map<String, String> MYSQL_OPTIONS = Collections.unmodifiableMap(new TreeMap<>(Map.of(
            "connectTimeout", "2000", "socketTimeout", "8000", "useLocalSessionState", "true")));   // in name order
    /** How long a transaction waits for a row lock before it gives up, in seconds. */
    static final int LOCK_WAIT_SECONDS = 5;
    static final String MYSQL_DRIVER = "com.mysql.cj.jdbc.MysqlDataSource";
    static final String H2_DRIVER = "org.h2.jdbcx.JdbcDataSource";

    private final Map<String, String> environment;

    public DatabaseDriverConfigSource() {
        this(System.getenv());
    }

    DatabaseDriverConfigSource(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The data source class for a JDBC URL; null when the URL names no database this server supports. */
    static String driverFor(String url) {
        if (url == null || url.isBlank()) {
            return H2_DRIVER;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:mysql:") || lower.startsWith("jdbc:mariadb:")) {
            return MYSQL_DRIVER;
        }
        if (lower.startsWith("jdbc:h2:")) {
            return H2_DRIVER;
        }
        return null;
    }

    /**
     * The statement each pooled connection runs once: it bounds the wait for a row lock (a seat, a
     * wallet) in the database's own terms, since EclipseLink's MySQL platform ignores JPA's lock timeout.
     */
    static String sessionSqlFor(String url) {
        return MYSQL_DRIVER.equals(driverFor(url))
                ? "SET SESSION innodb_lock_wait_timeout = " + LOCK_WAIT_SECONDS
                : "SET LOCK_TIMEOUT " + LOCK_WAIT_SECONDS * 1000;
    }

    /**
     * The URL the data source connects with: a MySQL/MariaDB {@code DB_URL} with the driver's options
     * added where it does not set them; null otherwise (then {@code db.connection-url} is {@code db.url}
     * itself, by the default in microprofile-config.properties).
     */
    static String connectionUrlFor(String url) {
        if (!MYSQL_DRIVER.equals(driverFor(url))) {   // no URL at all means the embedded H2
            return null;
        }
        StringBuilder connection = new StringBuilder(url);
        String lower = url.toLowerCase(Locale.ROOT);
        char separator = url.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> option : MYSQL_OPTIONS.entrySet()) {
            if (!lower.contains(option.getKey().toLowerCase(Locale.ROOT) + "=")) {
                connection.append(separator).append(option.getKey()).append('=').append(option.getValue());
                separator = '&';
            }
        }
        return connection.toString();
    }

    private String url() {
        String fromProperty = System.getProperty("db.url");
        return fromProperty != null ? fromProperty : environment.get("DB_URL");
    }

    @Override
    public Set<String> getPropertyNames() {
        return connectionUrlFor(url()) == null ? Set.of(DRIVER, SESSION_SQL) : Set.of(DRIVER, SESSION_SQL, CONNECTION_URL);
    }

    @Override
    public String getValue(String propertyName) {
        return switch (propertyName) {
            case DRIVER -> driverFor(url());
            case SESSION_SQL -> sessionSqlFor(url());
            case CONNECTION_URL -> connectionUrlFor(url());
            default -> null;
        };
    }

    @Override
    public String getName() {
        return "concert-database-driver";
    }

    @Override
    public int getOrdinal() {
        return 150;
    }
}
