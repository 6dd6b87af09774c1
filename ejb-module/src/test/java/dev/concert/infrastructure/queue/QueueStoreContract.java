package dev.concert.infrastructure.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concert.domain.queue.AdmissionResult;
import dev.concert.domain.queue.Issued;
import dev.concert.domain.queue.LineSnapshot;
import dev.concert.domain.queue.Presence;
import dev.concert.domain.queue.QueueSettings;
import dev.concert.domain.queue.QueueStatus;
import dev.concert.domain.queue.QueueStore;
import dev.concert.domain.queue.QueueTicket;
import dev.concert.domain.queue.QueueToken;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every queue store must do, run against each of them: the in-process store
 * ({@link InMemoryQueueStoreTest}) and Redis ({@link RedisQueueStoreIT}).
 */
abstract class QueueStoreContract {

    static final Duration TTL = Duration.ofSeconds(1);
    static final QueueSettings DEFAULTS = new QueueSettings(100, 1000, false);
    static final SecureRandom RANDOM = new SecureRandom();

    QueueStore store;

    /** A new, empty store with {@link #DEFAULTS} and active tokens lapsing after {@link #TTL}. */
    QueueStore newStore() {
        return newStore(TTL, Presence.DEFAULTS);
    }

    /** A new, empty store with {@link #DEFAULTS}, active tokens lapsing after {@code ttl}, fans idling out as given. */
    abstract QueueStore newStore(Duration ttl, Presence presence);

    /** Lets {@code duration} pass for the store (a clock moved, or a real wait for Redis). */
    abstract void pass(Duration duration) throws InterruptedException;

    /** The second the store's clock reads now (epoch seconds): Redis's TIME, or the in-process store's clock. */
    abstract long second();

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    static String user() {
        return UUID.randomUUID().toString();
    }

    Issued issue(String user) {
        return store.issue(user, QueueToken.next(RANDOM), QueueToken.ticketId(RANDOM));
    }

    List<String> line(int users) {
        return IntStream.range(0, users).mapToObj(i -> issue(user()).ticket().token()).toList();
    }

    @Test
    void usersWaitInTheOrderTheyFirstAsked() {
        List<Issued> issued = IntStream.range(0, 3).mapToObj(i -> issue(user())).toList();

        assertThat(issued).allMatch(Issued::created);
        assertThat(issued).extracting(i -> i.ticket().position()).containsExactly(1L, 2L, 3L);
        assertThat(issued).extracting(i -> i.ticket().status()).containsOnly(QueueStatus.WAITING);
        assertThat(store.find(issued.get(2).ticket().token())).get()
                .extracting(QueueTicket::position).isEqualTo(3L);
    }

    @Test
    void askingAgainGivesTheSameTokenAndPlace() {
        String alice = user();
        Issued first = issue(alice);
        issue(user());
        Issued again = store.issue(alice, QueueToken.next(RANDOM), QueueToken.ticketId(RANDOM));

        assertThat(again.created()).isFalse();
        assertThat(again.ticket().token()).isEqualTo(first.ticket().token());
        assertThat(again.ticket().position()).isEqualTo(1L);
        assertThat(again.ticket().userId()).isEqualTo(alice);
    }

