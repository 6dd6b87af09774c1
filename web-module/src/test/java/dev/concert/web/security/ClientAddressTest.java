package dev.concert.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void withoutATrustedProxyTheConnectionsAddressCounts() {
        assertThat(ClientAddress.of("198.51.100.1", List.of("203.0.113.7"), false)).isEqualTo("198.51.100.1");
    }

    @Test
    void behindATrustedProxyTheAddressItAppendedCountsNotWhatTheClientWrote() {
        assertThat(ClientAddress.of("10.0.0.2", List.of("1.2.3.4, 203.0.113.7"), true)).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of("10.0.0.2", List.of("203.0.113.7"), true)).isEqualTo("203.0.113.7");
    }

    @Test
    void aProxyThatAddsAFieldOfItsOwnIsReadFromTheLastField() {
        assertThat(ClientAddress.of("10.0.0.2", List.of("6.6.6.6", "203.0.113.7"), true)).isEqualTo("203.0.113.7");
    }

    @Test
    void noForwardedHeaderFallsBackToTheConnection() {
        assertThat(ClientAddress.of("10.0.0.2", List.of(), true)).isEqualTo("10.0.0.2");
        assertThat(ClientAddress.of("10.0.0.2", List.of(" , "), true)).isEqualTo("10.0.0.2");
        assertThat(ClientAddress.of(null, null, false)).isEqualTo("unknown");
    }

    @Test
    void anIpv6ClientCountsByItsSlash64() {
        assertThat(ClientAddress.of("2001:db8:1234:5678:aaaa::1", List.of(), false))
                .isEqualTo(ClientAddress.of("2001:db8:1234:5678:ffff:1:2:3", List.of(), false))
                .isEqualTo("2001:db8:1234:5678::/64");
        assertThat(ClientAddress.of("2001:db8:1234:9999::1", List.of(), false)).isEqualTo("2001:db8:1234:9999::/64");
        assertThat(ClientAddress.of("10.0.0.2", List.of("[2001:db8::7]"), true)).isEqualTo("2001:db8:0:0::/64");
    }

    @Test
    void somethingThatIsNoAddressIsNeverLookedUp() {
        assertThat(ClientAddress.of("10.0.0.2", List.of("evil.example:80"), true)).isEqualTo("evil.example:80");
    }
}
