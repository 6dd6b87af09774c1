package dev.concert.domain.shared;

/** A client asked more often than it may; it may ask again after {@code retryAfterSeconds}. */
public class TooManyRequests extends DomainException {

    private final long retryAfterSeconds;

    public TooManyRequests(String message, long retryAfterSeconds) {
        super(Reason.RATE_LIMITED, message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