    @Test
    void admissionTakesTheHeadOfTheLineInOrder() {
        store.updateSettings(2, 1000, false);
        List<String> tokens = line(5);

        AdmissionResult result = store.admit();

        assertThat(result.admitted()).isEqualTo(2);
        assertThat(store.find(tokens.get(0))).get().extracting(QueueTicket::status).isEqualTo(QueueStatus.ACTIVE);
        assertThat(store.find(tokens.get(1))).get().extracting(QueueTicket::status).isEqualTo(QueueStatus.ACTIVE);
        assertThat(tokens.subList(2, 5)).extracting(token -> store.find(token).orElseThrow().position())
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void anActiveTicketSaysUntilWhen() {
        String token = line(1).get(0);
        store.admit();

        QueueTicket ticket = store.find(token).orElseThrow();
        assertThat(ticket.position()).isZero();
        assertThat(ticket.activeUntil()).isNotNull();
    }

    @Test
    void neverMoreThanActiveMaxAreActive() {
        store.updateSettings(100, 3, false);
        line(10);

        AdmissionResult full = store.admit();
        assertThat(full.admitted()).isEqualTo(3);
        assertThat(full.activeAfter()).isEqualTo(3);
        assertThat(full.settings()).as("the pass reports the settings it applied").isEqualTo(new QueueSettings(100, 3, false));
        assertThat(full.slotsFull()).isTrue();
        assertThat(store.admit().admitted()).isZero();
        assertThat(store.figures().active()).isEqualTo(3);
        assertThat(store.figures().waiting()).isEqualTo(7);
    }

    @Test
    void passesInOneSecondShareThePerSecondBudget() throws InterruptedException {
        store.updateSettings(5, 1000, false);
        line(20);

        long before = second();
        long first = store.admit().admitted();
        long second = store.admit().admitted();
        boolean oneSecond = second() == before;

        assertThat(first).isEqualTo(5);
        if (oneSecond) {
            assertThat(second).as("the budget of the second is spent").isZero();
        } else {   // the store's clock turned between the passes: the second pass had a new second's budget
            assertThat(second).isBetween(0L, 5L);
        }
    }

    @Test
    void aPausedQueueAdmitsNobody() {
        store.updateSettings(100, 1000, true);
        line(3);

        assertThat(store.admit().admitted()).isZero();
        assertThat(store.figures().waiting()).isEqualTo(3);
    }

    @Test
    void anActiveTokenLapsesFreesItsSlotAndIsForgotten() throws InterruptedException {
        store.updateSettings(100, 1, false);
        String alice = user();
        String first = issue(alice).ticket().token();
        String second = line(1).get(0);
        store.admit();
        assertThat(store.find(second).orElseThrow().status()).isEqualTo(QueueStatus.WAITING);

        pass(TTL.plusMillis(100));

        assertThat(store.find(first)).as("lapsed even before a pass drops it").isEmpty();
        AdmissionResult result = store.admit();
        assertThat(result.lapsed()).isEqualTo(1);
        assertThat(store.find(second).orElseThrow().status()).isEqualTo(QueueStatus.ACTIVE);
        Issued again = issue(alice);
        assertThat(again.created()).isTrue();
        assertThat(again.ticket().token()).isNotEqualTo(first);
    }

    @Test
    void anActiveTokenIsKeptActiveLongerButNeverShorter() {
        String token = line(1).get(0);
        store.admit();
        Instant admittedUntil = store.find(token).orElseThrow().activeUntil();

        assertThat(store.keepActive(token, Duration.ofMinutes(10))).isTrue();
        Instant kept = store.find(token).orElseThrow().activeUntil();
        assertThat(kept).as("kept for 10 minutes, past the 1 s it was admitted for").isAfter(admittedUntil.plusSeconds(500));

        assertThat(store.keepActive(token, Duration.ofMillis(1))).as("still active").isTrue();
        assertThat(store.find(token).orElseThrow().activeUntil()).as("never shortened").isEqualTo(kept);
    }

    @Test
    void onlyAnActiveTokenIsKeptActive() {
        store.updateSettings(100, 1000, true);
        String waiting = line(1).get(0);

        assertThat(store.keepActive(waiting, Duration.ofMinutes(10))).isFalse();
        assertThat(store.keepActive("unknown-token-key", Duration.ofMinutes(10))).isFalse();

        assertThat(store.find(waiting).orElseThrow().status()).as("still waiting, in its place").isEqualTo(QueueStatus.WAITING);
        assertThat(store.figures().active()).isZero();
    }

    @Test
    void aTokenKeptActiveOutlivesThoseAdmittedWithIt() throws InterruptedException {
        store.updateSettings(100, 2, false);
        List<String> admitted = line(2);
        String next = line(1).get(0);
        store.admit();
        store.keepActive(admitted.get(0), TTL.multipliedBy(30));

        pass(TTL.plusMillis(100));
        AdmissionResult afterTtl = store.admit();

        assertThat(afterTtl.lapsed()).as("the other one lapsed").isEqualTo(1);
        assertThat(store.find(admitted.get(0)).orElseThrow().status()).isEqualTo(QueueStatus.ACTIVE);
        assertThat(store.find(next).orElseThrow().status()).as("admitted into the freed slot").isEqualTo(QueueStatus.ACTIVE);
    }

    @Test
    void everyTicketCarriesItsArrivalNumberInTheOrderOfTheLine() {
        List<Issued> issued = IntStream.range(0, 3).mapToObj(i -> issue(user())).toList();

        assertThat(issued).extracting(i -> i.ticket().arrival()).isSorted().doesNotHaveDuplicates().allMatch(a -> a > 0);
        assertThat(store.find(issued.get(1).ticket().token()).orElseThrow().arrival()).isEqualTo(issued.get(1).ticket().arrival());
    }

    @Test
    void theLineSnapshotGivesEveryWaitingFanThePositionTheStoreGives() {
        store.line();   // as an instance reads it, before and while the line changes
        List<Issued> issued = aLineThatChanged();

        assertSnapshotAgrees(store.line(), issued, 34);
    }

    /** 40 fans: the first two admitted, four (two of them side by side, and the last) left. */
    List<Issued> aLineThatChanged() {
        store.updateSettings(2, 1000, false);
        List<Issued> issued = IntStream.range(0, 40).mapToObj(i -> issue(user())).toList();
        store.admit();
        for (int i : new int[] {5, 6, 17, 39}) {
            store.remove(issued.get(i).ticket().token());
        }
        return issued;
    }

    /** The snapshot's position of each fan is the store's: 0 for those admitted or gone. */
    void assertSnapshotAgrees(LineSnapshot line, List<Issued> issued, int waiting) {
        for (Issued fan : issued) {
            Optional<QueueTicket> now = store.find(fan.ticket().token());
            long expected = now.filter(ticket -> !ticket.isActive()).map(QueueTicket::position).orElse(0L);
            assertThat(line.position(fan.ticket().arrival())).as("arrival %d", fan.ticket().arrival()).isEqualTo(expected);
        }
        assertThat(line.waiting()).isEqualTo(waiting);
    }

    @Test
    void aLineThatEmptiedStartsAgainWithTheNextArrival() {
        List<String> gone = line(3);
        gone.forEach(store::remove);
        assertThat(store.line().waiting()).isZero();

        Issued next = issue(user());

        assertThat(store.line().position(next.ticket().arrival())).isEqualTo(1);
        assertThat(store.line().waiting()).isEqualTo(1);
    }

    @Test
    void aUserWhoLeavesIsForgottenAndThoseBehindMoveUp() {
        String alice = user();
        String aliceToken = issue(alice).ticket().token();
        String bob = line(1).get(0);

        assertThat(store.remove(aliceToken)).isTrue();
        assertThat(store.remove(aliceToken)).isFalse();

        assertThat(store.find(aliceToken)).isEmpty();
        assertThat(store.find(bob).orElseThrow().position()).isEqualTo(1L);
        Issued back = issue(alice);
        assertThat(back.created()).isTrue();
        assertThat(back.ticket().position()).as("a user who left goes to the end").isEqualTo(2L);
    }

    @Test
    void removingAnActiveTokenFreesItsSlot() {
        store.updateSettings(100, 1, false);
        List<String> tokens = line(2);
        store.admit();

        assertThat(store.remove(tokens.get(0))).isTrue();
        assertThat(store.admit().admitted()).isEqualTo(1);
        assertThat(store.find(tokens.get(1)).orElseThrow().status()).isEqualTo(QueueStatus.ACTIVE);
    }

    @Test
    void findAllAnswersForLiveTokensOnly() {
        List<String> tokens = line(3);
        store.remove(tokens.get(1));

        Map<String, QueueTicket> found = store.findAll(List.of(tokens.get(0), tokens.get(1), tokens.get(2),
                QueueToken.next(RANDOM)));

        assertThat(found).containsOnlyKeys(tokens.get(0), tokens.get(2));
        assertThat(found.get(tokens.get(2)).position()).isEqualTo(2L);
    }

    @Test
    void unknownTokensAreNotFound() {
        assertThat(store.find(QueueToken.next(RANDOM))).isEmpty();
        assertThat(store.remove(QueueToken.next(RANDOM))).isFalse();
    }

    @Test
    void settingsStartAtTheDefaultsAndKeepWhatOperatorsSet() {
        assertThat(store.settings()).isEqualTo(DEFAULTS);
        QueueSettings changed = new QueueSettings(7, 70, true);
        assertThat(store.updateSettings(7, 70, true)).isEqualTo(changed);
        assertThat(store.settings()).isEqualTo(changed);
        assertThat(store.figures().settings()).isEqualTo(changed);
    }

    @Test
    void aChangeOfOneSettingLeavesTheOthersAsTheyWere() {
        store.updateSettings(null, 70, null);
        store.updateSettings(null, null, true);
        assertThat(store.settings()).isEqualTo(new QueueSettings(DEFAULTS.admitPerSecond(), 70, true));
    }

    @Test
    void aSettingOutOfRangeChangesNothing() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.updateSettings(5, 0, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.settings()).isEqualTo(DEFAULTS);
    }

