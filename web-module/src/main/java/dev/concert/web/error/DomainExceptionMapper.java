package dev.concert.web.error;

import dev.concert.application.metrics.SaleMetrics;
import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.Reason;
import dev.concert.domain.shared.TooManyRequests;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused request: the rule's own message, under the contract code of its reason (429 with Retry-After). */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {

    @Inject
    SaleMetrics metrics;

    @Override
    public Response toResponse(DomainException exception) {
        count(exception);
        Response.ResponseBuilder response = ErrorCode.of(exception.reason()).problem(exception.getMessage())
                .toResponseBuilder();
        if (exception instanceof TooManyRequests tooMany) {
            response.header(HttpHeaders.RETRY_AFTER, tooMany.retryAfterSeconds());
        }
        return response.build();
    }

    /** Refusals the operators watch: a seat taken, a payment declined, a rate limit. */
    private void count(DomainException refusal) {
        if (metrics == null) {
            return;
        }
        if (refusal instanceof TooManyRequests tooMany) {
            metrics.rateLimited(tooMany.limit());
        } else if (refusal.reason() == Reason.SEAT_UNAVAILABLE) {
            metrics.holdRefused();
        } else if (refusal.reason() == Reason.INSUFFICIENT_BALANCE) {
            metrics.paymentDeclined();
        }
    }
}
