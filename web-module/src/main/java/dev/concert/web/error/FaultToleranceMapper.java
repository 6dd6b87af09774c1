package dev.concert.web.error;

import dev.concert.application.metrics.SaleMetrics;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * A fault-tolerance policy refused the call before it reached a store (UsesDatabase, UsesQueueStore):
 * the circuit is open because the store has been failing, or the bulkhead is full because it is slow.
 * Either way 503 {@code SERVICE_UNAVAILABLE} with {@code Retry-After}, answered at once.
 */
@Provider
public class FaultToleranceMapper implements ExceptionMapper<FaultToleranceException> {

    private static final Logger LOG = Logger.getLogger(FaultToleranceMapper.class.getName());

    @Inject
    SaleMetrics metrics;

    @Override
    public Response toResponse(FaultToleranceException refused) {
        if (metrics != null) {
            StoreFailures.storeBehind(refused).ifPresent(metrics::storeUnavailable);
        }
        String detail;
        int retryAfter;
        if (refused instanceof CircuitBreakerOpenException) {
            detail = "A backing store has been failing; requests to it are paused for a few seconds";
            retryAfter = StoreFailures.RETRY_AFTER_SECONDS;
        } else if (refused instanceof BulkheadException) {
            detail = "This server is busy with as many store requests as it allows; try again in a second";
            retryAfter = 1;
        } else {
            detail = "A backing store did not answer in time; try again in a few seconds";
            retryAfter = StoreFailures.RETRY_AFTER_SECONDS;
        }
        LOG.fine(() -> "Refused by fault tolerance: " + refused.getClass().getSimpleName());
        return StoreFailures.unavailable(detail, retryAfter);
    }
}
