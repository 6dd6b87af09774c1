package dev.concert.domain.shared;

/**
 * Why a use case refused a request. The names are the error codes of the API contract, so the
 * boundary can report a refusal without knowing which rule raised it.
 */
public enum Reason {
    VALIDATION_FAILED,
    NOT_FOUND,
    FORBIDDEN,
    SEAT_UNAVAILABLE,
    HOLD_EXPIRED,
    ALREADY_PAID,
    INSUFFICIENT_BALANCE,
    IDEMPOTENCY_CONFLICT,
    RATE_LIMITED,
    TOKEN_INVALID
}
