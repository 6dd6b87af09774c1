package dev.concert.application.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A warning said at most once per interval: a timer that fails every second while a store is down says
 * so once a minute, not sixty times. Safe for timers that overlap.
 */
public final class Complaint {

    private final Logger log;
    private final Duration every;
    private final Clock clock;
    private final AtomicReference<Instant> last = new AtomicReference<>(Instant.EPOCH);

    public Complaint(Logger log, Duration every) {
        this(log, every, Clock.systemUTC());
    }

    Complaint(Logger log, Duration every, Clock clock) {
        this.log = log;
        this.every = every;
        this.clock = clock;
    }

    /**
     * Logs {@code message} (a {@link java.text.MessageFormat} pattern over {@code parameters}) as a warning,
     * unless this complaint was logged less than the interval ago; true when it was logged now.
     */
    public boolean warn(String message, Object... parameters) {
        Instant now = clock.instant();
        Instant before = last.get();
        if (now.isBefore(before.plus(every)) || !last.compareAndSet(before, now)) {
            return false;
        }
        log.log(Level.WARNING, message, parameters);
        return true;
    }
}
