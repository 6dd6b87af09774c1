package dev.concert.application.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.concert.infrastructure.queue.MutableClock;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class BookableDatesCacheTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    static final LocalDate FIRST = LocalDate.of(2026, 12, 24);
    static final LocalDate SECOND = FIRST.plusDays(1);
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    final BookableDatesCache cache = new BookableDatesCache(Duration.ofSeconds(1), clock);
    final AtomicInteger reads = new AtomicInteger();
    long firstSeats = 2;

    final Supplier<List<DateView>> database = () -> {
        reads.incrementAndGet();
        return List.of(date(FIRST, firstSeats), date(SECOND, 50));
    };

    static DateView date(LocalDate day, long seats) {
        return new DateView(day, OffsetDateTime.parse(day + "T19:00:00+09:00"), seats);
    }

    static List<Long> seats(List<DateView> dates) {
        return dates.stream().map(DateView::availableSeats).toList();
    }

    @Test
    void aConcertsDatesAreReadOnceAndServedUntilTheirTimeIsUp() {
        cache.get(1, TODAY, database);
        clock.advance(Duration.ofMillis(999));
        List<DateView> again = cache.get(1, TODAY, database);
        clock.advance(Duration.ofMillis(1));
        cache.get(1, TODAY, database);
        cache.get(2, TODAY, database);

        assertThat(seats(again)).containsExactly(2L, 50L);
        assertThat(reads).hasValue(3);
    }

    @Test
    void aSeatTakenOrGivenBackOnThisInstanceIsCountedAtOnceWithoutAnotherRead() {
        cache.get(1, TODAY, database);
        cache.seatsChanged(1, SECOND, -1);
        assertThat(seats(cache.get(1, TODAY, database))).containsExactly(2L, 49L);
        cache.seatsChanged(1, SECOND, +1);
        cache.seatsChanged(2, SECOND, -1);   // another concert's
        assertThat(seats(cache.get(1, TODAY, database))).containsExactly(2L, 50L);
        assertThat(reads).hasValue(1);
    }

    @Test
    void aDateWithoutSeatsLeftIsLeftOutAndComesBackWithASeat() {
        cache.get(1, TODAY, database);
        cache.seatsChanged(1, FIRST, -1);
        cache.seatsChanged(1, FIRST, -1);
        assertThat(cache.get(1, TODAY, database)).extracting(DateView::date).containsExactly(SECOND);
        cache.seatsChanged(1, FIRST, +1);
        assertThat(cache.get(1, TODAY, database)).extracting(DateView::date).containsExactly(FIRST, SECOND);
        assertThat(reads).hasValue(1);
    }

    @Test
    void aSeatGivenBackOnADateTheListDidNotHaveMakesItReadAgain() {
        cache.get(1, TODAY, database);
        cache.seatsChanged(1, SECOND.plusDays(1), +1);
        cache.get(1, TODAY, database);

        assertThat(reads).hasValue(2);
    }

    @Test
    void aListReadWhileAChangeCommittedIsNotKept() {
        Supplier<List<DateView>> readAcrossACommit = () -> {
            List<DateView> before = database.get();
            cache.seatsChanged(1, FIRST, -1);   // committed on another thread while the query ran
            return before;
        };
        cache.get(1, TODAY, readAcrossACommit);
        firstSeats = 1;
        assertThat(seats(cache.get(1, TODAY, database))).containsExactly(1L, 50L);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aChangeCountsOnlyOnceItsTransactionCommits() {
        TransactionSynchronizationRegistry transactions = mock(TransactionSynchronizationRegistry.class);
        when(transactions.getTransactionKey()).thenReturn(new Object());
        cache.transactions = transactions;
        cache.get(1, TODAY, database);

        cache.seatsChanged(1, SECOND, -1);
        cache.seatsChanged(1, SECOND, -1);
        assertThat(seats(cache.get(1, TODAY, database))).as("before the commit").containsExactly(2L, 50L);
        ArgumentCaptor<Synchronization> afterwards = ArgumentCaptor.forClass(Synchronization.class);
        verify(transactions, org.mockito.Mockito.times(2)).registerInterposedSynchronization(afterwards.capture());
        Synchronization committed = afterwards.getAllValues().get(0);
        Synchronization rolledBack = afterwards.getAllValues().get(1);
        committed.beforeCompletion();
        committed.afterCompletion(Status.STATUS_COMMITTED);
        rolledBack.afterCompletion(Status.STATUS_ROLLEDBACK);

        assertThat(seats(cache.get(1, TODAY, database))).containsExactly(2L, 49L);
        assertThat(reads).hasValue(1);
    }

    @Test
    void aListReadWhileAChangeIsCommittingIsNotKeptForTheDatabaseMayOrMayNotShowIt() {
        TransactionSynchronizationRegistry transactions = mock(TransactionSynchronizationRegistry.class);
        when(transactions.getTransactionKey()).thenReturn(new Object());
        cache.transactions = transactions;
        cache.seatsChanged(1, SECOND, -1);
        ArgumentCaptor<Synchronization> change = ArgumentCaptor.forClass(Synchronization.class);
        verify(transactions).registerInterposedSynchronization(change.capture());

        change.getValue().beforeCompletion();   // committing: a read now may see it or not
        cache.get(1, TODAY, database);
        change.getValue().afterCompletion(Status.STATUS_COMMITTED);
        cache.get(1, TODAY, database);           // read again (the first was not kept), now kept
        cache.get(1, TODAY, database);

        assertThat(reads).hasValue(2);
    }

    @Test
    void aNewDayReadsTheListAgain() {
        cache.get(1, TODAY, database);
        cache.get(1, TODAY.plusDays(1), database);

        assertThat(reads).hasValue(2);
    }

    @Test
    void switchedOffEveryListIsReadAndChangesAreIgnored() {
        BookableDatesCache off = BookableDatesCache.off();
        off.get(1, TODAY, database);
        off.seatsChanged(1, FIRST, -1);
        off.get(1, TODAY, database);

        assertThat(reads).hasValue(2);
    }

    @Test
    void anEmptyListIsNotKept() {
        Supplier<List<DateView>> none = () -> {
            reads.incrementAndGet();
            return List.of();
        };
        cache.get(1, TODAY, none);
        cache.get(1, TODAY, none);

        assertThat(reads).hasValue(2);
    }
}
