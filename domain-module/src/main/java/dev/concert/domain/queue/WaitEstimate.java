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
     * What an estimate knows of the line, as of the last admission pass.
     *
     * @param admittedPerSecond admissions a second, measured (over the last 10 s while admissions flow, else the minute)
     * @param active            fans active after the pass
     * @param leftPerSecond     waiting fans who left the line a second (gone quiet, or left), over the last minute
     * @param waiting           fans waiting after the pass
     */
    public record Line(double admittedPerSecond, long active, double leftPerSecond, long waiting) {
        /** Nothing known yet: no pass has run. */
        public static final Line UNKNOWN = new Line(0, 0, 0, 0);
    }

    /**
     * Seconds until a fan at {@code position} is admitted. Admission goes at the configured rate while there
     * are free slots (an operator's rate is a budget the passes spend in full while the line is long), then as
     * fast as slots turn over: as measured while the slots are full, else at worst with every admitted fan
     * keeping the slot for the whole {@code activeTtlSeconds} ({@code activeMax / activeTtlSeconds} a second),
     * never faster than the configured rate. Meanwhile the fans ahead leave the line as the last minute's
     * measured share did ({@code leftPerSecond} of {@code waiting}), so the position also shrinks in proportion
     * to itself: with {@code k} that share a second and {@code r} the admission rate, the position {@code p}
     * follows {@code dp/dt = -(r + k p)} and reaches 0 after {@code ln(1 + k p / r) / k} seconds.
     * Null when nobody is being admitted (paused, or a rate of 0).
     */
    public static Long seconds(long position, Line line, QueueSettings settings, int activeTtlSeconds) {
        if (position <= 0) {
            return 0L;
        }
        if (settings.paused() || settings.admitPerSecond() <= 0) {
            return null;
        }
        double configured = settings.admitPerSecond();
        long free = Math.max(0, settings.activeMax() - line.active());
        double turnover = free == 0 && line.admittedPerSecond() > 0
                ? line.admittedPerSecond()
                : (double) settings.activeMax() / activeTtlSeconds;
        turnover = Math.min(configured, turnover);
        double leaving = line.leftPerSecond() > 0 ? line.leftPerSecond() / Math.max(line.waiting(), position) : 0;
        double left = position;
        double seconds = 0;
        if (free > 0) {
            double whileFree = free / configured;   // the free slots last this long at the configured rate
            double atConfigured = untilFront(left, configured, leaving);
            if (atConfigured <= whileFree) {
                return (long) Math.ceil(atConfigured);
            }
            left = remaining(left, configured, leaving, whileFree);
            seconds = whileFree;
        }
        return (long) Math.ceil(seconds + untilFront(left, turnover, leaving));
    }

    /** Seconds until a position reaches the front, admitted at {@code rate} with a share {@code leaving} of it leaving a second. */
    private static double untilFront(double position, double rate, double leaving) {
        return leaving > 1e-12 ? Math.log1p(leaving * position / rate) / leaving : position / rate;
    }

    /** The position after {@code seconds} of the same. */
    private static double remaining(double position, double rate, double leaving, double seconds) {
        if (leaving <= 1e-12) {
            return position - rate * seconds;
        }
        return (position + rate / leaving) * Math.exp(-leaving * seconds) - rate / leaving;
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
