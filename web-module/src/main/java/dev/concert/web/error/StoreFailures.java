package dev.concert.web.error;

import dev.concert.application.metrics.SaleMetrics.Store;
import dev.concert.domain.queue.QueueStoreUnavailable;
import dev.concert.application.resilience.UsesDatabase;
import dev.concert.application.resilience.UsesQueueStore;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a backing store that is down (no connection can be had) from a bug: the first gets 503 and
 * {@code Retry-After}, so clients and load balancers back off and come back; the second is a 500.
 */
public final class StoreFailures {

    /** Seconds a client should wait before it tries again when a store is down. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** Exception types, by name, that mean "no connection": the pool's, the driver's, Jedis's. */
    private static final Set<String> CONNECTION_FAILURES = Set.of(
            "jakarta.resource.ResourceException",
            "jakarta.resource.spi.ResourceAllocationException",
            "com.sun.appserv.connectors.internal.api.PoolingException",
            "com.mysql.cj.jdbc.exceptions.CommunicationsException",
            "com.mysql.cj.exceptions.CJCommunicationsException",
            "redis.clients.jedis.exceptions.JedisConnectionException");

    /** Which store a class of ours works on, by its fault-tolerance stereotype; the empty string for neither. */
    private static final Map<String, Optional<Store>> STORE_OF_CLASS = new ConcurrentHashMap<>();

    private StoreFailures() {
    }

