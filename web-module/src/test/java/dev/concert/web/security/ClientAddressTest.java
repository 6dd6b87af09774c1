package dev.concert.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    static final TrustedProxies BALANCER = TrustedProxies.of("10.0.0.0/8, 127.0.0.1, fd00::/8");

    @Test
    void aClientThatIsNoTrustedProxyIsCountedByItsOwnAddressWhateverItsHeaderSays() {
        assertThat(ClientAddress.of("198.51.100.1", List.of("203.0.113.7"), BALANCER)).isEqualTo("198.51.100.1");
        assertThat(ClientAddress.of("198.51.100.1", List.of("203.0.113.7"), TrustedProxies.none())).isEqualTo("198.51.100.1");
    }

    @Test
    void behindTheBalancerTheRightmostAddressItDidNotAddItselfCounts() {
        assertThat(ClientAddress.of("10.0.0.2", List.of("1.2.3.4, 203.0.113.7"), BALANCER)).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of("10.0.0.2", List.of("203.0.113.7"), BALANCER)).isEqualTo("203.0.113.7");
        // two of our proxies in a row: both skipped
        assertThat(ClientAddress.of("10.0.0.2", List.of("6.6.6.6, 203.0.113.7, 10.1.2.3"), BALANCER)).isEqualTo("203.0.113.7");
    }

    @Test
    void aForgedFieldBeforeOursIsIgnored() {
        assertThat(ClientAddress.of("10.0.0.2", List.of("6.6.6.6", "203.0.113.7"), BALANCER)).isEqualTo("203.0.113.7");
    }

    @Test
    void withNothingUsableTheProxyItselfCounts() {
        assertThat(ClientAddress.of("10.0.0.2", List.of(), BALANCER)).isEqualTo("10.0.0.2");
        assertThat(ClientAddress.of("10.0.0.2", List.of(" , "), BALANCER)).isEqualTo("10.0.0.2");
        assertThat(ClientAddress.of(null, null, BALANCER)).isEqualTo("unknown");
    }

    @Test
    void anIpv6ClientCountsByItsSlash64() {
        assertThat(ClientAddress.of("2001:db8:1234:5678:aaaa::1", List.of(), BALANCER))
                .isEqualTo(ClientAddress.of("2001:db8:1234:5678:ffff:1:2:3", List.of(), BALANCER))
                .isEqualTo("2001:db8:1234:5678::/64");
        assertThat(ClientAddress.of("fd00::1", List.of("2001:db8:1234:9999::1"), BALANCER)).isEqualTo("2001:db8:1234:9999::/64");
    }

    @Test
    void trustedProxiesAreAddressesOrCidrBlocksNeverNames() {
        TrustedProxies proxies = TrustedProxies.of("192.168.1.0/24,::1");
        assertThat(proxies.contains("192.168.1.77")).isTrue();
        assertThat(proxies.contains("192.168.2.1")).isFalse();
        assertThat(proxies.contains("::1")).isTrue();
        assertThat(proxies.contains("localhost")).isFalse();
        assertThat(TrustedProxies.literal("dead.beef")).as("a host name that looks like hex").isEmpty();
        assertThat(TrustedProxies.literal("127.1")).as("legacy short forms are not addresses here").isEmpty();
        assertThat(TrustedProxies.of("10.0.0.0/12").contains("10.15.255.255")).isTrue();
        assertThat(TrustedProxies.of("10.0.0.0/12").contains("10.16.0.0")).isFalse();
        assertThat(TrustedProxies.of("").isEmpty()).isTrue();
        for (String bad : new String[] {"proxy.example", "10.0.0.0/33", "10.0.0.0/x", "::/129"}) {
            assertThatThrownBy(() -> TrustedProxies.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ratelimit.trusted-proxies");
        }
    }
}
