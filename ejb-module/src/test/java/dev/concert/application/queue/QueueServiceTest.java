package dev.concert.application.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concert.domain.queue.AdmissionResult;
import dev.concert.domain.queue.QueueSettings;
import dev.concert.domain.queue.QueueStore;
import dev.concert.domain.queue.QueueStatus;
import dev.concert.domain.shared.Reason;
import dev.concert.domain.shared.TooManyRequests;
import dev.concert.infrastructure.queue.InMemoryQueueStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueueServiceTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    InMemoryQueueStore store;
    AdmissionMeter meter;
    QueueService queue;

    @BeforeEach
    void setUp() {
        store = new InMemoryQueueStore(Clock.fixed(NOW, ZoneOffset.UTC), new QueueSettings(10, 100, false),
                Duration.ofMinutes(10));
        meter = new AdmissionMeter();
        queue = new QueueService(store, meter, dev.concert.application.config.Settings.defaults(),
                new TokenSecret("a secret of thirty-two characters".getBytes()), lineOf(store), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** A view of the line that is read only when a test says so (it answers nobody before). */
    static LineView lineOf(QueueStore store) {
        return new LineView(store, Clock.fixed(NOW, ZoneOffset.UTC), dev.concert.application.config.Settings.defaults());
    }

    private static String user() {
        return UUID.randomUUID().toString();
    }

    /** Enters from an address of its own, clear of the per-address limit. */
    private QueueService.Entered enter(String user) {
        return queue.enter(user, "10.0.0." + UUID.randomUUID());
    }

    @Test
    void oneAddressMayAskThirtyTimesAMinuteAndIsThenToldWhenToComeBack() {
        for (int i = 0; i < 30; i++) {
            queue.enter(user(), "203.0.113.7");
        }
        String refused = user();
        assertThatThrownBy(() -> queue.enter(refused, "203.0.113.7"))
                .isInstanceOfSatisfying(TooManyRequests.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED);
                    assertThat(e.retryAfterSeconds()).isBetween(1L, 60L);
                });
        assertThat(store.figures().waiting()).as("the refused request changed nothing").isEqualTo(30);
        assertThat(queue.enter(refused, "198.51.100.1").created()).as("another address may").isTrue();
    }

    @Test
    void enteringTwiceGivesTheSameTokenTheSecondTimeNotNew() {
        String user = user();
        QueueService.Entered first = enter(user);
        QueueService.Entered again = enter(user);

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.view().token()).isEqualTo(first.view().token());
    }

    @Test
    void theEstimateUsesTheRateMeasuredByTheLastPass() {
        for (int i = 0; i < 99; i++) {
            enter(user());
        }
        String last = enter(user()).view().token();
        assertThat(queue.status(last).orElseThrow().estimatedWaitSeconds())
                .as("nothing measured, slots free: the configured 10/s").isEqualTo(10L);

        meter.record(new AdmissionResult(0, 0, 0, 0, 100, store.settings()));
        assertThat(queue.status(last).orElseThrow().estimatedWaitSeconds())
                .as("nothing measured, all 100 slots taken: they turn over every 600 s").isEqualTo(600L);

        meter.record(new AdmissionResult(0, 0, 20, 20, 100, store.settings()));   // measured 2/s

        assertThat(queue.status(last).orElseThrow().estimatedWaitSeconds()).isEqualTo(50L);
        assertThat(queue.status(last).orElseThrow().pollAfterSeconds()).isEqualTo(1);
    }

    @Test
    void whilePausedNoWaitIsPromised() {
        String token = enter(user()).view().token();
        meter.settingsChanged(new QueueSettings(10, 100, true));
        assertThat(queue.status(token).orElseThrow().estimatedWaitSeconds()).isNull();
    }

    @Test
    void anAdmittedUserIsActiveUntilTheTtl() {
        String token = enter(user()).view().token();
        store.admit();

        QueueView view = queue.status(token).orElseThrow();
        assertThat(view.status()).isEqualTo(QueueStatus.ACTIVE);
        assertThat(view.activeUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat(view.estimatedWaitSeconds()).isZero();
    }

    @Test
    void malformedTokensAreNeitherFoundNorRemoved() {
        assertThat(queue.status("not a token")).isEmpty();
        assertThat(queue.status(null)).isEmpty();
        assertThat(queue.leave("x")).isFalse();
    }

    @Test
    void anAdmittedTokenIsKeptActiveByTheTokenItselfAndAWaitingOrMalformedOneIsNot() {
        String token = enter(user()).view().token();
        assertThat(queue.keepActive(token, Duration.ofHours(1))).as("still waiting").isFalse();
        store.admit();

        assertThat(queue.keepActive(token, Duration.ofHours(1))).isTrue();

        assertThat(queue.status(token).orElseThrow().activeUntil()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(queue.keepActive("not a token", Duration.ofHours(1))).isFalse();
        assertThat(queue.keepActive(null, Duration.ofHours(1))).isFalse();
    }

    @Test
    void aUserWhoLeftIsGone() {
        String token = enter(user()).view().token();
        assertThat(queue.leave(token)).isTrue();
        assertThat(queue.status(token)).isEmpty();
    }

    @Test
    void statusesOfManyTokensLeaveOutTheGoneOnes() {
        String a = enter(user()).view().token();
        String b = enter(user()).view().token();
        queue.leave(a);
        assertThat(queue.statuses(List.of(a, b))).containsOnlyKeys(b);
    }

    @Test
    void newsIsANewStatusABetterPlaceOrANewEnd() {
        QueueView waiting5 = new QueueView("t", "u", QueueStatus.WAITING, 5, 10L, 1, null);
        QueueView waiting5LaterEstimate = new QueueView("t", "u", QueueStatus.WAITING, 5, 20L, 2, null);
        QueueView waiting3 = new QueueView("t", "u", QueueStatus.WAITING, 3, 6L, 1, null);
        QueueView active = new QueueView("t", "u", QueueStatus.ACTIVE, 0, 0L, 30, NOW);

        assertThat(waiting5LaterEstimate.isNewsSince(waiting5)).isFalse();
        assertThat(waiting3.isNewsSince(waiting5)).isTrue();
        assertThat(waiting5.isNewsSince(waiting3)).isFalse();
        assertThat(active.isNewsSince(waiting3)).isTrue();
        assertThat(waiting5.isNewsSince(null)).isTrue();
        assertThat(waiting5.visibleState()).isEqualTo(waiting5LaterEstimate.visibleState());
        assertThat(waiting3.visibleState()).isNotEqualTo(waiting5.visibleState());
    }

    @Test
    void oneUserMakesAtMostSixtyWritesAMinuteWhateverTheAddress() {
        String user = user();
        for (int i = 0; i < 60; i++) {
            queue.countWrite(user);
        }
        assertThatThrownBy(() -> queue.countWrite(user))
                .isInstanceOfSatisfying(TooManyRequests.class, e -> assertThat(e.retryAfterSeconds()).isBetween(1L, 60L));
        queue.countWrite(user()); // another user may
    }

    @Test
    void tokenRequestsAndWritesAreCountedApart() {
        String sameText = "203.0.113.9";
        for (int i = 0; i < 60; i++) {
            queue.countWrite(sameText);
        }
        assertThat(enter(user()).created()).isTrue();
        assertThat(queue.enter(user(), sameText).created()).as("a user id that looks like an address shares no count").isTrue();
    }

    @Test
    void theStoreKeepsTheTokensKeyNeverTheTokenAndAskingAgainGivesTheSameToken() {
        String user = user();
        String token = enter(user).view().token();

        assertThat(dev.concert.domain.queue.QueueToken.isWellFormed(token)).isTrue();
        assertThat(store.find(token)).as("the store knows no token").isEmpty();
        assertThat(store.find(dev.concert.domain.queue.QueueToken.key(token))).isPresent();
        assertThat(enter(user).view().token()).isEqualTo(token);
        assertThat(queue.status(token)).hasValueSatisfying(view -> assertThat(view.token()).isEqualTo(token));
        assertThat(queue.statuses(java.util.List.of(token))).containsKey(token);
        assertThat(queue.leave(token)).isTrue();
        assertThat(queue.status(token)).isEmpty();
    }

    @Test
    void anotherSecretMakesOtherTokens() {
        String user = user();
        String token = enter(user).view().token();
        QueueService elsewhere = new QueueService(store, meter, dev.concert.application.config.Settings.defaults(),
                new TokenSecret("another secret, thirty-two chars!".getBytes()), lineOf(store), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(elsewhere.enter(user, "10.1.1.1").view().token()).isNotEqualTo(token);
    }
}