    /** Whether the failure is a row-lock wait that timed out (or a deadlock victim): contention, not an outage. */
    public static boolean isLockWait(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SQLTransactionRollbackException || cause instanceof SQLTimeoutException   // H2's LOCK_TIMEOUT
                    || cause instanceof jakarta.persistence.LockTimeoutException
                    || cause instanceof jakarta.persistence.PessimisticLockException) {
                return true;
            }
        }
        return false;
    }

    /** The store a failure that {@link #isStoreDown} came from: Redis for the queue store's failures, else the database. */
    public static Store storeOf(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof QueueStoreUnavailable || cause.getClass().getName().startsWith("redis.clients.")) {
                return Store.QUEUE_STORE;
            }
        }
        return Store.DATABASE;
    }

    /**
     * The store behind a fault-tolerance refusal (an open circuit, a full bulkhead): the stereotype,
     * {@link UsesDatabase} or {@link UsesQueueStore}, of the first of our classes the refusal was raised in.
     * The container's proxies of a service extend it, so their frames find it too.
     */
    public static Optional<Store> storeBehind(Throwable refusal) {
        for (StackTraceElement frame : refusal.getStackTrace()) {
            if (frame.getClassName().startsWith("dev.concert.")) {
                Optional<Store> store = STORE_OF_CLASS.computeIfAbsent(frame.getClassName(), StoreFailures::stereotypeOf);
                if (store.isPresent()) {
                    return store;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Store> stereotypeOf(String className) {
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            for (Class<?> type = Class.forName(className, false, loader); type != null; type = type.getSuperclass()) {
                if (type.isAnnotationPresent(UsesDatabase.class)) {
                    return Optional.of(Store.DATABASE);
                }
                if (type.isAnnotationPresent(UsesQueueStore.class)) {
                    return Optional.of(Store.QUEUE_STORE);
                }
            }
        } catch (ClassNotFoundException | LinkageError unknown) {
            // a generated class the application's loader does not see: not one of ours to judge
        }
        return Optional.empty();
    }

    /** 503 {@code SERVICE_UNAVAILABLE}: come back in {@code retryAfterSeconds}, as every "store cannot answer" says it. */
    static Response unavailable(String detail, int retryAfterSeconds) {
        return ErrorCode.SERVICE_UNAVAILABLE.problem(detail).toResponseBuilder()
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds).build();
    }

    /**
     * Jedis 5 reports a pool that had no connection to lend within its wait as a plain
     * {@code JedisException} caused by {@link NoSuchElementException}: Redis is too slow or gone.
     */
    private static boolean isExhaustedPool(Throwable cause) {
        return "redis.clients.jedis.exceptions.JedisException".equals(cause.getClass().getName())
                && cause.getCause() instanceof NoSuchElementException;
    }

    /**
     * Words of a driver's or pool's message, lower case, that an {@link javax.transaction.xa.XAException} of a
     * failed commit carries when the database connection was lost or the commit was refused by a conflict. Seen
     * in the Galera kill test: "No operations allowed after connection closed." (the commit), and "This Managed
     * Connection is not valid as the physical connection is not usable" (the rollback after a failed commit).
     */
    private static final List<String> LOST_COMMIT_WORDS = List.of("connection closed", "communications link failure",
            "connection reset", "broken pipe", "physical connection is not usable", "deadlock found", "lock wait timeout",
            "wsrep");

    /**
     * The transaction manager could not complete a container-managed transaction because its resource, the
     * database, failed under it (a connection lost at commit: the database or its node died; or a commit that
     * Galera's certification refused). The EJB container reports it as a {@code SystemException} over an
     * {@code XAException} of resource failure that names the driver's failure only in its message, with no
     * cause to follow; only those messages count, so a resource failure of any other kind stays a 500 and
     * is logged in full. Its outcome is unknown to this instance, so the client must ask again with the same
     * {@code Idempotency-Key}: a 503, not a 500.
     */
    private static boolean isFailedCompletion(Throwable cause) {
        if (!(cause instanceof javax.transaction.xa.XAException xa)
                || xa.errorCode != javax.transaction.xa.XAException.XAER_RMFAIL
                        && xa.errorCode != javax.transaction.xa.XAException.XAER_RMERR
                || xa.getMessage() == null) {
            return false;
        }
        String message = xa.getMessage().toLowerCase(java.util.Locale.ROOT);
        return LOST_COMMIT_WORDS.stream().anyMatch(message::contains);
    }

    /**
     * A query's rows cut off because the connection under them was closed while they were read: when the
     * database (or its Galera node) dies, the pool closes every connection it lent (fail-all-connections),
     * and a request still reading rows gets Connector/J's generic {@code S1000} "Operation not allowed after
     * ResultSet closed" rather than a connection error of SQLSTATE class 08 (seen in the Galera kill test).
     * Our code never reads a result set it closed itself (EclipseLink reads each in full), so this is the
     * store's failure.
     */
    private static boolean isReadCutOff(Throwable cause) {
        return cause instanceof SQLException sql && "S1000".equals(sql.getSQLState()) && sql.getMessage() != null
                && sql.getMessage().startsWith("Operation not allowed after ResultSet closed");
    }

    /**
     * The pool's JDBC connection wrapper found its physical connection gone while lending it: when the database
     * (or its Galera node) dies, the pool destroys every connection it holds (fail-all-connections) while other
     * threads are still being lent one, and Payara's {@code ManagedConnectionImpl} then fails with a
     * {@link NullPointerException} on its missing {@code actualConnection} (seen in the Galera kill test, in
     * {@code executeInitSql}). Only an exception thrown by the pool's own code counts; one of ours is a bug.
     */
    private static boolean isConnectionLostWhileLent(Throwable cause) {
        StackTraceElement[] frames = cause.getStackTrace();
        return cause instanceof NullPointerException && frames.length > 0
                && frames[0].getClassName().startsWith("com.sun.gjc.spi.");
    }

    /**
     * Whether the failure means "a store cannot answer now": down, unreachable, or too busy to give a
     * row lock within its lock timeout (or a deadlock victim). Each is worth a retry in a moment.
     */
    public static boolean isStoreDown(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransactionRollbackException || cause instanceof SQLTimeoutException
                    || cause instanceof jakarta.persistence.LockTimeoutException
                    || cause instanceof jakarta.persistence.PessimisticLockException) {
                return true;   // lock wait timeout, deadlock: the database is busy, not broken
            }
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;   // SQLSTATE class 08: connection exception
            }
            if (cause instanceof QueueStoreUnavailable || CONNECTION_FAILURES.contains(cause.getClass().getName())) {
                return true;
            }
            if (isExhaustedPool(cause)) {
                return true;
            }
            if (isFailedCompletion(cause) || isReadCutOff(cause) || isConnectionLostWhileLent(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
