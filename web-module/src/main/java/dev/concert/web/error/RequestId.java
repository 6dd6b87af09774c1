package dev.concert.web.error;

/**
 * The id of the request this thread serves ({@code X-Request-Id}, chosen by the security package's
 * {@code RequestIds} filter), for the log lines the server writes about it: an incident, a store outage,
 * an operator's action. Here, below both the filters and the mappers that log, so neither package needs
 * the other's.
 */
public final class RequestId {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestId() {
    }

    /** The id of the request this thread serves; "-" outside a request. */
    public static String current() {
        String id = CURRENT.get();
        return id == null ? "-" : id;
    }

    /** This thread serves the request {@code id} until {@link #clear}. */
    public static void set(String id) {
        CURRENT.set(id);
    }

    public static void clear() {
        CURRENT.remove();
    }
}
