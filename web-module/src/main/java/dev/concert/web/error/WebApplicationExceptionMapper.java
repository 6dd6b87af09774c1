package dev.concert.web.error;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * What JAX-RS itself refuses (no such path, wrong method, unsupported media type, unparsable
 * parameter) keeps its status and becomes a problem document. Its message is JAX-RS's, which never
 * names our classes; an {@code Allow} header of a 405 is kept.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        ErrorCode code = codeFor(status);
        String detail = switch (status) {
            case 400 -> "The request is malformed, or its JSON body is missing";
            case 404 -> "No such resource";
            case 405 -> "Method not allowed here";
            case 406 -> "This resource answers only application/json";
            case 415 -> "Send the body as application/json";
            default -> code.status() == status ? exception.getMessage() : "Request refused";
        };
        Problem problem = code.problem(detail);
        Response.ResponseBuilder response = Response.status(status).type(Problem.PROBLEM_JSON)
                .entity(new Problem(problem.type(), original.getStatusInfo().getReasonPhrase(), status,
                        detail, problem.code(), null));
        copy(original, response, HttpHeaders.ALLOW);
        copy(original, response, HttpHeaders.RETRY_AFTER);
        copy(original, response, HttpHeaders.WWW_AUTHENTICATE);
        return response.build();
    }

    static ErrorCode codeFor(int status) {
        return switch (status) {
            case 401 -> ErrorCode.TOKEN_MISSING;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.VALIDATION_FAILED;
        };
    }

    private static void copy(Response from, Response.ResponseBuilder to, String header) {
        String value = from.getHeaderString(header);
        if (value != null) {
            to.header(header, value);
        }
    }
}
