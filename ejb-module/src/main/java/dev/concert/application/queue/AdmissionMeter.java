package dev.concert.application.queue;

import dev.concert.domain.queue.AdmissionResult;
import dev.concert.domain.queue.QueueSettings;
import dev.concert.domain.queue.WaitEstimate;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What this instance last learnt from the shared store about admissions: the measured rates, the
 * line's length and the operators' settings, refreshed by every admission pass (each second), so that a status read costs
 * one store round trip and no more.
 */
@ApplicationScoped
public class AdmissionMeter {

    private volatile WaitEstimate.Line line = WaitEstimate.Line.UNKNOWN;
    private volatile QueueSettings settings;

    public void record(AdmissionResult result) {
        this.line = result.line();
        this.settings = result.settings();
    }

    public void settingsChanged(QueueSettings current) {
        this.settings = current;
    }

    /** The measured rates and counts of the line as of the last pass; {@link WaitEstimate.Line#UNKNOWN} before the first. */
    public WaitEstimate.Line line() {
        return line;
    }

    /** The settings as of the last pass; null before the first. */
    public QueueSettings settings() {
        return settings;
    }
}