    @Test
    void figuresCountAdmissionsOfTheLastMinute() {
        line(4);
        store.admit();

        var figures = store.figures();
        assertThat(figures.admittedLastMinute()).isEqualTo(4);
        assertThat(figures.active()).isEqualTo(4);
        assertThat(figures.waiting()).isZero();
    }

    @Test
    void tokenRequestsAreCountedPerClientWithinTheMinute() throws InterruptedException {
        var probe = store.countRequest("192.0.2.1");
        if (probe.secondsLeft() < 3) {
            pass(java.time.Duration.ofSeconds(probe.secondsLeft() + 1));   // keep clear of the minute's end
        }
        var first = store.countRequest("203.0.113.7");
        var second = store.countRequest("203.0.113.7");
        var other = store.countRequest("198.51.100.1");

        assertThat(first.requests()).isEqualTo(1);
        assertThat(second.requests()).isEqualTo(2);
        assertThat(other.requests()).isEqualTo(1);
        assertThat(second.secondsLeft()).isBetween(1L, 60L);
        assertThat(second.exceeds(2)).isFalse();
        assertThat(second.exceeds(1)).isTrue();
    }

    @Test
    void theMeasuredRateComesFromRecentAdmissions() {
        line(30);
        AdmissionResult result = store.admit();

        assertThat(result.admittedLast10s()).isEqualTo(30);
        assertThat(result.measuredRatePerSecond()).isEqualTo(3.0);
    }

