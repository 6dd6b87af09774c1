package dev.concert.infrastructure.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SystemClockTest {

    @Test
    void aRegionIsAZone() {
        assertThat(SystemClock.zone(" Asia/Seoul ")).isEqualTo(ZoneId.of("Asia/Seoul"));
    }

    @Test
    void anUnknownZoneIsAnInvalidConfigurationNamingTheSetting() {
        assertThatThrownBy(() -> SystemClock.zone("KST"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Invalid configuration: catalog.time-zone");
    }
}
