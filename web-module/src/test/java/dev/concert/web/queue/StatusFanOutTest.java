package dev.concert.web.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.concert.application.config.Settings;
import dev.concert.application.queue.LineView;
import dev.concert.application.queue.QueueService;
import dev.concert.application.queue.QueueView;
import dev.concert.domain.queue.QueueStatus;
import dev.concert.domain.shared.TooManyRequests;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusFanOutTest {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    /** A writer pool that takes no more work. */
    static final java.util.concurrent.Executor SATURATED = task -> {
        throw new java.util.concurrent.RejectedExecutionException("saturated");
    };

    /** A subscriber that records what it was sent. */
    static class Recorder implements StatusSubscriber {
        final String token;
        String client = "203.0.113.7";
        final List<QueueJson> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile int keepAlives;
        volatile boolean lapsed;
        volatile boolean goneAway;
        volatile boolean open = true;

        Recorder(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }

        public String client() {
            return client;
        }

        public boolean isOpen() {
            return open;
        }

        public CompletionStage<Void> send(QueueJson status) {
            sent.add(status);
            return CompletableFuture.completedFuture(null);
        }

        public CompletionStage<Void> keepAlive() {
            keepAlives++;
            return CompletableFuture.completedFuture(null);
        }

        public void lapse() {
            lapsed = true;
            open = false;
        }

        public void goAway() {
            goneAway = true;
            open = false;
        }
    }

    QueueService queue;
    StatusFanOut fanOut;
    Map<String, QueueView> statuses = new HashMap<>();

    static QueueView waiting(String token, long position) {
        return new QueueView(token, "u", QueueStatus.WAITING, position, position, 1, null);
    }

    static QueueView active(String token) {
        return new QueueView(token, "u", QueueStatus.ACTIVE, 0, 0L, 30, T0.plusSeconds(600));
    }

    /** A stream of {@code token}'s, subscribed with the fan waiting at {@code position}. */
    Recorder subscribed(String token, long position) {
        Recorder recorder = new Recorder(token);
        fanOut.subscribe(recorder, waiting(token, position));
        return recorder;
    }

    @BeforeEach
    void setUp() {
        queue = mock(QueueService.class);
        when(queue.statuses(anyCollection())).thenAnswer(call -> new HashMap<>(statuses));
        fanOut = new StatusFanOut();
        fanOut.queue = queue;
        fanOut.settings = Settings.defaults();
        fanOut.writers = Runnable::run;
    }

    @Test
    void aSubscriberGetsTheStatusAtOnce() {
        Recorder alice = new Recorder("a");
        fanOut.subscribe(alice, waiting("a", 7));
        assertThat(alice.sent).singleElement().extracting(QueueJson::position).isEqualTo(7L);
    }

    @Test
    void onlyNewsIsSentAtMostOncePerTick() {
        Recorder alice = new Recorder("a");
        fanOut.subscribe(alice, waiting("a", 7));

        statuses.put("a", waiting("a", 7));
        fanOut.tick(T0.plusSeconds(1));
        assertThat(alice.sent).hasSize(1);

        statuses.put("a", waiting("a", 4));
        fanOut.tick(T0.plusSeconds(2));
        assertThat(alice.sent).hasSize(2);
        assertThat(alice.sent.get(1).position()).isEqualTo(4L);

        statuses.put("a", active("a"));
        fanOut.tick(T0.plusSeconds(3));
        assertThat(alice.sent).extracting(QueueJson::status).containsExactly("WAITING", "WAITING", "ACTIVE");
    }

    @Test
    void afterAReadOfTheLineTheFansNoLongerWaitingAreToldAtOnceAndPlacesWaitForTheTick() {
        LineView line = mock(LineView.class);
        fanOut.line = line;
        Recorder admitted = subscribed("admitted", 1);
        Recorder gone = subscribed("gone", 2);
        Recorder movedUp = subscribed("movedUp", 3);
        when(line.noLongerWaiting(anyCollection())).thenAnswer(call -> call.<java.util.Collection<String>>getArgument(0)
                .stream().filter(token -> !token.equals("movedUp")).sorted().toList());
        statuses.put("admitted", active("admitted"));
        statuses.put("movedUp", waiting("movedUp", 1));   // "gone" lapsed: the store no longer has it

        fanOut.tellWhoStoppedWaiting(T0.plusMillis(500));

        verify(queue).statuses(List.of("admitted", "gone"));   // the store is asked about those two only
        assertThat(admitted.sent).extracting(QueueJson::status).containsExactly("WAITING", "ACTIVE");
        assertThat(gone.lapsed).isTrue();
        assertThat(movedUp.sent).as("a better place alone waits for the tick").hasSize(1);
        fanOut.tick(T0.plusSeconds(1));
        assertThat(movedUp.sent).extracting(QueueJson::position).containsExactly(3L, 1L);
        assertThat(admitted.sent).as("told once").hasSize(2);

        fanOut.tellWhoStoppedWaiting(T0.plusMillis(1500));
        assertThat(admitted.sent).as("an active fan is the tick's").hasSize(2);
    }

    @Test
    void anIdleStreamGetsAWriteEveryTenSecondsWellInsideTheFifteenTheContractAllows() {
        Recorder alice = new Recorder("a");
        fanOut.subscribe(alice, waiting("a", 7));
        statuses.put("a", waiting("a", 7));
        Instant subscribed = Instant.now();

        fanOut.tick(subscribed.plusSeconds(9));
        assertThat(alice.keepAlives).isZero();
        fanOut.tick(subscribed.plusSeconds(10));
        assertThat(alice.keepAlives).isEqualTo(1);
        fanOut.tick(subscribed.plusSeconds(15));
        assertThat(alice.keepAlives).isEqualTo(1);
        fanOut.tick(subscribed.plusSeconds(19));
        assertThat(alice.keepAlives).isEqualTo(1);
        fanOut.tick(subscribed.plusSeconds(20));
        assertThat(alice.keepAlives).as("10 s after the last write").isEqualTo(2);
    }

    @Test
    void aLapsedTokenEndsItsStreamAndIsForgotten() {
        Recorder alice = new Recorder("a");
        fanOut.subscribe(alice, waiting("a", 7));

        fanOut.tick(T0.plusSeconds(1));   // "a" is not among the live statuses

        assertThat(alice.lapsed).isTrue();
        assertThat(fanOut.streams()).isZero();
    }

    @Test
    void closedStreamsAreDroppedAndManyStreamsOfOneTokenAllHearIt() {
        Recorder tab1 = subscribed("a", 9);
        Recorder tab2 = subscribed("a", 9);
        Recorder gone = subscribed("b", 10);
        gone.open = false;

        statuses.put("a", waiting("a", 2));
        fanOut.tick(T0.plusSeconds(1));

        assertThat(fanOut.streams()).isEqualTo(2);
        assertThat(tab1.sent).hasSize(2);
        assertThat(tab2.sent).hasSize(2);
    }

    @Test
    void aSubscriberThatFailsIsDroppedAndTheOthersStillHear() {
        Recorder broken = new Recorder("a") {
            @Override
            public CompletionStage<Void> send(QueueJson status) {
                if (!sent.isEmpty()) {
                    throw new IllegalStateException("connection reset");
                }
                return super.send(status);
            }
        };
        Recorder bob = new Recorder("b");
        fanOut.subscribe(broken, waiting("a", 5));
        fanOut.subscribe(bob, waiting("b", 6));
        statuses.put("a", waiting("a", 1));
        statuses.put("b", waiting("b", 2));

        fanOut.tick(T0.plusSeconds(1));

        assertThat(bob.sent).hasSize(2);
        assertThat(broken.goneAway).isTrue();
        assertThat(fanOut.streams()).isEqualTo(1);
    }

    /** A client that stopped reading: the transport takes its first message, never the next one. */
    static class Stalled extends Recorder {
        final List<CompletableFuture<Void>> pending = new java.util.concurrent.CopyOnWriteArrayList<>();

        Stalled(String token) {
            super(token);
        }

        @Override
        public CompletionStage<Void> send(QueueJson status) {
            super.send(status);
            if (sent.size() == 1) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> never = new CompletableFuture<>();
            pending.add(never);
            return never;
        }
    }

    @Test
    void aClientThatStopsReadingHoldsNoThreadGetsNothingMoreAndIsGivenUp() {
        // the writer pool runs each write on the tick's thread: a write that blocked would block the tick
        Stalled stalled = new Stalled("a");
        Recorder bob = new Recorder("b");
        fanOut.subscribe(stalled, waiting("a", 5));
        fanOut.subscribe(bob, waiting("b", 100));

        for (int second = 1; second <= 29; second++) {
            statuses.put("a", waiting("a", 5 - second % 5));
            statuses.put("b", waiting("b", 100 - second));
            fanOut.tick(T0.plusSeconds(second));
        }
        assertThat(stalled.sent).as("the first status, then one write left pending and nothing after it").hasSize(2);
        assertThat(stalled.pending).hasSize(1);
        assertThat(stalled.keepAlives).as("no keep-alive behind a pending write either").isZero();
        assertThat(bob.sent).as("the others hear every change").hasSize(30);
        assertThat(stalled.goneAway).isFalse();

        Instant pendingSince = T0.plusSeconds(1);
        fanOut.tick(pendingSince.plus(StatusFanOut.STUCK));

        assertThat(stalled.goneAway).isTrue();
        assertThat(fanOut.streams()).isEqualTo(1);
    }

    @Test
    void aWriteDoneLaterLetsTheNextOneGo() {
        Stalled slow = new Stalled("a");
        fanOut.subscribe(slow, waiting("a", 9));
        statuses.put("a", waiting("a", 8));
        fanOut.tick(T0.plusSeconds(1));
        statuses.put("a", waiting("a", 7));
        fanOut.tick(T0.plusSeconds(2));
        assertThat(slow.sent).extracting(QueueJson::position).containsExactly(9L, 8L);

        slow.pending.get(0).complete(null);   // the client read it after all
        fanOut.tick(T0.plusSeconds(3));

        assertThat(slow.sent).extracting(QueueJson::position).containsExactly(9L, 8L, 7L);
        assertThat(slow.goneAway).isFalse();
    }

    /** A stream whose client is slow to take the place it was sent (that write still under way) when its fan is admitted. */
    Stalled admittedWhileSlowToTakeAPlace() {
        Stalled slow = new Stalled("a");
        fanOut.subscribe(slow, waiting("a", 9));
        statuses.put("a", waiting("a", 1));
        fanOut.tick(T0.plusSeconds(1));
        statuses.put("a", active("a"));
        return slow;
    }

    @Test
    void anAdmissionFoundBehindAWriteUnderWayIsSentTheMomentThatWriteIsDone() {
        LineView line = mock(LineView.class);
        fanOut.line = line;
        when(line.noLongerWaiting(anyCollection())).thenAnswer(call -> List.copyOf(call.<java.util.Collection<String>>getArgument(0)));
        Stalled slow = admittedWhileSlowToTakeAPlace();

        fanOut.tellWhoStoppedWaiting(T0.plusMillis(1500));
        assertThat(slow.sent).extracting(QueueJson::status).as("one write at a time").containsExactly("WAITING", "WAITING");
        slow.pending.get(0).complete(null);

        assertThat(slow.sent).extracting(QueueJson::status).as("not at the next tick: at once")
                .containsExactly("WAITING", "WAITING", "ACTIVE");
        slow.pending.get(1).complete(null);
        fanOut.tick(T0.plusSeconds(2));
        assertThat(slow.sent).as("and once").hasSize(3);
    }

    @Test
    void aNewStatusSeenByTheTickBehindAWriteUnderWayIsSentTheMomentThatWriteIsDone() {
        Stalled slow = admittedWhileSlowToTakeAPlace();
        fanOut.tick(T0.plusSeconds(2));
        assertThat(slow.sent).hasSize(2);

        slow.pending.get(0).complete(null);

        assertThat(slow.sent).extracting(QueueJson::status).containsExactly("WAITING", "WAITING", "ACTIVE");
    }

    @Test
    void aWriteThatFailsLaterDropsTheStream() {
        Stalled gone = new Stalled("a");
        fanOut.subscribe(gone, waiting("a", 9));
        statuses.put("a", waiting("a", 8));
        fanOut.tick(T0.plusSeconds(1));

        gone.pending.get(0).completeExceptionally(new java.io.IOException("Broken pipe"));

        assertThat(gone.goneAway).isTrue();
        assertThat(fanOut.streams()).isZero();
    }

    @Test
    void writesGoToTheWriterPoolInBatchesAndABatchItRefusesIsWrittenByTheTick() {
        fanOut.settings = Settings.defaults().withStreamCaps(2, 1000);
        for (int i = 0; i < 600; i++) {
            fanOut.subscribe(new Recorder("t" + i), waiting("t" + i, 1000 + i));
            statuses.put("t" + i, waiting("t" + i, 10 + i));
        }
        List<Runnable> tasks = new ArrayList<>();
        fanOut.writers = tasks::add;
        fanOut.tick(T0.plusSeconds(1));
        assertThat(tasks).as("600 writes, 256 to a task").hasSize(3);

        Recorder late = new Recorder("late");
        fanOut.subscribe(late, waiting("late", 7));
        statuses.put("late", waiting("late", 3));
        fanOut.writers = SATURATED;
        fanOut.tick(T0.plusSeconds(2));
        assertThat(late.sent).extracting(QueueJson::position).containsExactly(7L, 3L);
    }

    @Test
    void aLapsedTokenStillEndsItsStreamWhenTheWriterPoolTakesNoMore() {
        Recorder alice = new Recorder("a");
        fanOut.subscribe(alice, waiting("a", 7));
        fanOut.writers = SATURATED;
        fanOut.tick(T0.plusSeconds(1));
        assertThat(alice.lapsed).isTrue();
    }

    @Test
    void aStreamThatArrivesAfterShutdownIsSentAway() {
        fanOut.stop();
        Recorder late = new Recorder("a");
        fanOut.subscribe(late, waiting("a", 1));
        assertThat(late.goneAway).isTrue();
        assertThat(fanOut.streams()).isZero();
    }

    @Test
    void anErrorInATickDoesNotStopLaterTicks() {
        Recorder alice = new Recorder("a");
        fanOut.subscribe(alice, waiting("a", 7));
        when(queue.statuses(anyCollection())).thenThrow(new NoClassDefFoundError("redis/clients/jedis/Pipeline"))
                .thenAnswer(call -> Map.of("a", waiting("a", 2)));
        org.assertj.core.api.Assertions.assertThatCode(fanOut::tickSafely).doesNotThrowAnyException();
        fanOut.tick(T0.plusSeconds(2));
        assertThat(alice.sent).extracting(QueueJson::position).containsExactly(7L, 2L);
    }

    @Test
    void whileTheStoreIsDownStreamsAreKeptAliveAndNotEnded() {
        Recorder alice = new Recorder("a");
        fanOut.subscribe(alice, waiting("a", 7));
        when(queue.statuses(anyCollection())).thenThrow(new RuntimeException("redis down"));

        fanOut.tick(Instant.now().plusSeconds(15));

        assertThat(alice.keepAlives).isEqualTo(1);
        assertThat(alice.lapsed).isFalse();
        assertThat(fanOut.streams()).isEqualTo(1);
    }

    @Test
    void aTokenMayHoldTwoStreamsAndATheThirdIsRefusedUntilOneCloses() {
        Recorder tab1 = new Recorder("a");
        Recorder tab2 = new Recorder("a");
        fanOut.subscribe(tab1, waiting("a", 9));
        fanOut.subscribe(tab2, waiting("a", 9));
        Recorder third = new Recorder("a");

        assertThatThrownBy(() -> fanOut.subscribe(third, waiting("a", 9)))
                .isInstanceOfSatisfying(TooManyRequests.class, refused -> {
                    assertThat(refused.limit()).isEqualTo(TooManyRequests.Limit.STREAMS);
                    assertThat(refused.retryAfterSeconds()).isPositive();
                });
        assertThat(third.sent).as("nothing sent to a refused stream").isEmpty();
        assertThat(fanOut.streams()).isEqualTo(2);

        tab1.open = false;   // a tab closed
        fanOut.subscribe(third, waiting("a", 9));
        assertThat(third.sent).hasSize(1);
    }

    @Test
    void oneAddressMayHoldOnlyAsManyStreamsAsSetWhateverItsTokens() {
        fanOut.settings = Settings.defaults().withStreamCaps(2, 3);
        for (int i = 0; i < 3; i++) {
            fanOut.subscribe(new Recorder("t" + i), waiting("t" + i, 5));
        }
        Recorder fourth = new Recorder("t3");
        assertThatThrownBy(() -> fanOut.subscribe(fourth, waiting("t3", 5))).isInstanceOf(TooManyRequests.class);

        Recorder elsewhere = new Recorder("t3");
        elsewhere.client = "198.51.100.2";
        fanOut.subscribe(elsewhere, waiting("t3", 5));
        Recorder unknownAddress = new Recorder("t4");
        unknownAddress.client = null;   // a WebSocket: its token's cap only
        fanOut.subscribe(unknownAddress, waiting("t4", 5));
        assertThat(fanOut.streams()).isEqualTo(5);
    }

    @Test
    void twentyStreamsOfOneTokenOpenedAtOnceLeaveExactlyTwo() throws Exception {
        var ready = new java.util.concurrent.CountDownLatch(1);
        var threads = java.util.concurrent.Executors.newFixedThreadPool(20);
        var accepted = new java.util.concurrent.atomic.AtomicInteger();
        try {
            List<java.util.concurrent.Future<?>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                all.add(threads.submit(() -> {
                    ready.await();
                    try {
                        fanOut.subscribe(new Recorder("same"), waiting("same", 3));
                        accepted.incrementAndGet();
                    } catch (TooManyRequests refused) {
                        // the cap
                    }
                    return null;
                }));
            }
            ready.countDown();
            for (var one : all) {
                one.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(accepted).hasValue(2);
        assertThat(fanOut.streams()).isEqualTo(2);
    }
}
