package dev.concert.domain.shared;

/** A client asked more often than it may; it may ask again after {@code retryAfterSeconds}. */
public class TooManyRequests extends DomainException {

    /** Which limit was reached. */
    public enum Limit {
        /** token requests a minute from one client address */
        TOKEN_ISSUE,
        /** holds, cancels, charges and payments a minute for one user */
        WRITES,
        /** live holds one user may have at once */
        LIVE_HOLDS,
        /** live status streams (SSE, WebSocket) one token, or one client address, may hold on an instance */
        STREAMS
    }

    private final Limit limit;
    private final long retryAfterSeconds;

    public TooManyRequests(Limit limit, String message, long retryAfterSeconds) {
        super(Reason.RATE_LIMITED, message);
        this.limit = limit;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Limit limit() {
        return limit;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
