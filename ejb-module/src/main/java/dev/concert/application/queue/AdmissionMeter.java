package dev.concert.application.queue;

import dev.concert.domain.queue.AdmissionResult;
import dev.concert.domain.queue.QueueSettings;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What this instance last learnt from the shared store about admissions: the measured rate and the
 * operators' settings, refreshed by every admission pass (each second), so that a status read costs
 * one store round trip and no more.
 */
@ApplicationScoped
public class AdmissionMeter {

    private volatile double ratePerSecond;
    private volatile QueueSettings settings;
    private volatile boolean slotsFull;

    public void record(AdmissionResult result) {
        this.ratePerSecond = result.measuredRatePerSecond();
        this.settings = result.settings();
        this.slotsFull = result.slotsFull();
    }

    public void settingsChanged(QueueSettings current) {
        this.settings = current;
    }

    public double ratePerSecond() {
        return ratePerSecond;
    }

    /** Whether the last pass left every active slot taken. */
    public boolean slotsFull() {
        return slotsFull;
    }

    /** The settings as of the last pass; null before the first. */
    public QueueSettings settings() {
        return settings;
    }
}
