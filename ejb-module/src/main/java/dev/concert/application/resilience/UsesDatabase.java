package dev.concert.application.resilience;

import jakarta.enterprise.inject.Stereotype;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PessimisticLockException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.persistence.exceptions.DatabaseException;

/**
 * A use case facade whose every method works on the database, under one MicroProfile Fault Tolerance
 * policy (each method keeps its own circuit and bulkhead):
 * <ul>
 * <li><b>Circuit breaker</b>: when half or more of the last 10 calls failed to reach the database
 *     (connection refused or lost, no pooled connection within {@code db.pool.max-wait} — the failures
 *     EclipseLink reports as {@link PersistenceException} or {@link DatabaseException}), calls fail at
 *     once for {@value #OPEN_SECONDS} s instead of each waiting for its own timeout; then two trial calls
 *     decide. A lock wait that timed out is contention on one row, not an outage: it is skipped.
 * <li><b>Bulkhead</b>: at most {@value #CONCURRENT_CALLS} calls of a method at once on this instance.
 *     A healthy database never fills it (a call takes milliseconds, and 200 fans racing for one seat
 *     stay below it); a slow one would otherwise tie up every HTTP thread (Payara Micro has 200) and
 *     starve the requests that need no database, such as status polls. The next call is refused at once
 *     ({@link BulkheadException} → 503, Retry-After 1) rather than queued.
 * </ul>
 * Timeouts are the connection's (documents/fault-tolerance.md): connect 2 s, pool wait 2 s, row lock
 * 5 s, socket 8 s. No {@code @Timeout} here: on a synchronous call it can only interrupt the thread,
 * which a blocking socket read ignores, so it would shorten nothing; and a transaction it gave up on
 * could still commit a hold or a payment the client was told had failed.
 * Each value can be changed per method or globally with MicroProfile FT's configuration names
 * (e.g. {@code CircuitBreaker/delay}).
 */
@Stereotype
@CircuitBreaker(failOn = {PersistenceException.class, DatabaseException.class},
        skipOn = {PessimisticLockException.class, LockTimeoutException.class},
        requestVolumeThreshold = 10, failureRatio = 0.5, delay = UsesDatabase.OPEN_SECONDS * 1000L, successThreshold = 2)
@Bulkhead(UsesDatabase.CONCURRENT_CALLS)
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface UsesDatabase {

    /** How long an open circuit refuses calls, in seconds; also the Retry-After it answers with. */
    int OPEN_SECONDS = 5;

    /** Calls of one method at once: three quarters of Payara Micro's 200 HTTP threads. */
    int CONCURRENT_CALLS = 150;
}
