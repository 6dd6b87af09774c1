package dev.concert.web.error;

import dev.concert.application.metrics.SaleMetrics;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last line: anything no other mapper claimed. An exception the EJB container wrapped is
 * unwrapped and given to the mapper of its cause; a store that is down is 503 with
 * {@code Retry-After}; anything else is logged with an incident id and answered 500 with that id
 * only, never a class name, a stack trace or SQL.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Context
    Providers providers;

    @Context
    HttpServletRequest request;

    @Inject
    SaleMetrics metrics;

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Response toResponse(Throwable exception) {
        Throwable cause = unwrap(exception);
        if (cause != exception && providers != null) {
            ExceptionMapper mapper = providers.getExceptionMapper(cause.getClass());
            if (mapper != null && !(mapper instanceof UnexpectedExceptionMapper)) {
                return mapper.toResponse(cause);
            }
        }
        if (StoreFailures.isStoreDown(exception)) {
            count(exception);
            LOG.log(Level.WARNING, "A backing store is unavailable: {0} (request {1})",
                    new Object[] {String.valueOf(rootCause(exception)), RequestId.current()});
            return StoreFailures.unavailable("A backing store is unavailable; try again in a few seconds",
                    StoreFailures.RETRY_AFTER_SECONDS);
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident + ", request " + RequestId.current(), exception);
        return ErrorCode.INTERNAL_ERROR.problem("Something went wrong on our side (incident " + incident + ")")
                .toResponse();
    }

    private void count(Throwable storeDown) {
        boolean lockWait = StoreFailures.isLockWait(storeDown);
        if (request != null) {
            request.setAttribute(ApiEndpoint.CAUSE, lockWait ? "lock_wait" : "store_down");
        }
        if (metrics == null) {
            return;
        }
        if (lockWait) {
            // contention on one row, not an outage: counted on its own, under the endpoint that waited
            String endpoint = request == null ? null : ApiEndpoint.of(request);
            metrics.lockWaitTimedOut(endpoint == null ? "-" : endpoint);
        } else {
            metrics.storeUnavailable(StoreFailures.storeOf(storeDown));
        }
    }

    /** The exception the application raised, out of the EJB container's wrappers. */
    static Throwable unwrap(Throwable exception) {
        Throwable current = exception;
        while (current instanceof EJBException && current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }

    private static Throwable rootCause(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
