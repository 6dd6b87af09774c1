package dev.concert.application.resilience;

import dev.concert.domain.queue.QueueStoreUnavailable;
import jakarta.enterprise.inject.Stereotype;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * A service whose every method asks the queue store (Redis), under one MicroProfile Fault Tolerance
 * policy (each method keeps its own circuit and bulkhead):
 * <ul>
 * <li><b>Circuit breaker</b>: when half or more of the last 20 calls found Redis out of reach
 *     ({@link QueueStoreUnavailable}: refused, lost, timed out, no pooled connection in time), calls fail
 *     at once for {@value #OPEN_SECONDS} s; then two trial calls decide.
 * <li><b>Bulkhead</b>: at most {@value #CONCURRENT_CALLS} calls of a method at once on this instance:
 *     a slow Redis cannot take every HTTP thread; the next call is refused at once (503, Retry-After 1).
 * </ul>
 * Timeouts are the Jedis pool's: connect, read and pool wait 2 s each (QueueStores).
 */
@Stereotype
@CircuitBreaker(failOn = QueueStoreUnavailable.class, requestVolumeThreshold = 20, failureRatio = 0.5,
        delay = UsesQueueStore.OPEN_SECONDS * 1000L, successThreshold = 2)
@Bulkhead(UsesQueueStore.CONCURRENT_CALLS)
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface UsesQueueStore {

    /** How long an open circuit refuses calls, in seconds; also the Retry-After it answers with. */
    int OPEN_SECONDS = 3;

    /** Calls of one method at once: three quarters of Payara Micro's 200 HTTP threads. */
    int CONCURRENT_CALLS = 150;
}
