package dev.concert.domain.queue;

/**
 * The admission rule every store applies in one atomic pass: admit from the head of the line, at
 * most {@code admitPerSecond} in any one second (all passes of all instances in that second
 * together) and never more than {@code activeMax} active at once; nobody while paused.
 */
public final class Admission {

    private Admission() {
    }

    /**
     * How many users a pass may admit now.
     *
     * @param active            live active tokens, after lapsed ones were dropped
     * @param admittedThisSecond admitted already in the current second, by any pass
     */
    public static long admissible(QueueSettings settings, long active, long admittedThisSecond) {
        if (settings.paused()) {
            return 0;
        }
        long byRate = settings.admitPerSecond() - admittedThisSecond;
        long bySlots = settings.activeMax() - active;
        return Math.max(0, Math.min(byRate, bySlots));
    }
}
