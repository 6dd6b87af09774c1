package dev.concert.domain.queue;

/**
 * How long a waiting user will wait, and how often a polling client should ask. Both come from
 * the measured admission rate, not from a constant, so they slow down when admissions do.
 */
public final class WaitEstimate {

    /** Close to the front, every second counts: poll each second. */
    static final long FRONT_OF_LINE = 300;
    static final int MIN_POLL_SECONDS = 1;
    static final int MAX_POLL_SECONDS = 10;
    /** An active user has nothing to wait for; the hint only keeps the remaining time in view. */
    static final int ACTIVE_POLL_SECONDS = 30;

    private WaitEstimate() {
    }

    /**
     * Seconds until a user at {@code position} is admitted at the measured rate. When nothing was
     * admitted in the last minute: with free slots (the queue has just started) at the configured
     * rate; with the slots full, at the rate full slots turn over, assuming at worst that every
     * active user keeps their slot for the whole {@code activeTtlSeconds}: {@code activeMax /
     * activeTtlSeconds} a second, never more than the configured rate. Null when nobody is being
     * admitted (paused, or a rate of 0).
     */
    public static Long seconds(long position, double measuredRatePerSecond, QueueSettings settings,
                               int activeTtlSeconds, boolean slotsFull) {
        if (position <= 0) {
            return 0L;
        }
        if (settings.paused()) {
            return null;
        }
        double rate;
        if (measuredRatePerSecond > 0) {
            rate = measuredRatePerSecond;
        } else if (slotsFull) {
            rate = Math.min(settings.admitPerSecond(), (double) settings.activeMax() / activeTtlSeconds);
        } else {
            rate = settings.admitPerSecond();
        }
        if (rate <= 0) {
            return null;
        }
        return (long) Math.ceil(position / rate);
    }

    /**
     * The poll interval advised to a client: 1 s in the first few hundred, otherwise about a tenth
     * of the estimated wait (so a client asks about ten times before its turn), between 1 and 10 s.
     */
    /** The longest {@link #pollAfterSeconds} a fan of that status is ever told. */
    public static int longestPollSeconds(QueueStatus status) {
        return status == QueueStatus.ACTIVE ? ACTIVE_POLL_SECONDS : MAX_POLL_SECONDS;
    }

    public static int pollAfterSeconds(QueueStatus status, long position, Long waitSeconds) {
        if (status == QueueStatus.ACTIVE) {
            return ACTIVE_POLL_SECONDS;
        }
        if (position <= FRONT_OF_LINE) {
            return MIN_POLL_SECONDS;
        }
        if (waitSeconds == null) {
            return MAX_POLL_SECONDS;
        }
        return (int) Math.max(MIN_POLL_SECONDS, Math.min(MAX_POLL_SECONDS, waitSeconds / 10));
    }
}
