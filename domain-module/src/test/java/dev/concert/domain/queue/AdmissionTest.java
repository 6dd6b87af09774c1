package dev.concert.domain.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdmissionTest {

    static final QueueSettings RUNNING = new QueueSettings(100, 1000, false);

    @Test
    void admitsUpToTheRateWhenSlotsAreFree() {
        assertThat(Admission.admissible(new QueueSettings(100, 1000, false), 0, 0)).isEqualTo(100);
    }

    @Test
    void theFreeSlotsCapTheBatch() {
        assertThat(Admission.admissible(new QueueSettings(100, 1000, false), 950, 0)).isEqualTo(50);
        assertThat(Admission.admissible(new QueueSettings(100, 1000, false), 1000, 0)).isZero();
    }

    @Test
    void passesOfOneSecondShareItsBudget() {
        assertThat(Admission.admissible(new QueueSettings(100, 1000, false), 0, 70)).isEqualTo(30);
        assertThat(Admission.admissible(new QueueSettings(100, 1000, false), 0, 100)).isZero();
    }

    @Test
    void neverNegativeEvenWhenOperatorsLoweredTheLimits() {
        assertThat(Admission.admissible(new QueueSettings(10, 5, false), 800, 90)).isZero();
    }

    @Test
    void pausedAdmitsNobody() {
        assertThat(Admission.admissible(new QueueSettings(100, 1000, true), 0, 0)).isZero();
    }

    @Test
    void settingsOutOfRangeAreRefusedAndChangesKeepWhatIsNotGiven() {
        assertThatThrownBy(() -> new QueueSettings(-1, 10, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueueSettings(1, 0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new QueueSettings(1, 2, false).with(null, 7, true)).isEqualTo(new QueueSettings(1, 7, true));
    }

    @Test
    void theMeasuredRatePrefersTheLastTenSeconds() {
        assertThat(new AdmissionResult(0, 0, 500, 600, 0, RUNNING).measuredRatePerSecond()).isEqualTo(50.0);
        assertThat(new AdmissionResult(0, 0, 0, 120, 0, RUNNING).measuredRatePerSecond()).isEqualTo(2.0);
        assertThat(new AdmissionResult(0, 0, 0, 0, 0, RUNNING).measuredRatePerSecond()).isZero();
    }

    @Test
    void aPassThatLeftEverySlotTakenSaysSo() {
        assertThat(new AdmissionResult(0, 0, 0, 0, 1000, RUNNING).slotsFull()).isTrue();
        assertThat(new AdmissionResult(0, 0, 0, 0, 999, RUNNING).slotsFull()).isFalse();
    }
}
