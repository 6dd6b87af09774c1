package dev.concert.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

    @Test
    void aKeyIsOneToAHundredVisibleAsciiCharacters() {
        assertThat(new IdempotencyKey("a").value()).isEqualTo("a");
        assertThat(new IdempotencyKey("x".repeat(100)).value()).hasSize(100);
        for (String bad : new String[] {"", "x".repeat(101), "with space", "tab\t", "한글", "\u0000"}) {
            assertThatThrownBy(() -> new IdempotencyKey(bad)).as(bad).isInstanceOf(DomainException.class)
                    .extracting(e -> ((DomainException) e).reason()).isEqualTo(Reason.VALIDATION_FAILED);
        }
    }

    @Test
    void noHeaderIsNoKey() {
        assertThat(IdempotencyKey.ofHeader(null)).isEmpty();
        assertThat(IdempotencyKey.ofHeader("k-1")).contains(new IdempotencyKey("k-1"));
    }

    @Test
    void fingerprintsTellRequestsApart() {
        assertThat(IdempotencyKey.fingerprint("charge", "100")).isEqualTo(IdempotencyKey.fingerprint("charge", "100"))
                .hasSize(64);
        assertThat(IdempotencyKey.fingerprint("charge", "100")).isNotEqualTo(IdempotencyKey.fingerprint("charge", "1000"));
        assertThat(IdempotencyKey.fingerprint("ab", "c")).isNotEqualTo(IdempotencyKey.fingerprint("a", "bc"));
    }
}
