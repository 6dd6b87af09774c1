package dev.concert.application.operations;

import dev.concert.application.resilience.UsesQueueStore;
import dev.concert.application.queue.AdmissionMeter;
import dev.concert.domain.concert.SeatStatus;
import dev.concert.domain.queue.QueueFigures;
import dev.concert.domain.queue.QueueSettings;
import dev.concert.domain.queue.QueueStore;
import dev.concert.domain.queue.WaitEstimate;
import dev.concert.domain.shared.DomainException;
import dev.concert.application.config.Settings;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.logging.Logger;

/** What operators see of the queue and sales, and how they steer admissions. */
@UsesQueueStore
@Stateless
public class QueueOperations {

    private static final Logger LOG = Logger.getLogger(QueueOperations.class.getName());

    @Inject
    QueueStore store;

    @Inject
    AdmissionMeter meter;

    @Inject
    Clock clock;

    @Inject
    Settings settings;

    @PersistenceContext(unitName = "concert")
    EntityManager em;

    public QueueFiguresView figures() {
        QueueFigures queue = store.figures();
        QueueSettings current = queue.settings();
        Instant now = clock.instant();
        // the rates of this instance's last pass, the counts as the store has them now
        WaitEstimate.Line measured = meter.line();
        WaitEstimate.Line line = new WaitEstimate.Line(measured.admittedPerSecond() > 0 ? measured.admittedPerSecond()
                : queue.admittedLastMinute() / 60.0, queue.active(), measured.leftPerSecond(), queue.waiting());
        return new QueueFiguresView(queue.waiting(), queue.active(), queue.admittedLastMinute(),
                current.admitPerSecond(), current.activeMax(), current.paused(),
                WaitEstimate.seconds(queue.waiting(), line, current, settings.activeTtlSeconds()),
                liveHolds(now), soldSince(now.minusSeconds(60)));
    }

    /** Applies the given changes (null: unchanged) for every instance; they outlive restarts. */
    public QueueFiguresView steer(Integer admitPerSecond, Integer activeMax, Boolean paused) {
        QueueSettings changed;
        try {
            changed = store.updateSettings(admitPerSecond, activeMax, paused);
        } catch (IllegalArgumentException outOfRange) {
            throw DomainException.invalid(outOfRange.getMessage());
        }
        meter.settingsChanged(changed);
        LOG.info(() -> "Queue settings now " + changed);
        return figures();
    }

    /** The queue's samples of the last 10 minutes, oldest first (one per 5 s, shared by all instances). */
    public java.util.List<dev.concert.domain.queue.QueueSample> history() {
        Instant now = clock.instant();
        return store.samples(now.minus(java.time.Duration.ofMinutes(10)), now, InstanceHeartbeat.SAMPLE_STEP);
    }

    /** The live reports of every instance (JSON objects from {@link InstanceHeartbeat}), by instance id. */
    public java.util.Map<String, String> instances() {
        return store.instances();
    }

    private long liveHolds(Instant now) {
        return em.createQuery("SELECT COUNT(s) FROM Seat s WHERE s.status = :held AND s.heldUntil > :now", Long.class)
                .setParameter("held", SeatStatus.HELD)
                .setParameter("now", now)
                .getSingleResult();
    }

    private long soldSince(Instant since) {
        Number sold = (Number) em.createNativeQuery("SELECT COUNT(*) FROM payment WHERE status = 'COMPLETED' AND paid_at > ?")
                .setParameter(1, LocalDateTime.ofInstant(since, ZoneOffset.UTC))
                .getSingleResult();
        return sold.longValue();
    }
}
