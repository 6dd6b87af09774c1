package dev.concert.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void withoutATrustedProxyTheConnectionsAddressCounts() {
        assertThat(ClientAddress.of("198.51.100.1", "203.0.113.7", false)).isEqualTo("198.51.100.1");
    }

    @Test
    void behindATrustedProxyTheAddressItAppendedCountsNotWhatTheClientWrote() {
        assertThat(ClientAddress.of("10.0.0.2", "1.2.3.4, 203.0.113.7", true)).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of("10.0.0.2", "203.0.113.7", true)).isEqualTo("203.0.113.7");
    }

    @Test
    void noForwardedHeaderFallsBackToTheConnection() {
        assertThat(ClientAddress.of("10.0.0.2", null, true)).isEqualTo("10.0.0.2");
        assertThat(ClientAddress.of("10.0.0.2", " , ", true)).isEqualTo("10.0.0.2");
        assertThat(ClientAddress.of(null, null, false)).isEqualTo("unknown");
    }
}
