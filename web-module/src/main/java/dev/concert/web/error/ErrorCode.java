package dev.concert.web.error;

import dev.concert.domain.shared.Reason;
import jakarta.ws.rs.core.Response.Status;

/** The contract's error codes and the HTTP status each is answered with. */
public enum ErrorCode {
    VALIDATION_FAILED(Status.BAD_REQUEST),
    TOKEN_MISSING(Status.UNAUTHORIZED),
    TOKEN_INVALID(Status.UNAUTHORIZED),
    TOKEN_NOT_ACTIVE(Status.FORBIDDEN),
    FORBIDDEN(Status.FORBIDDEN),
    NOT_FOUND(Status.NOT_FOUND),
    SEAT_UNAVAILABLE(Status.CONFLICT),
    HOLD_EXPIRED(Status.CONFLICT),
    ALREADY_PAID(Status.CONFLICT),
    INSUFFICIENT_BALANCE(Status.PAYMENT_REQUIRED),
    IDEMPOTENCY_CONFLICT(422, "Unprocessable Content"),
    RATE_LIMITED(Status.TOO_MANY_REQUESTS),
    PAYLOAD_TOO_LARGE(Status.REQUEST_ENTITY_TOO_LARGE),
    SERVICE_UNAVAILABLE(Status.SERVICE_UNAVAILABLE),
    /** Not one of the contract's codes: a bug on our side, answered without internals. */
    INTERNAL_ERROR(Status.INTERNAL_SERVER_ERROR);

    private final int status;
    private final String title;

    ErrorCode(Status status) {
        this(status.getStatusCode(), status.getReasonPhrase());
    }

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public static ErrorCode of(Reason reason) {
        return valueOf(reason.name());
    }

    public int status() {
        return status;
    }

    public Problem problem(String detail) {
        return new Problem("about:blank", title, status, detail, name(), null);
    }
}
