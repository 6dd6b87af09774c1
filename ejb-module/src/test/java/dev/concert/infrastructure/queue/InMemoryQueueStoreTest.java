package dev.concert.infrastructure.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concert.domain.queue.Presence;
import dev.concert.domain.queue.QueueStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryQueueStoreTest extends QueueStoreContract {

    MutableClock clock;

    @Override
    QueueStore newStore(Duration ttl, Presence presence) {
        clock = new MutableClock(Instant.parse("2026-11-25T10:00:00.000Z"));
        return new InMemoryQueueStore(clock, DEFAULTS, ttl, presence);
    }

    @Override
    void pass(Duration duration) {
        clock.advance(duration);
    }

    @Override
    long second() {
        return clock.instant().getEpochSecond();
    }

    @Test
    void aTokenKeptActiveLapsesInItsTurnAndFreesItsSlot() {
        store.updateSettings(100, 2, false);
        List<String> admitted = line(2);
        store.admit();
        store.keepActive(admitted.get(0), TTL.multipliedBy(3));   // now lapses after one admitted later
        pass(TTL.plusMillis(100));
        String later = line(1).get(0);
        assertThat(store.admit().lapsed()).isEqualTo(1);

        pass(TTL.multipliedBy(2));

        assertThat(store.admit().lapsed()).as("the kept one and the one admitted after it, whatever their order")
                .isEqualTo(2);
        assertThat(store.find(admitted.get(0))).isEmpty();
        assertThat(store.find(later)).isEmpty();
        assertThat(store.figures().active()).isZero();
    }

    @Test
    void theBudgetOfASecondIsFreshInTheNext() {
        store.updateSettings(5, null, null);
        line(12);
        assertThat(store.admit().admitted()).isEqualTo(5);
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.admit().admitted()).isEqualTo(5);
    }

    @Test
    void positionsStayRightPastTheFirstThousandArrivals() {
        var tokens = line(3000);
        store.remove(tokens.get(10));
        assertThat(store.find(tokens.get(2999)).orElseThrow().position()).isEqualTo(2999L);
        assertThat(store.find(tokens.get(1500)).orElseThrow().position()).isEqualTo(1500L);
        assertThat(store.find(tokens.get(5)).orElseThrow().position()).isEqualTo(6L);
    }

    @Test
    void theRequestCountStartsAgainEachMinute() {
        store.countRequest("203.0.113.7");
        clock.advance(Duration.ofSeconds(60));
        assertThat(store.countRequest("203.0.113.7").requests()).isEqualTo(1);
    }

    @Test
    void admissionsOlderThanAMinuteNoLongerCount() {
        line(4);
        store.admit();
        clock.advance(Duration.ofSeconds(61));
        assertThat(store.figures().admittedLastMinute()).isZero();
    }
}
