package dev.concert.infrastructure.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The application's database: defines its data source from MicroProfile Config ({@code DB_URL},
 * {@code DB_USER}, {@code DB_PASSWORD}, the embedded H2 when unset) and brings its schema up to date
 * with Flyway at start-up, before any bean that needs it ({@code @DependsOn("Database")}) runs.
 * JPA connects lazily, so no entity manager touches a table before the migration has finished.
 */
@DataSourceDefinition(
        name = Database.JNDI_NAME,
        className = "${MPCONFIG=db.driver}",
        url = "${MPCONFIG=db.connection-url}",
        user = "${MPCONFIG=db.user}",
        password = "${MPCONFIG=db.password}",
        // row locks decide every race; READ COMMITTED takes no gap locks (InnoDB's default, REPEATABLE
        // READ, would lock ranges the hold sweep scans) and each locking read sees the latest commit
        isolationLevel = Connection.TRANSACTION_READ_COMMITTED,
        minPoolSize = 2,
        maxPoolSize = 32,
        properties = {
                // a connection broken by a database restart is replaced, not handed to a request
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=meta-data",
                "fish.payara.fail-all-connections=true",
                // no connection within 2 s: the request gets 503 + Retry-After instead of Payara's 60 s wait
                "fish.payara.max-wait-time-in-millis=2000",
                // bounds every row-lock wait (seat, wallet): innodb_lock_wait_timeout or H2's LOCK_TIMEOUT
                "fish.payara.init-sql=${MPCONFIG=db.session-sql}"
        })
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class Database {

    public static final String JNDI_NAME = "java:app/jdbc/concert";
    /** The scripts every database runs, and those of its own kind: db/vendor/mysql (MySQL, MariaDB) or db/vendor/h2. */
    public static String[] migrations(DataSource database) {
        try (java.sql.Connection connection = database.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
            String vendor = product.contains("mysql") || product.contains("mariadb") ? "mysql" : "h2";
            return new String[] {"classpath:db/migration", "classpath:db/vendor/" + vendor};
        } catch (java.sql.SQLException unreachable) {
            throw new IllegalStateException("The database cannot be reached to bring its schema up to date", unreachable);
        }
    }
    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    @Resource(lookup = JNDI_NAME)
    private DataSource dataSource;

    @PostConstruct
    void migrate() {
        var result = SchemaMigrationLock.around(dataSource, () -> Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations(migrations(dataSource))
                .load()
                .migrate());
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migration(s) applied now)");
    }
}
