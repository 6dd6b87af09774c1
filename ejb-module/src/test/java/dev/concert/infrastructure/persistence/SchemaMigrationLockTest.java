package dev.concert.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Instances starting at once migrate one after another: with four "instances" (threads, each with its own
 * connections) entering at the same moment, no two migrations overlap on MySQL/MariaDB; on H2 the
 * migration simply runs. A database that refuses the lock stops the deployment instead of migrating
 * unordered, and a lock that could not be given back does not stay with a pooled connection.
 */
class SchemaMigrationLockTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.concert.infrastructure.persistence.TestDatabases#all")
    void migrationsOfInstancesStartingAtOnceNeverOverlap(String name, String url, String user, String password) throws Exception {
        DataSource database = Flyway.configure().dataSource(url, user, password).getDataSource();
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService instances = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int instance = i;
                results.add(instances.submit(() -> {
                    start.await();
                    return SchemaMigrationLock.around(database, () -> {
                        events.add("begin " + instance);
                        pause();
                        events.add("end " + instance);
                        return instance;
                    });
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                result.get(1, TimeUnit.MINUTES);
            }
        } finally {
            instances.shutdownNow();
        }
        assertThat(events).hasSize(8);
        if (!name.equals("h2")) {
            for (int i = 0; i < 8; i += 2) {
                assertThat(events.get(i + 1)).as("each migration ends before the next begins: %s", events)
                        .isEqualTo(events.get(i).replace("begin", "end"));
            }
        }
    }

    @Test
    void aDatabaseRefusingTheLockStopsTheDeploymentBeforeAnyMigration() throws Exception {
        Connection connection = mariaDbConnection();
        PreparedStatement getLock = mock(PreparedStatement.class);
        when(connection.prepareStatement(startsWith("SELECT GET_LOCK"))).thenReturn(getLock);
        when(getLock.executeQuery()).thenThrow(new SQLException("GET_LOCK is not supported with wsrep", "42000",
                SchemaMigrationLock.ER_NOT_SUPPORTED_YET));
        DataSource database = mock(DataSource.class);
        when(database.getConnection()).thenReturn(connection);
        AtomicBoolean migrated = new AtomicBoolean();

        assertThatThrownBy(() -> SchemaMigrationLock.around(database, () -> migrated.getAndSet(true)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("refuses GET_LOCK");
        assertThat(migrated).as("no migration without the lock").isFalse();
        verify(connection).close();
    }

    @Test
    void aConnectionWhoseLockCouldNotBeReleasedIsAbortedNotReturnedToThePool() throws Exception {
        Connection connection = mariaDbConnection();
        when(connection.prepareStatement(startsWith("SELECT RELEASE_LOCK"))).thenThrow(new SQLException("Lock wait timeout"));

        SchemaMigrationLock.release(connection);

        verify(connection).abort(any());
    }

    private static Connection mariaDbConnection() throws SQLException {
        Connection connection = mock(Connection.class);
        DatabaseMetaData metaData = mock(DatabaseMetaData.class);
        when(connection.getMetaData()).thenReturn(metaData);
        when(metaData.getDatabaseProductName()).thenReturn("MariaDB");
        return connection;
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
