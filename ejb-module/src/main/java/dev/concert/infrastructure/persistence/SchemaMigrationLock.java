package dev.concert.infrastructure.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * One instance at a time brings the schema up to date, on a replicated database too. Flyway locks its
 * history with MySQL's {@code GET_LOCK}, except on a Galera node ({@code wsrep_on}), where it locks the
 * history table's rows instead: a lock the migration's first DDL statement releases (and none at all on an
 * empty table), so two instances deploying at once both ran {@code V1} and one failed on "table exists"
 * (seen with cluster.sh on Galera). Galera does not replicate {@code GET_LOCK}, but every instance writes
 * through the same node (the balancer's one writer: decisions.md, D30), so a named lock taken there for
 * the whole migration orders them. On H2 (one JVM) there is nothing to order.
 */
final class SchemaMigrationLock {

    static final String NAME = "concert-schema-migration";
    /** How long an instance waits for another's migration before it gives up deploying. */
    static final int WAIT_SECONDS = 300;
    /** Each ask's wait, well inside Connector/J's socket timeout. */
    static final int ASK_SECONDS = 5;
    /** MySQL's {@code ER_NOT_SUPPORTED_YET}. */
    static final int ER_NOT_SUPPORTED_YET = 1235;
    private static final Logger LOG = Logger.getLogger(SchemaMigrationLock.class.getName());

    private SchemaMigrationLock() {
    }

    /** {@code migration}'s result, run holding the lock where the database has one. */
    static <T> T around(DataSource database, Supplier<T> migration) {
        try (Connection connection = database.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (!product.contains("mysql") && !product.contains("mariadb")) {
                return migration.get();
            }
            if (!take(connection)) {
                throw new IllegalStateException("Another instance has been bringing the schema up to date for "
                        + WAIT_SECONDS + " s; deploy again once it has finished");
            }
            try {
                return migration.get();
            } finally {
                release(connection);
            }
        } catch (SQLException unreachable) {
            throw new IllegalStateException("The database cannot be reached to bring its schema up to date", unreachable);
        }
    }

    /**
     * Asks for the lock {@link #ASK_SECONDS} at a time until {@link #WAIT_SECONDS} have passed: one long
     * {@code GET_LOCK} would outlast the driver's socket timeout (8 s) and fail as a lost connection.
     */
    static boolean take(Connection connection) throws SQLException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        try (PreparedStatement lock = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            lock.setString(1, NAME);
            lock.setInt(2, ASK_SECONDS);
            do {
                try (ResultSet row = lock.executeQuery()) {
                    if (row.next() && row.getInt(1) == 1) {
                        return true;
                    }
                }
            } while (System.nanoTime() < deadline);
            return false;
        } catch (SQLException unsupported) {
            if (unsupported.getErrorCode() == ER_NOT_SUPPORTED_YET) {
                throw new IllegalStateException("This database refuses GET_LOCK (MariaDB releases of May 2023, e.g. 10.11.3,"
                        + " refuse it on Galera): without it two instances deploying at once could both migrate the schema;"
                        + " run a MariaDB release that allows it", unsupported);
            }
            throw unsupported;
        }
    }

    /**
     * Gives the lock back. A connection whose {@code RELEASE_LOCK} failed may still hold it, and the pool
     * would lend it on holding the lock for as long as the pool keeps it, so every later deployment would wait
     * its {@link #WAIT_SECONDS} and fail: such a connection is aborted, which ends its session and the lock.
     */
    static void release(Connection connection) {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            unlock.setString(1, NAME);
            unlock.execute();
        } catch (SQLException failed) {
            LOG.log(Level.WARNING, "The schema migration lock could not be released; closing its connection for good", failed);
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException | AbstractMethodError notAborted) {
                LOG.log(Level.WARNING, "The connection holding the schema migration lock could not be aborted", notAborted);
            }
        }
    }
}
