package dev.concert.domain.queue;

import java.time.Duration;

/**
 * Fans who walk away free their place: a {@code WAITING} fan unseen for {@code waitingIdle} loses the place
 * in line, an {@code ACTIVE} fan unseen for {@code activeIdle} frees the slot (never while holding a seat:
 * a hold keeps its fan seen until it lapses). A fan is seen when the token is used (a poll, any API call)
 * and while a status stream of theirs is open. The store records a sighting at most once every
 * {@link #writeEvery()} per fan, however often the fan polls: presence costs one write per fan per interval.
 *
 * @param waitingIdle how long a waiting fan may be unseen ({@code queue.waiting.idle-seconds})
 * @param activeIdle  how long an active fan may be unseen ({@code queue.active.idle-seconds})
 */
public record Presence(Duration waitingIdle, Duration activeIdle) {

    /** The contract's defaults: 120 s each. */
    public static final Presence DEFAULTS = new Presence(Duration.ofSeconds(120), Duration.ofSeconds(120));

    /** The longest interval between two records of one fan's presence: one write a minute at most. */
    public static final Duration LONGEST_WRITE_INTERVAL = Duration.ofMinutes(1);

    public Presence {
        if (waitingIdle.isNegative() || waitingIdle.isZero() || activeIdle.isNegative() || activeIdle.isZero()) {
            throw new IllegalArgumentException("idle times must be positive: " + waitingIdle + ", " + activeIdle);
        }
    }

    /**
     * How stale a fan's recorded sighting may get before a sighting is written again: half the shorter idle
     * time, at most a minute. A fan who polls at least every {@code idle / 2} therefore always has a record
     * younger than the idle time.
     */
    public Duration writeEvery() {
        Duration half = (waitingIdle.compareTo(activeIdle) <= 0 ? waitingIdle : activeIdle).dividedBy(2);
        Duration every = half.compareTo(LONGEST_WRITE_INTERVAL) < 0 ? half : LONGEST_WRITE_INTERVAL;
        return every.isZero() ? Duration.ofMillis(1) : every;
    }
}
