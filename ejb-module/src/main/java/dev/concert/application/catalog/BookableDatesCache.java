package dev.concert.application.catalog;

import dev.concert.domain.concert.ConcertDate;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The bookable dates of each concert, kept for {@code catalog.dates-cache-millis} (default 1000; 0 turns it
 * off). Every fan of a sale asks for the same concert's dates, and reading them counts the available seats of
 * every date still to come (documents/performance.md: the largest cost of a booking, for the server and for
 * MariaDB alike).
 *
 * <p>What the list may show: a seat change made on this instance is applied to the kept counts when it commits
 * (a hold takes one seat, a let-go or a declined payment gives one back), so the next read shows it without
 * reading the database again; a list read while a change of its concert was committing is not kept. A change
 * made on another instance, and a hold lapsing by itself, is seen within the cache time. The list is a picture;
 * the hold decides.
 */
@ApplicationScoped
public class BookableDatesCache {

    /** The most concerts kept; beyond it the cache starts again. */
    static final int MOST_CONCERTS = 1_000;

    @Inject
    @ConfigProperty(name = "catalog.dates-cache-millis", defaultValue = "1000")
    long keepMillis;

    @Inject
    Clock clock;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private final Map<Long, Kept> lists = new ConcurrentHashMap<>();
    /** Moves as a change starts committing and again once it has: a list read across either is not kept. */
    private long generation;
    /** Changes between the two: the database may or may not show them to a read, so no read is kept. */
    private int committing;

    public BookableDatesCache() {
    }

    /** A cache keeping lists for {@code keep} by {@code clock}, outside any transaction (tests). */
    public BookableDatesCache(Duration keep, Clock clock) {
        this.keepMillis = keep.toMillis();
        this.clock = clock;
    }

    /** No cache: every list is read. */
    public static BookableDatesCache off() {
        return new BookableDatesCache(Duration.ZERO, Clock.systemUTC());
    }

    /** The dates of a concert with their seats left, from {@code today} on, kept as read on {@code today}. */
    private record Kept(LocalDate today, List<DateView> dates, Instant until) {

        List<DateView> bookable() {
            return dates.stream().filter(date -> date.availableSeats() > 0).toList();
        }
    }

    /** The kept list of that concert, or a fresh one from {@code read}, kept from now on. Dates without seats left are left out. */
    public List<DateView> get(long concertId, LocalDate today, Supplier<List<DateView>> read) {
        if (keepMillis <= 0) {
            return read.get();
        }
        Instant now = clock.instant();
        Kept kept = lists.get(concertId);
        if (kept != null && kept.today().equals(today) && now.isBefore(kept.until())) {
            return kept.bookable();
        }
        long before;
        boolean quiet;
        synchronized (this) {
            before = generation;
            quiet = committing == 0;
        }
        List<DateView> dates = List.copyOf(read.get());
        synchronized (this) {
            // kept only when no change of this instance was committing at any time during the read: each
            // later one is then not in what was read, and is applied to it once it commits
            if (quiet && generation == before && !dates.isEmpty()) {
                if (lists.size() >= MOST_CONCERTS) {
                    lists.clear();
                }
                lists.put(concertId, new Kept(today, dates, now.plusMillis(keepMillis)));
            }
        }
        return dates.stream().filter(date -> date.availableSeats() > 0).toList();
    }

    /**
     * In the current transaction a seat of that concert date became unavailable ({@code seats} −1: held) or
     * available again (+1: let go, declined). Applied to the kept list when the transaction commits.
     */
    public void seatsChanged(ConcertDate date, int seats) {
        if (keepMillis <= 0 || date.concertId() == null) {
            return;   // off, or a date never stored (no list can hold it)
        }
        seatsChanged(date.concertId(), date.showDate(), seats);
    }

    void seatsChanged(long concertId, LocalDate date, int seats) {
        if (keepMillis <= 0) {
            return;
        }
        if (transactions == null || transactions.getTransactionKey() == null) {
            synchronized (this) {
                generation++;
                apply(concertId, date, seats);
            }
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            private boolean started;

            @Override
            public void beforeCompletion() {
                synchronized (BookableDatesCache.this) {
                    generation++;
                    committing++;
                    started = true;
                }
            }

            @Override
            public void afterCompletion(int status) {
                synchronized (BookableDatesCache.this) {
                    generation++;
                    if (started) {
                        committing--;
                    }
                    if (status == Status.STATUS_COMMITTED) {
                        apply(concertId, date, seats);
                    }
                }
            }
        });
    }

    /** Called holding this cache's lock. */
    private void apply(long concertId, LocalDate date, int seats) {
        Kept kept = lists.get(concertId);
        if (kept == null) {
            return;
        }
        List<DateView> changed = new ArrayList<>(kept.dates());
        for (int i = 0; i < changed.size(); i++) {
            DateView shown = changed.get(i);
            if (shown.date().equals(date)) {
                changed.set(i, new DateView(shown.date(), shown.startsAt(), Math.max(0, shown.availableSeats() + seats)));
                lists.put(concertId, new Kept(kept.today(), List.copyOf(changed), kept.until()));
                return;
            }
        }
        lists.remove(concertId);   // a date the list did not have (it had no seat left): read it again
    }
}