    @org.junit.jupiter.api.Test
    void instancesReportThemselvesAndLapseWhenQuiet() throws InterruptedException {
        String first = "it-" + UUID.randomUUID();
        store.reportInstance(first, "{\"ready\":true}", Duration.ofSeconds(1));
        store.reportInstance(first, "{\"ready\":false}", Duration.ofSeconds(1));

        org.assertj.core.api.Assertions.assertThat(store.instances()).containsEntry(first, "{\"ready\":false}");
        pass(Duration.ofMillis(1_100));
        org.assertj.core.api.Assertions.assertThat(store.instances()).doesNotContainKey(first);
    }

    @org.junit.jupiter.api.Test
    void theFirstSampleOfASlotIsKeptForEveryInstance() {
        java.time.Instant now = java.time.Instant.now();
        Duration step = Duration.ofSeconds(5);
        java.time.Instant slot = java.time.Instant.ofEpochSecond(now.getEpochSecond() / 5 * 5);
        store.recordSample(new dev.concert.domain.queue.QueueSample(slot, 10, 60), step, Duration.ofMinutes(10));
        store.recordSample(new dev.concert.domain.queue.QueueSample(slot.plusSeconds(1), 99, 99), step, Duration.ofMinutes(10));
        store.recordSample(new dev.concert.domain.queue.QueueSample(slot.minusSeconds(5), 20, 30), step, Duration.ofMinutes(10));

        org.assertj.core.api.Assertions.assertThat(store.samples(slot.minusSeconds(600), slot, step)).containsExactly(
                new dev.concert.domain.queue.QueueSample(slot.minusSeconds(5), 20, 30),
                new dev.concert.domain.queue.QueueSample(slot, 10, 60));
    }

    // --- fans who walk away (Presence) ---

    @Test
    void aWaitingFanUnseenForTheIdleTimeLosesThePlaceAndThoseBehindMoveUp() throws InterruptedException {
        store = newStore(TTL, new Presence(Duration.ofMillis(1200), Duration.ofSeconds(5)));
        store.updateSettings(null, null, true);   // nobody admitted: the pass only drops who went quiet
        String gone = user();
        List<String> tokens = List.of(issue(gone).ticket().token(), issue(user()).ticket().token(),
                issue(user()).ticket().token());
        pass(Duration.ofMillis(700));
        assertThat(store.find(tokens.get(2))).as("the third fan polls").isPresent();
        pass(Duration.ofMillis(700));

        AdmissionResult pass = store.admit();

        assertThat(pass.idleWaiting()).as("the two unseen for 1.4 s").isEqualTo(2);
        assertThat(store.find(tokens.get(0))).isEmpty();
        assertThat(store.find(tokens.get(1))).isEmpty();
        assertThat(store.find(tokens.get(2))).get().extracting(QueueTicket::position).isEqualTo(1L);
        assertThat(store.figures().waiting()).isEqualTo(1);
        Issued again = issue(gone);
        assertThat(again.created()).as("asking again is a new place").isTrue();
        assertThat(again.ticket().position()).as("at the back").isEqualTo(2L);
    }

