package dev.concert.domain.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class QueueTokenTest {

    static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void tokensAre256RandomBitsUrlSafe() {
        String token = QueueToken.next(RANDOM);
        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
        assertThat(token).doesNotContain(".");   // no JWT: nothing to decode
    }

    @Test
    void tokensDoNotRepeat() {
        var seen = new HashSet<String>();
        IntStream.range(0, 10_000).forEach(i -> assertThat(seen.add(QueueToken.next(RANDOM))).isTrue());
    }

    @Test
    void onlyWellFormedStringsAreAskedAbout() {
        assertThat(QueueToken.isWellFormed(QueueToken.next(RANDOM))).isTrue();
        assertThat(QueueToken.isWellFormed(null)).isFalse();
        assertThat(QueueToken.isWellFormed("short")).isFalse();
        assertThat(QueueToken.isWellFormed("a".repeat(42) + "=")).isFalse();
        assertThat(QueueToken.isWellFormed("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig")).isFalse();
    }

    @Test
    void ticketsAreConsistent() {
        assertThat(QueueTicket.waiting("t", "u", 3).isActive()).isFalse();
        assertThat(QueueTicket.active("t", "u", Instant.EPOCH).position()).isZero();
        assertThatThrownBy(() -> QueueTicket.waiting("t", "u", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueueTicket("t", "u", QueueStatus.ACTIVE, 2, Instant.EPOCH, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
