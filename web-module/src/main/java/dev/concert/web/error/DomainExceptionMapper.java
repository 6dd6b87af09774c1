package dev.concert.web.error;

import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.TooManyRequests;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused request: the rule's own message, under the contract code of its reason (429 with Retry-After). */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {

    @Override
    public Response toResponse(DomainException exception) {
        Response.ResponseBuilder response = ErrorCode.of(exception.reason()).problem(exception.getMessage())
                .toResponseBuilder();
        if (exception instanceof TooManyRequests tooMany) {
            response.header(HttpHeaders.RETRY_AFTER, tooMany.retryAfterSeconds());
        }
        return response.build();
    }
}
