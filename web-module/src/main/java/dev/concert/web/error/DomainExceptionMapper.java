package dev.concert.web.error;

import dev.concert.domain.shared.DomainException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused request: the rule's own message, under the contract code of its reason. */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {

    @Override
    public Response toResponse(DomainException exception) {
        return ErrorCode.of(exception.reason()).problem(exception.getMessage()).toResponse();
    }
}
