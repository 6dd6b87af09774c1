package dev.concert.web.api;

/** Example bodies for the OpenAPI description, kept in one place. */
final class ApiExamples {

    private ApiExamples() {
    }

    static final String NOT_FOUND = "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
            + "\"detail\":\"Concert 42 does not exist\",\"code\":\"NOT_FOUND\"}";
    static final String BAD_DATE = "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
            + "\"detail\":\"Date must be a real day as YYYY-MM-DD, was '2026-02-30'\",\"code\":\"VALIDATION_FAILED\"}";
    static final String VALIDATION_FAILED = "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
            + "\"detail\":\"dates: must not be empty; title: must not be blank\",\"code\":\"VALIDATION_FAILED\","
            + "\"errors\":[{\"field\":\"dates\",\"message\":\"must not be empty\"},"
            + "{\"field\":\"title\",\"message\":\"must not be blank\"}]}";
    static final String ADMIN_KEY_MISSING = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
            + "\"detail\":\"Send the admin API key as Authorization: Bearer <key>\",\"code\":\"TOKEN_MISSING\"}";
    static final String PAYLOAD_TOO_LARGE = "{\"type\":\"about:blank\",\"title\":\"Request Entity Too Large\","
            + "\"status\":413,\"detail\":\"The body is larger than 16384 bytes\",\"code\":\"PAYLOAD_TOO_LARGE\"}";
    static final String QUEUE_WAITING = "{\"token\":\"q1XyNnUq0C3J1m2Zt7x8d9W6b5a4c3e2f1g0h9i8j7k\","
            + "\"userId\":\"6f1c2b0e-8d3a-4c51-9a1e-0b7d2f4e6a10\",\"status\":\"WAITING\",\"position\":1234,"
            + "\"estimatedWaitSeconds\":13,\"pollAfterSeconds\":1,\"activeUntil\":null}";
    static final String QUEUE_ACTIVE = "{\"token\":\"q1XyNnUq0C3J1m2Zt7x8d9W6b5a4c3e2f1g0h9i8j7k\","
            + "\"userId\":\"6f1c2b0e-8d3a-4c51-9a1e-0b7d2f4e6a10\",\"status\":\"ACTIVE\",\"position\":0,"
            + "\"estimatedWaitSeconds\":0,\"pollAfterSeconds\":30,\"activeUntil\":\"2026-11-24T10:10:00Z\"}";
    static final String TOKEN_INVALID = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
            + "\"detail\":\"The queue token is unknown or has lapsed: ask for a new one\",\"code\":\"TOKEN_INVALID\"}";
    static final String RATE_LIMITED = "{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
            + "\"detail\":\"At most 30 token requests a minute from one address; try again in 17 s\",\"code\":\"RATE_LIMITED\"}";
    static final String RESERVATION = "{\"reservationId\":\"r-3f0d8a52-5b1e-4c1a-9f57-2a9d8e3c4b11\",\"concertId\":\"1\","
            + "\"date\":\"2026-12-24\",\"seatNumber\":12,\"price\":150000,\"status\":\"HELD\","
            + "\"heldUntil\":\"2026-11-24T10:05:00Z\"}";
    static final String USER_RESERVATIONS = "[{\"reservationId\":\"r-3f0d8a52-5b1e-4c1a-9f57-2a9d8e3c4b11\","
            + "\"concertId\":\"1\",\"date\":\"2026-12-24\",\"seatNumber\":12,\"price\":150000,\"status\":\"HELD\","
            + "\"heldUntil\":\"2026-11-24T10:05:00Z\",\"title\":\"IU 2026 Winter Concert\",\"venue\":\"KSPO Dome, Seoul\","
            + "\"startsAt\":\"2026-12-24T19:00:00+09:00\",\"section\":\"R\",\"row\":\"B\",\"seatInRow\":2}]";
    static final String SEAT_UNAVAILABLE = "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,"
            + "\"detail\":\"Seat 12 on 2026-12-24 is held by another user\",\"code\":\"SEAT_UNAVAILABLE\"}";
    static final String HOLD_LIMIT = "{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
            + "\"detail\":\"You already hold 4 seat(s), the most one user may hold at once; pay for one or let one go "
            + "(the first lapses in 212 s)\",\"code\":\"RATE_LIMITED\"}";
    static final String TOKEN_NOT_ACTIVE = "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
            + "\"detail\":\"You are still waiting in the queue, at position 17\",\"code\":\"TOKEN_NOT_ACTIVE\"}";
    static final String FORBIDDEN = "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
            + "\"detail\":\"This token belongs to another user\",\"code\":\"FORBIDDEN\"}";
    static final String BALANCE = "{\"userId\":\"6f1c2b0e-8d3a-4c51-9a1e-0b7d2f4e6a10\",\"balance\":200000}";
    static final String PAYMENT = "{\"paymentId\":\"p-9b2e4f10-7c3d-4e8a-b1f2-6d5c4b3a2910\","
            + "\"reservationId\":\"r-3f0d8a52-5b1e-4c1a-9f57-2a9d8e3c4b11\",\"amount\":150000,\"status\":\"COMPLETED\","
            + "\"paidAt\":\"2026-11-24T10:02:13Z\"}";
    static final String HOLD_EXPIRED = "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,"
            + "\"detail\":\"The hold of reservation r-3f0d8a52-5b1e-4c1a-9f57-2a9d8e3c4b11 lapsed at 2026-11-24T10:05:00Z; "
            + "hold the seat again\",\"code\":\"HOLD_EXPIRED\"}";
    static final String INSUFFICIENT_BALANCE = "{\"type\":\"about:blank\",\"title\":\"Payment Required\",\"status\":402,"
            + "\"detail\":\"The balance is 50000 won and the seat costs 150000 won; charge 100000 won more. The hold is "
            + "cancelled and the seat is free again.\",\"code\":\"INSUFFICIENT_BALANCE\"}";
    static final String IDEMPOTENCY_CONFLICT = "{\"type\":\"about:blank\",\"title\":\"Unprocessable Content\","
            + "\"status\":422,\"detail\":\"This Idempotency-Key was used with another request; use a new key for a new "
            + "request\",\"code\":\"IDEMPOTENCY_CONFLICT\"}";
}
