package dev.concert.web.error;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.text.ParseException;

/**
 * Jersey reports failures to read a request as a {@link ProcessingException}. A body that is not
 * JSON, or JSON of the wrong shape or types, is 400 (the parser's own words would name Java types,
 * so the client gets a plain sentence); a body cut off at the size limit is 413; a header Jersey
 * cannot parse (an unquoted {@code If-None-Match}) is 400. Anything else, such as a failure to write
 * a response, is not the client's fault and goes to {@link UnexpectedExceptionMapper}.
 */
@Provider
public class UnreadableBodyMapper implements ExceptionMapper<ProcessingException> {

    @Override
    public Response toResponse(ProcessingException exception) {
        if (causedBy(exception, PayloadTooLargeException.class)) {
            return ErrorCode.PAYLOAD_TOO_LARGE.problem(PayloadTooLargeException.DETAIL).toResponse();
        }
        if (causedBy(exception, JsonbException.class) || causedBy(exception, JsonException.class)) {
            return ErrorCode.VALIDATION_FAILED.problem(DETAIL).toResponse();
        }
        if (causedBy(exception, ParseException.class)) {
            return ErrorCode.VALIDATION_FAILED.problem(HEADER_DETAIL).toResponse();
        }
        return new UnexpectedExceptionMapper().toResponse(exception);
    }

    static final String DETAIL = "The body is not valid JSON of the expected shape: check the syntax, "
            + "the field types and that dates are YYYY-MM-DD";
    static final String HEADER_DETAIL = "A request header is malformed (an ETag in If-None-Match must be quoted)";

    private static boolean causedBy(Throwable exception, Class<? extends Throwable> type) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
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
