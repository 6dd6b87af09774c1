package dev.concert.web.error;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem document with the contract's {@code code}. {@code errors} lists the fields a
 * validation failure is about; it is left out of every other problem.
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "code", "errors"})
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    /** One refused field: where it is in the request and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, code, List.copyOf(fieldErrors));
    }

    public Response.ResponseBuilder toResponseBuilder() {
        return Response.status(status).type(PROBLEM_JSON).entity(this);
    }

    public Response toResponse() {
        return toResponseBuilder().build();
    }
}
