package dev.concert.domain.queue;

/**
 * The queue store cannot answer now: it is down, out of reach, or gave no connection in time. Worth a
 * retry in a moment (the API answers 503 with Retry-After); a fault-tolerance circuit counts it.
 */
public class QueueStoreUnavailable extends RuntimeException {

    public QueueStoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
