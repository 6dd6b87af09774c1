package dev.concert.domain.queue;

/**
 * A client's requests in the current minute, this one included, and the seconds until the minute
 * is over and the count starts again.
 */
public record RequestCount(long requests, long secondsLeft) {

    public boolean exceeds(int perMinute) {
        return requests > perMinute;
    }
}
