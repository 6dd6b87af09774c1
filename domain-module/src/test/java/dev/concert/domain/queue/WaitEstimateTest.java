package dev.concert.domain.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WaitEstimateTest {

    static final QueueSettings RUNNING = new QueueSettings(100, 1000, false);
    static final int TTL = 600;

    @Test
    void theWaitIsThePositionOverTheMeasuredRateRoundedUp() {
        assertThat(WaitEstimate.seconds(1234, 100.0, RUNNING, TTL, false)).isEqualTo(13L);
        assertThat(WaitEstimate.seconds(1234, 12.5, RUNNING, TTL, false)).isEqualTo(99L);
        assertThat(WaitEstimate.seconds(1, 100.0, RUNNING, TTL, false)).isEqualTo(1L);
    }

    @Test
    void aSlowerMeasuredRateMeansALongerWaitWhateverTheSetting() {
        assertThat(WaitEstimate.seconds(1000, 5.0, RUNNING, TTL, false)).isEqualTo(200L);
    }

    @Test
    void withNothingMeasuredAndFreeSlotsTheConfiguredRateIsUsed() {
        assertThat(WaitEstimate.seconds(500, 0.0, RUNNING, TTL, false)).isEqualTo(5L);
    }

    @Test
    void withNothingMeasuredAndTheSlotsFullTheyAreAssumedToTurnOverAtTheirTtl() {
        // 1000 slots of 600 s: 1.67 a second
        assertThat(WaitEstimate.seconds(500, 0.0, RUNNING, TTL, true)).isEqualTo(300L);
        // never faster than the configured rate
        assertThat(WaitEstimate.seconds(500, 0.0, new QueueSettings(1, 100_000, false), TTL, true)).isEqualTo(500L);
    }

    @Test
    void anActiveUserWaitsNoMore() {
        assertThat(WaitEstimate.seconds(0, 0.0, RUNNING, TTL, false)).isZero();
    }

    @Test
    void whileNobodyIsAdmittedTheWaitCannotBeTold() {
        assertThat(WaitEstimate.seconds(10, 50.0, new QueueSettings(100, 1000, true), TTL, false)).isNull();
        assertThat(WaitEstimate.seconds(10, 0.0, new QueueSettings(0, 1000, false), TTL, false)).isNull();
    }

    @Test
    void clientsNearTheFrontPollEverySecond() {
        assertThat(WaitEstimate.pollAfterSeconds(QueueStatus.WAITING, 1, 1L)).isEqualTo(1);
        assertThat(WaitEstimate.pollAfterSeconds(QueueStatus.WAITING, 300, 3L)).isEqualTo(1);
    }

    @Test
    void clientsFarBackPollAboutTenTimesBeforeTheirTurnAtMostEveryTenSeconds() {
        assertThat(WaitEstimate.pollAfterSeconds(QueueStatus.WAITING, 5_000, 50L)).isEqualTo(5);
        assertThat(WaitEstimate.pollAfterSeconds(QueueStatus.WAITING, 500_000, 5_000L)).isEqualTo(10);
        assertThat(WaitEstimate.pollAfterSeconds(QueueStatus.WAITING, 400, 4L)).isEqualTo(1);
        assertThat(WaitEstimate.pollAfterSeconds(QueueStatus.WAITING, 400, null)).isEqualTo(10);
    }

    @Test
    void activeClientsPollRarely() {
        assertThat(WaitEstimate.pollAfterSeconds(QueueStatus.ACTIVE, 0, 0L)).isEqualTo(30);
    }
}
