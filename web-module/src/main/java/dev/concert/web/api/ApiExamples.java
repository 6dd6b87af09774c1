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
            + "\"status\":413,\"detail\":\"The body is larger than 65536 bytes\",\"code\":\"PAYLOAD_TOO_LARGE\"}";
}
