package dev.concert.application.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.concert.application.config.Settings;
import dev.concert.domain.queue.QueueSettings;
import dev.concert.domain.queue.QueueStatus;
import dev.concert.domain.queue.QueueStoreUnavailable;
import dev.concert.domain.queue.QueueToken;
import dev.concert.infrastructure.queue.InMemoryQueueStore;
import dev.concert.infrastructure.queue.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The instance's view of the line answers waiting fans it knows; the store answers everything else. */
class LineViewTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-24T10:00:00Z"));
    final Settings settings = Settings.defaults();   // presence written every 60 s
    InMemoryQueueStore store;
    LineView line;
    QueueService queue;

    @BeforeEach
    void setUp() {
        store = spy(new InMemoryQueueStore(clock, new QueueSettings(2, 100, false),
                Duration.ofSeconds(settings.activeTtlSeconds()), settings.presence()));
        line = new LineView(store, clock, settings);
        queue = new QueueService(store, new AdmissionMeter(), settings,
                new TokenSecret("a secret of thirty-two characters".getBytes()), line, clock);
    }

    List<String> fans(int count) {
        return IntStream.range(0, count).mapToObj(i -> queue.enter(UUID.randomUUID().toString(), "10.0.0." + i)
                .view().token()).toList();
    }

    long position(String token) {
        return queue.status(token).orElseThrow().position();
    }

    @Test
    void aWaitingFanSeenOnceIsAnsweredFromTheViewWithThePositionTheStoreWouldGive() {
        List<String> tokens = fans(10);
        line.refresh();
        clearInvocations(store);

        for (int poll = 0; poll < 5; poll++) {
            assertThat(tokens).extracting(this::position).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        }
        verify(store, never()).find(any());

        queue.leave(tokens.get(1));
        store.remove(QueueToken.key(tokens.get(4)));   // left through another instance
        line.refresh();
        assertThat(position(tokens.get(9))).as("those behind move up at the next read").isEqualTo(8);
        assertThat(queue.status(tokens.get(1))).as("gone here at once").isEmpty();
        assertThat(queue.status(tokens.get(4))).as("gone elsewhere: the view sends the fan to the store").isEmpty();
    }

    @Test
    void anAdmittedFanIsToldActiveByTheStoreAfterTheNextRead() {
        List<String> tokens = fans(3);
        line.refresh();
        assertThat(queue.status(tokens.get(0)).orElseThrow().status()).isEqualTo(QueueStatus.WAITING);

        store.admit();   // two a second
        line.refresh();

        assertThat(queue.status(tokens.get(0)).orElseThrow().status()).isEqualTo(QueueStatus.ACTIVE);
        assertThat(queue.status(tokens.get(1)).orElseThrow().status()).isEqualTo(QueueStatus.ACTIVE);
        assertThat(position(tokens.get(2))).isEqualTo(1);
        verify(store, times(2)).find(any());
    }

    @Test
    void aRequestThatNeedsAnActiveTokenAsksTheStoreEvenWhileTheViewStillHasTheFanWaiting() {
        List<String> tokens = fans(1);
        line.refresh();
        store.admit();   // on another instance: this one's view has not been read since

        assertThat(queue.status(tokens.get(0)).orElseThrow().status()).as("the view, up to a second behind")
                .isEqualTo(QueueStatus.WAITING);
        assertThat(queue.currentStatus(tokens.get(0)).orElseThrow().status()).isEqualTo(QueueStatus.ACTIVE);
        assertThat(queue.status(tokens.get(0)).orElseThrow().status()).as("and the view forgets the fan at once")
                .isEqualTo(QueueStatus.ACTIVE);
    }

    @Test
    void aViewOlderThanItsBoundAnswersNobody() {
        List<String> tokens = fans(2);
        line.refresh();
        clock.advance(LineView.BOUND);
        assertThat(line.waiting(tokens.get(1))).as("exactly at the bound").isPresent();

        clock.advance(Duration.ofMillis(1));

        assertThat(line.waiting(tokens.get(1))).isEmpty();
        assertThat(position(tokens.get(1))).as("the store answers").isEqualTo(2);
    }

    @Test
    void whenTheLineCannotBeReadThePollsGoToTheStoreAndFailWithIt() {
        List<String> tokens = fans(2);
        line.refresh();
        doThrow(new QueueStoreUnavailable("Redis cannot be reached", null)).when(store).line();
        doThrow(new QueueStoreUnavailable("Redis cannot be reached", null)).when(store).find(any());

        assertThatThrownBy(line::refresh).isInstanceOf(QueueStoreUnavailable.class);
        assertThat(position(tokens.get(0))).as("within the bound, the last read").isEqualTo(1);
        clock.advance(Duration.ofMillis(1_001));

        assertThatThrownBy(() -> queue.status(tokens.get(0))).as("never a stale answer")
                .isInstanceOf(QueueStoreUnavailable.class);
    }

    /** {@code seconds} of a paused line: each second the view is read, a pass runs (dropping idle fans), then {@code fan} is heard from. */
    void pausedFor(int seconds, Runnable fan) {
        for (int second = 0; second < seconds; second++) {
            clock.advance(Duration.ofSeconds(1));
            line.refresh();
            store.admit();
            fan.run();
        }
    }

    @Test
    void oncePerPresenceIntervalTheStoreIsAskedSoThatTheFanStaysPresent() {
        String token = fans(1).get(0);
        store.updateSettings(null, null, true);   // paused: the fan waits, and would idle out after 120 s unseen
        line.refresh();
        clearInvocations(store);
        pausedFor(130, () -> position(token));
        verify(store, times(2)).find(any());   // at 60 s and at 120 s
        assertThat(position(token)).as("still in line after 130 s: present").isEqualTo(1);
    }

    @Test
    void aFanWhoOnlyKeepsAStreamOpenStaysPresentAndOneWhoDoesNothingLosesThePlace() {
        List<String> tokens = fans(2);
        String streaming = tokens.get(0);
        String gone = tokens.get(1);
        store.updateSettings(null, null, true);   // paused: both wait, and would idle out after 120 s unseen
        line.refresh();
        clearInvocations(store);
        pausedFor(130, () -> queue.statuses(List.of(streaming)));   // the fan-out's read for the fan's open stream
        verify(store, times(2)).findAll(anyCollection());   // at 60 s and at 120 s: presence, not every read

        assertThat(queue.status(streaming).orElseThrow().position()).as("still in line after 130 s: present").isEqualTo(1);
        assertThat(queue.status(gone)).as("unseen for 130 s: the place is lost").isEmpty();
    }

    @Test
    void theFanOutAsksTheStoreOnlyForTheTokensTheViewCannotAnswer() {
        List<String> tokens = fans(4);
        line.refresh();
        line.forget(tokens.get(3));   // as if seen by another instance only
        clearInvocations(store);

        Map<String, QueueView> views = queue.statuses(tokens);

        assertThat(views).hasSize(4);
        assertThat(views.get(tokens.get(3)).position()).isEqualTo(4);
        verify(store).findAll(anyCollection());
        assertThat(line.known()).isEqualTo(4);
        clearInvocations(store);
        queue.statuses(tokens);
        verify(store, never()).findAll(anyCollection());
    }

    @Test
    void afterEachReadTheListenersLearnWhichKnownFansNoLongerWait() {
        List<String> tokens = fans(4);
        List<Instant> reads = new java.util.ArrayList<>();
        Runnable listener = () -> reads.add(clock.instant());
        line.afterEachRead(listener);
        line.refresh();
        assertThat(line.noLongerWaiting(tokens)).isEmpty();

        store.admit();   // two a second
        queue.leave(tokens.get(3));
        clock.advance(Duration.ofMillis(500));
        line.refresh();

        assertThat(line.noLongerWaiting(List.of(tokens.get(0), tokens.get(2), "a token never seen here")))
                .containsExactly(tokens.get(0));
        assertThat(line.noLongerWaiting(tokens)).as("one who left here is forgotten at once")
                .containsExactly(tokens.get(0), tokens.get(1));
        assertThat(reads).hasSize(2);
        String joinedSince = fans(1).get(0);   // after the last read: beyond its last waiting fan
        assertThat(line.noLongerWaiting(List.of(joinedSince))).as("not taken for gone before the next read").isEmpty();
        clock.advance(LineView.BOUND.plusMillis(1));
        assertThat(line.noLongerWaiting(tokens)).as("a view past its bound says nothing").isEmpty();

        line.stopRunning(listener);
        line.refresh();
        assertThat(reads).hasSize(2);
    }

    @Test
    void aSweepForgetsOnlyFansMissingFromTwoReadsSoThatListenersSeeThemLeave() {
        List<String> tokens = fans(3);
        line.refresh();
        clock.advance(LineView.SWEEP);
        store.admit();   // two a second

        line.refresh();   // a sweep is due

        assertThat(line.noLongerWaiting(tokens)).containsExactly(tokens.get(0), tokens.get(1));
        clock.advance(LineView.SWEEP);
        line.refresh();
        assertThat(line.noLongerWaiting(tokens)).isEmpty();
        assertThat(line.known()).isEqualTo(1);
    }

    @Test
    void fansNoLongerInTheLineAreForgottenAtTheNextSweep() {
        List<String> tokens = fans(5);
        line.refresh();   // and a sweep
        store.updateSettings(5, 100, false);
        store.admit();
        line.refresh();
        assertThat(line.known()).as("until the next sweep").isEqualTo(5);

        clock.advance(LineView.SWEEP);
        line.refresh();

        assertThat(line.known()).isZero();
        assertThat(tokens).allMatch(token -> queue.status(token).orElseThrow().isActive());
        assertThat(line.known()).as("active fans are the store's").isZero();
    }
}
