package dev.concert.application.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void theContractDefaultsAreValid() {
        Settings settings = Settings.defaults();
        assertThat(settings.holdSeconds()).isEqualTo(300);
        assertThat(settings.activeMax()).isEqualTo(1000);
        assertThat(settings.admitPerSecond()).isEqualTo(100);
        assertThat(settings.activeTtlSeconds()).isEqualTo(600);
        assertThat(settings.maxCharge()).isEqualTo(10_000_000L);
        assertThat(settings.authMode()).isEqualTo(Settings.AuthMode.TRUST);
        assertThat(settings.adminApiKey()).isEmpty();
    }

    @Test
    void everyWrongValueIsNamed() {
        assertThatThrownBy(() -> new Settings(0, -1, -5, 600, 1, Optional.empty(), "ldap", 30))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reservation.hold-seconds")
                .hasMessageContaining("queue.active.max")
                .hasMessageContaining("queue.admit.per-second")
                .hasMessageContaining("auth.mode");
    }

    @Test
    void queueDefaultsBeyondWhatOperatorsMaySetAreRefusedAtDeploymentNotAtTheFirstRequest() {
        assertThatThrownBy(() -> new Settings(300, 10_000_001, 100_001, 600, 1, Optional.empty(), "trust", 30))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("queue.active.max must be 1..10000000, was 10000001")
                .hasMessageContaining("queue.admit.per-second must be 0 (admit nobody)..100000, was 100001");
        assertThat(new Settings(300, 10_000_000, 100_000, 600, 1, Optional.empty(), "trust", 30).activeMax())
                .isEqualTo(10_000_000);
    }

    @Test
    void zeroAdmissionsPerSecondIsAllowedAndABlankAdminKeyIsNoKey() {
        Settings settings = new Settings(300, 10, 0, 60, 1, Optional.of("  "), " Trust ", 1);
        assertThat(settings.admitPerSecond()).isZero();
        assertThat(settings.adminApiKey()).isEmpty();
        assertThat(settings.authMode()).isEqualTo(Settings.AuthMode.TRUST);
    }

    @Test
    void jwtModeWithoutItsIssuerAndKeyIsRefusedRatherThanSilentlyTrusting() {
        assertThatThrownBy(() -> new Settings(300, 10, 1, 60, 1, Optional.empty(), "jwt", 1))
                .hasMessageContaining("auth.mode=jwt needs mp.jwt.verify.issuer");
    }

    @Test
    void idleTimesDefaultToTwoMinutesAndMustOutlastThreeOfTheLongestAdvisedPolls() {
        Settings defaults = Settings.defaults();
        assertThat(defaults.waitingIdleSeconds()).isEqualTo(120);
        assertThat(defaults.activeIdleSeconds()).isEqualTo(120);
        assertThat(defaults.presence().writeEvery()).isEqualTo(java.time.Duration.ofMinutes(1));
        assertThatThrownBy(() -> defaults.withIdleSeconds(29, 89))
                .hasMessageContaining("queue.waiting.idle-seconds must be at least 30 (3 x the longest pollAfterSeconds of a waiting fan), was 29")
                .hasMessageContaining("queue.active.idle-seconds must be at least 90 (3 x the longest pollAfterSeconds of an active fan), was 89");
        Settings shortest = defaults.withIdleSeconds(30, 90);
        assertThat(shortest.presence().waitingIdle()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(shortest.presence().writeEvery()).as("half the shorter idle time").isEqualTo(java.time.Duration.ofSeconds(15));
    }

    @Test
    void streamCapsDefaultToASecondTabAndANatAndMustBePositive() {
        Settings defaults = Settings.defaults();
        assertThat(defaults.streamsPerToken()).isEqualTo(2);
        assertThat(defaults.streamsPerClient()).isEqualTo(200);
        assertThatThrownBy(() -> defaults.withStreamCaps(0, -1))
                .hasMessageContaining("ratelimit.streams.per-token must be positive, was 0")
                .hasMessageContaining("ratelimit.streams.per-client must be positive, was -1");
        Settings capped = defaults.withStreamCaps(1, 3);
        assertThat(capped.withIdleSeconds(60, 120).streamsPerClient()).as("kept by the other copies").isEqualTo(3);
        assertThat(capped.streamsPerToken()).isEqualTo(1);
    }
}
