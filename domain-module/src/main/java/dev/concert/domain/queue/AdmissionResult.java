package dev.concert.domain.queue;

/**
 * What one admission pass did and saw.
 *
 * @param admitted          users made active by this pass
 * @param lapsed            active tokens this pass found lapsed and dropped
 * @param admittedLast10s   admissions by all passes in the last 10 seconds
 * @param admittedLastMinute admissions by all passes in the last 60 seconds
 * @param activeAfter       active tokens once this pass was done
 * @param settings          the settings the pass applied (the operators', over the configured defaults)
 * @param idleWaiting       waiting fans this pass found gone quiet ({@link Presence}): their places are lost
 * @param idleActive        active fans this pass found gone quiet: their slots are free again
 * @param leftLast10s       waiting fans who left the line in the last 10 seconds (gone quiet, or left), by all passes
 *                          and requests
 * @param leftLastMinute    the same in the last 60 seconds
 * @param waitingAfter      fans waiting once this pass was done
 */
public record AdmissionResult(long admitted, long lapsed, long admittedLast10s, long admittedLastMinute, long activeAfter,
                              QueueSettings settings, long idleWaiting, long idleActive, long leftLast10s,
                              long leftLastMinute, long waitingAfter) {

    /** A pass that found nobody gone quiet, with nobody having left the line and nobody left waiting. */
    public AdmissionResult(long admitted, long lapsed, long admittedLast10s, long admittedLastMinute, long activeAfter,
                           QueueSettings settings) {
        this(admitted, lapsed, admittedLast10s, admittedLastMinute, activeAfter, settings, 0, 0, 0, 0, 0);
    }

    /** What the wait estimates need of this pass. */
    public WaitEstimate.Line line() {
        return new WaitEstimate.Line(measuredRatePerSecond(), activeAfter, leavingPerSecond(), waitingAfter);
    }

    /** Waiting fans leaving the line a second, measured as admissions are: over 10 s while they leave, else the minute. */
    public double leavingPerSecond() {
        return leftLast10s > 0 ? leftLast10s / 10.0 : leftLastMinute / 60.0;
    }

    /** Admissions per second, measured: over 10 s while admissions flow, else over the minute. */
    public double measuredRatePerSecond() {
        return admittedLast10s > 0 ? admittedLast10s / 10.0 : admittedLastMinute / 60.0;
    }

    /** Whether the pass left every active slot taken. */
    public boolean slotsFull() {
        return activeAfter >= settings.activeMax();
    }
}
