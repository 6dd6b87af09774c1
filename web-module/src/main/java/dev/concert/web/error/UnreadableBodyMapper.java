package dev.concert.web.error;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A body that is not JSON, or JSON of the wrong shape or types: 400. Jersey reports JSON-B's
 * failure as a {@link ProcessingException}; the parser's own words would name Java types, so the
 * client gets a plain sentence instead.
 */
@Provider
public class UnreadableBodyMapper implements ExceptionMapper<ProcessingException> {

    @Override
    public Response toResponse(ProcessingException exception) {
        if (isOverLimit(exception)) {
            return ErrorCode.PAYLOAD_TOO_LARGE.problem(PayloadTooLargeException.DETAIL).toResponse();
        }
        return ErrorCode.VALIDATION_FAILED.problem(DETAIL).toResponse();
    }

    static final String DETAIL = "The body is not valid JSON of the expected shape: check the syntax, "
            + "the field types and that dates are YYYY-MM-DD";

    private static boolean isOverLimit(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException) {
                return true;
            }
        }
        return false;
    }

    /** JSON-B's own exception, when it reaches us unwrapped. */
    @Provider
    public static class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException exception) {
            return ErrorCode.VALIDATION_FAILED.problem(DETAIL).toResponse();
        }
    }
}
