package dev.concert.application.reservation;

import dev.concert.application.config.Settings;
import dev.concert.application.metrics.SaleMetrics;
import dev.concert.application.shared.Complaint;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Closes lapsed holds every {@code reservation.sweep-seconds} (default 5): reservation EXPIRED, seat
 * AVAILABLE in the table. Nothing waits for it: a lapsed hold is free and unpayable the instant it
 * lapses, by rule. It keeps the tables true for readers that do not apply the rule (reports, the
 * operators' "holds live") and the unique key free for the next hold.
 *
 * <p>Every instance runs it (a non-persistent timer belongs to its instance). Each batch is one
 * transaction that locks lapsed seats with {@code SKIP LOCKED}: instances sweeping at once take
 * different seats, and a seat that a hold or a payment has locked is left for the next run.
 */
@Singleton
@Startup
@DependsOn("Database")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class HoldSweeper {

    static final int BATCH = 200;
    /** Batches per run at most: a backlog is worked off over several runs, never in one long stall. */
    static final int MAX_BATCHES = 25;
    private static final Logger LOG = Logger.getLogger(HoldSweeper.class.getName());
    private static final Duration COMPLAIN_EVERY = Duration.ofMinutes(1);

    @Resource
    TimerService timers;

    @EJB
    ReservationService reservations;

    @Inject
    Settings settings;

    @Inject
    SaleMetrics metrics;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong expiredTotal = new AtomicLong();
    private final Complaint failing = new Complaint(LOG, COMPLAIN_EVERY);

    @PostConstruct
    void start() {
        long every = settings.sweepSeconds() * 1000L;
        timers.createIntervalTimer(every, every, new TimerConfig("hold sweep", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void sweep() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            int total = 0;
            for (int batch = 0; batch < MAX_BATCHES; batch++) {
                int expired = reservations.expireLapsed(BATCH);
                total += expired;
                if (expired < BATCH) {
                    break;
                }
            }
            if (total > 0) {
                expiredTotal.addAndGet(total);
                metrics.holdsLapsed(total);
                int count = total;
                LOG.info(() -> "Released " + count + " lapsed hold(s)");
            }
        } catch (RuntimeException storeDown) {
            failing.warn("Hold sweep failed; retrying every {0} s: {1}", settings.sweepSeconds(), storeDown.toString());
        } finally {
            running.set(false);
        }
    }

    /** Holds this instance has closed since it started. */
    public long expiredTotal() {
        return expiredTotal.get();
    }
}
