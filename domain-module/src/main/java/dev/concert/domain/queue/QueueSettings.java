package dev.concert.domain.queue;

/**
 * What operators tune while the queue runs, shared by every instance. The MicroProfile Config
 * values {@code queue.admit.per-second} and {@code queue.active.max} are the defaults until an
 * operator sets these.
 */
public record QueueSettings(int admitPerSecond, int activeMax, boolean paused) {

    public static final int MAX_ADMIT_PER_SECOND = 100_000;
    public static final int MAX_ACTIVE = 10_000_000;

    public QueueSettings {
        if (admitPerSecond < 0 || admitPerSecond > MAX_ADMIT_PER_SECOND) {
            throw new IllegalArgumentException("admitPerSecond must be 0.." + MAX_ADMIT_PER_SECOND);
        }
        if (activeMax < 1 || activeMax > MAX_ACTIVE) {
            throw new IllegalArgumentException("activeMax must be 1.." + MAX_ACTIVE);
        }
    }

    /** These settings with the given changes; a null leaves a value as it is. */
    public QueueSettings with(Integer newAdmitPerSecond, Integer newActiveMax, Boolean newPaused) {
        return new QueueSettings(newAdmitPerSecond != null ? newAdmitPerSecond : admitPerSecond,
                newActiveMax != null ? newActiveMax : activeMax,
                newPaused != null ? newPaused : paused);
    }
}
