package dev.concert.web.error;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which API endpoint a request reached, as its method and path template ("POST /api/reservations",
 * "GET /api/concerts/{concertId}/dates"): the name its latency, answers and log lines go under. Never the
 * path itself, which holds user ids and tokens. Set as a request attribute once JAX-RS has matched the
 * request, and who the caller turned out to be beside it.
 */
public final class ApiEndpoint {

    /** The request attribute with the endpoint's name. */
    public static final String ATTRIBUTE = "dev.concert.endpoint";
    /** The request attribute with the user id the request spoke for, once known. */
    public static final String USER = "dev.concert.user";
    /** Request attributes a resource or mapper adds for the access line: the concert and date a hold asked for. */
    public static final String CONCERT_ID = "dev.concert.concertId";
    public static final String DATE = "dev.concert.date";
    /** Why a 503 was answered: {@code lock_wait} (a row lock not had in time) or {@code store_down}. */
    public static final String CAUSE = "dev.concert.cause";
    /** What a request to /api/ that matched no endpoint goes under. */
    public static final String UNMATCHED = "/api/{unmatched}";

    private ApiEndpoint() {
    }

    /** The endpoint of {@code request}; null for a request outside the API (pages, scripts). */
    public static String of(HttpServletRequest request) {
        Object named = request.getAttribute(ATTRIBUTE);
        if (named instanceof String endpoint) {
            return endpoint;
        }
        String path = request.getRequestURI();
        return path != null && path.startsWith("/api/") ? request.getMethod() + ' ' + UNMATCHED : null;
    }
}
