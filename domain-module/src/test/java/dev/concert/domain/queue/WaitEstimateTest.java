package dev.concert.domain.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WaitEstimateTest {

    static final QueueSettings RUNNING = new QueueSettings(100, 1000, false);
    static final int TTL = 600;

    /** No slot taken, nobody leaving: the line is admitted at the configured rate. */
    static WaitEstimate.Line freeSlots(double measured) {
        return new WaitEstimate.Line(measured, 0, 0, 100_000);
    }

    /** Every slot taken, turning over at the measured rate. */
    static WaitEstimate.Line fullSlots(double measured) {
        return new WaitEstimate.Line(measured, 1000, 0, 100_000);
    }

    @Test
    void withFreeSlotsTheWaitIsThePositionOverTheConfiguredRateRoundedUp() {
        assertThat(WaitEstimate.seconds(500, freeSlots(0), RUNNING, TTL)).isEqualTo(5L);
        assertThat(WaitEstimate.seconds(1, freeSlots(0), RUNNING, TTL)).isEqualTo(1L);
        assertThat(WaitEstimate.seconds(950, freeSlots(0), RUNNING, TTL)).isEqualTo(10L);
    }

    @Test
    void atTheStartOfASaleTheFewAdmissionsMeasuredSoFarDoNotSlowTheEstimate() {
        // 3 s into a sale at 100 a second: 300 admitted in the last 10 s reads as 30 a second
        assertThat(WaitEstimate.seconds(600, new WaitEstimate.Line(30, 300, 0, 5_000), RUNNING, TTL)).isEqualTo(6L);
    }

    @Test
    void withTheSlotsFullTheWaitGoesAtTheMeasuredTurnover() {
        assertThat(WaitEstimate.seconds(1234, fullSlots(100.0), RUNNING, TTL)).isEqualTo(13L);
        assertThat(WaitEstimate.seconds(1000, fullSlots(5.0), RUNNING, TTL)).isEqualTo(200L);
    }

    @Test
    void withNothingMeasuredAndTheSlotsFullTheyAreAssumedToTurnOverAtTheirTtl() {
        // 1000 slots of 600 s: 1.67 a second
        assertThat(WaitEstimate.seconds(500, fullSlots(0), RUNNING, TTL)).isEqualTo(300L);
        // never faster than the configured rate
        assertThat(WaitEstimate.seconds(500, new WaitEstimate.Line(0, 100_000, 0, 1000), new QueueSettings(1, 100_000, false),
                TTL)).isEqualTo(500L);
    }

    @Test
    void slotsThatFillOnTheWaySlowTheRestOfTheWait() {
        // 100 free slots at 100 a second: 1 s; the other 400 places then go at 1000 / 600 s, 240 s
        assertThat(WaitEstimate.seconds(500, new WaitEstimate.Line(0, 900, 0, 100_000), RUNNING, TTL)).isEqualTo(241L);
    }

    @Test
    void fansWhoLeaveAheadShortenTheWaitInProportion() {
        // 10,000 waiting, 10 leaving a second (0.1 % of each position a second), admitted at 10 a second
        WaitEstimate.Line leaving = new WaitEstimate.Line(10, 1000, 10, 10_000);
        // ln(1 + 0.001 * 1000 / 10) / 0.001 = 95.3 s rather than 100
        assertThat(WaitEstimate.seconds(1000, leaving, RUNNING, TTL)).isEqualTo(96L);
        assertThat(WaitEstimate.seconds(1000, fullSlots(10), RUNNING, TTL)).as("nobody leaving").isEqualTo(100L);
    }

    @Test
    void anActiveUserWaitsNoMore() {
        assertThat(WaitEstimate.seconds(0, freeSlots(0), RUNNING, TTL)).isZero();
    }

    @Test
    void whileNobodyIsAdmittedTheWaitCannotBeTold() {
        assertThat(WaitEstimate.seconds(10, freeSlots(50.0), new QueueSettings(100, 1000, true), TTL)).isNull();
        assertThat(WaitEstimate.seconds(10, freeSlots(0), new QueueSettings(0, 1000, false), TTL)).isNull();
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