    @Test
    void aFanWhoKeepsPollingNeverLosesThePlace() throws InterruptedException {
        store = newStore(TTL, new Presence(Duration.ofSeconds(1), Duration.ofSeconds(5)));
        store.updateSettings(null, null, true);
        String token = line(1).get(0);
        for (int poll = 0; poll < 10; poll++) {   // 3 s of polls every 300 ms, passes in between
            pass(Duration.ofMillis(300));
            assertThat(store.find(token)).isPresent();
            assertThat(store.admit().idleWaiting()).isZero();
        }
    }

    @Test
    void anActiveFanUnseenForTheIdleTimeFreesTheSlotAndTheSamePassRefillsIt() throws InterruptedException {
        store = newStore(Duration.ofSeconds(30), new Presence(Duration.ofSeconds(5), Duration.ofSeconds(1)));
        store.updateSettings(100, 1, false);
        List<String> tokens = line(2);
        assertThat(store.admit().admitted()).isEqualTo(1);
        pass(Duration.ofMillis(600));
        assertThat(store.find(tokens.get(1))).as("the second fan polls, waiting").isPresent();
        pass(Duration.ofMillis(700));

        AdmissionResult pass = store.admit();

        assertThat(pass.idleActive()).isEqualTo(1);
        assertThat(pass.admitted()).as("the freed slot is refilled by the next in line").isEqualTo(1);
        assertThat(store.find(tokens.get(0))).isEmpty();
        assertThat(store.find(tokens.get(1))).get().extracting(QueueTicket::status).isEqualTo(QueueStatus.ACTIVE);
    }

    @Test
    void aFanAdmittedKeepsTheLastSightingFromTheLine() throws InterruptedException {
        store = newStore(Duration.ofSeconds(30), new Presence(Duration.ofSeconds(5), Duration.ofSeconds(1)));
        store.updateSettings(100, 10, true);
        String token = line(1).get(0);
        pass(Duration.ofMillis(1300));   // walked away while waiting, not yet long enough to lose the place
        store.updateSettings(null, null, false);

        assertThat(store.admit().admitted()).isEqualTo(1);
        assertThat(store.admit().idleActive()).as("unseen for 1.3 s, admitted or not").isEqualTo(1);
        assertThat(store.find(token)).isEmpty();
    }

    @Test
    void aHoldKeepsItsFanFromIdlingOutUntilTheHoldLapses() throws InterruptedException {
        store = newStore(Duration.ofSeconds(30), new Presence(Duration.ofSeconds(5), Duration.ofSeconds(1)));
        String token = line(1).get(0);
        store.admit();
        assertThat(store.keepActive(token, Duration.ofMillis(2500))).isTrue();   // a hold until 2.5 s from now
        pass(Duration.ofMillis(1600));
        assertThat(store.admit().idleActive()).as("holding a seat, unseen for 1.6 s").isZero();
        assertThat(store.find(token)).isPresent();
        pass(Duration.ofMillis(1300));   // 2.9 s: the hold has lapsed, and the fan was not seen after it

        assertThat(store.admit().idleActive()).isEqualTo(1);
        assertThat(store.find(token)).isEmpty();
    }

    @Test
    void waitingFansWhoLeaveOrGoQuietAreCountedForTheEstimatesButAdmittedOnesAreNot() throws InterruptedException {
        store = newStore(Duration.ofSeconds(30), new Presence(Duration.ofMillis(1200), Duration.ofSeconds(1)));
        store.updateSettings(100, 1, false);
        List<String> tokens = line(4);
        store.admit();   // the first is admitted: not a fan who left the line
        assertThat(store.remove(tokens.get(1))).isTrue();   // the second leaves
        pass(Duration.ofMillis(700));
        assertThat(store.find(tokens.get(3))).isPresent();   // the fourth polls; the third goes quiet
        pass(Duration.ofMillis(700));

        AdmissionResult pass = store.admit();

        assertThat(pass.idleWaiting()).isEqualTo(1);
        assertThat(pass.idleActive()).as("the admitted one, gone quiet too").isEqualTo(1);
        assertThat(pass.leftLast10s()).as("one left, one went quiet while waiting").isEqualTo(2);
        assertThat(pass.leftLastMinute()).isEqualTo(2);
        assertThat(pass.admitted()).as("the fourth takes the freed slot").isEqualTo(1);
        assertThat(pass.waitingAfter()).isZero();
        assertThat(pass.leavingPerSecond()).isEqualTo(0.2);
    }
}
