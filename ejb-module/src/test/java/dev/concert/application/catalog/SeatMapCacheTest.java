package dev.concert.application.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concert.infrastructure.queue.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SeatMapCacheTest {

    static final LocalDate DATE = LocalDate.of(2026, 12, 24);
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    final SeatMapCache cache = new SeatMapCache(Duration.ofSeconds(1), clock);
    final AtomicInteger reads = new AtomicInteger();

    final Supplier<SeatMap> database = () -> {
        reads.incrementAndGet();
        return new SeatMap(1L, DATE, List.of());
    };

    @Test
    void aMapIsReadOnceAndServedUntilItsTimeIsUp() {
        SeatMap first = cache.get(1, DATE, database);
        clock.advance(Duration.ofMillis(999));
        SeatMap again = cache.get(1, DATE, database);
        clock.advance(Duration.ofMillis(1));
        cache.get(1, DATE, database);

        assertThat(again).isSameAs(first);
        assertThat(reads).hasValue(2);
    }

    @Test
    void eachDateHasItsOwnMap() {
        cache.get(1, DATE, database);
        cache.get(1, DATE.plusDays(1), database);
        cache.get(2, DATE, database);

        assertThat(reads).hasValue(3);
    }

    @Test
    void aChangeOfSeatsIsShownByTheNextRead() {
        cache.get(1, DATE, database);
        cache.changed();
        cache.get(1, DATE, database);
        cache.get(1, DATE, database);

        assertThat(reads).hasValue(2);
    }

    @Test
    void switchedOffEveryMapIsRead() {
        SeatMapCache off = SeatMapCache.off();
        off.get(1, DATE, database);
        off.get(1, DATE, database);

        assertThat(reads).hasValue(2);
    }
}
