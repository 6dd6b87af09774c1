package dev.concert.application.catalog;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seat maps kept for {@code catalog.seat-map-cache-millis} (default 1000; 0 turns it off): at a sale's
 * start thousands of fans look at the same few maps every second, and each map read from the
 * database costs a query of 50 rows and their mapping (documents/performance.md: ~2 000 maps a second
 * without, on one instance of the build machine).
 *
 * <p>What a map may show: a change made on this instance (a hold, a let-go, a payment, a sweep) is
 * seen by the next read after it commits — every cached map is dropped when the change is made and
 * again when it commits, so a map read in between is not kept. A change made on another instance is
 * seen within the cache time. A map is a picture; the hold decides (a seat taken meanwhile is a 409).
 */
@ApplicationScoped
public class SeatMapCache {

    /** The most maps kept (concert dates); beyond it the cache starts again. */
    static final int MOST_MAPS = 10_000;

    @Inject
    @ConfigProperty(name = "catalog.seat-map-cache-millis", defaultValue = "1000")
    long keepMillis;

    @Inject
    Clock clock;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private final Map<Key, Kept> maps = new ConcurrentHashMap<>();
    /** Moves on every change of seats: a map kept under an older generation is not served. */
    private final AtomicLong generation = new AtomicLong();

    public SeatMapCache() {
    }

    /** A cache keeping maps for {@code keep} by {@code clock}, outside any transaction (tests). */
    public SeatMapCache(Duration keep, Clock clock) {
        this.keepMillis = keep.toMillis();
        this.clock = clock;
    }

    /** No cache: every map is read. */
    public static SeatMapCache off() {
        return new SeatMapCache(Duration.ZERO, Clock.systemUTC());
    }

    private record Key(long concertId, LocalDate date) {
    }

    private record Kept(SeatMap map, Instant until, long generation) {
    }

    /** The kept map of that date, or a fresh one from {@code read}, kept from now on. */
    public SeatMap get(long concertId, LocalDate date, Supplier<SeatMap> read) {
        if (keepMillis <= 0) {
            return read.get();
        }
        Key key = new Key(concertId, date);
        Instant now = clock.instant();
        long current = generation.get();
        Kept kept = maps.get(key);
        if (kept != null && kept.generation() == current && now.isBefore(kept.until())) {
            return kept.map();
        }
        SeatMap map = read.get();
        if (maps.size() >= MOST_MAPS) {
            maps.clear();
        }
        maps.put(key, new Kept(map, now.plusMillis(keepMillis), current));
        return map;
    }

    /**
     * Seats changed in the current transaction: no map kept so far is served again, nor any map
     * read before the transaction ends (it might not show the change yet).
     */
    public void changed() {
        generation.incrementAndGet();
        if (transactions != null && transactions.getTransactionKey() != null) {
            AfterCommit.run(transactions, generation::incrementAndGet);
        }
    }
}
