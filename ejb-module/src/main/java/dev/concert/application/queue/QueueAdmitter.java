package dev.concert.application.queue;

import dev.concert.application.metrics.SaleMetrics;
import dev.concert.application.shared.Complaint;
import dev.concert.domain.queue.AdmissionResult;
import dev.concert.domain.queue.QueueStore;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Admits the head of the line every second. Every instance runs this timer (non-persistent: it
 * belongs to the instance, not to the cluster); the pass itself is atomic in the store and shares
 * one per-second budget, so N instances admit what one would. A pass still running when the next
 * second comes is not doubled: that tick is skipped.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class QueueAdmitter {

    private static final Logger LOG = Logger.getLogger(QueueAdmitter.class.getName());
    private static final Duration COMPLAIN_EVERY = Duration.ofMinutes(1);

    @Inject
    QueueStore store;

    @Inject
    AdmissionMeter meter;

    @Inject
    SaleMetrics metrics;

    private final AtomicBoolean running = new AtomicBoolean();
    private final Complaint failing = new Complaint(LOG, COMPLAIN_EVERY);

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false, info = "queue admission")
    public void admit() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            long started = System.nanoTime();
            AdmissionResult result = store.admit();
            metrics.admissionPass(result, Duration.ofNanos(System.nanoTime() - started));
            meter.record(result);
            if (result.admitted() > 0 || result.lapsed() > 0) {
                LOG.fine(() -> "Admitted " + result.admitted() + ", lapsed " + result.lapsed());
            }
        } catch (RuntimeException storeDown) {
            metrics.admissionPassFailed();
            // the timer must keep running: the next pass retries. Say so once a minute, not every second.
            failing.warn("Queue admission pass failed; retrying every second: {0}", storeDown.toString());
        } finally {
            running.set(false);
        }
    }
}
