package dev.concert.application.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenSecretTest {

    private static TokenSecret read(String configured, boolean redis) {
        TokenSecret secret = new TokenSecret();
        secret.configured = Optional.ofNullable(configured);
        secret.store = mock(QueueStoreHealth.class);
        when(secret.store.shared()).thenReturn(redis);
        secret.read();
        return secret;
    }

    @Test
    void aConfiguredSecretIsUsedAsGiven() {
        assertThat(read("x".repeat(32), true).bytes()).hasSize(32);
    }

    @Test
    void withRedisEveryInstanceMustShareAConfiguredSecret() {
        assertThatThrownBy(() -> read(null, true)).hasMessageContaining("queue.token-secret");
        assertThatThrownBy(() -> read("  ", true)).hasMessageContaining("QUEUE_TOKEN_SECRET");
    }

    @Test
    void shortSecretsAndPlaceholdersAreRefused() {
        assertThatThrownBy(() -> read("too short", false)).hasMessageContaining("at least 32");
        assertThatThrownBy(() -> read("change-me-to-32-or-more-random-characters", true)).hasMessageContaining("placeholder");
    }

    @Test
    void theInProcessStoreMakesItsOwnRandomSecret() {
        assertThat(read(null, false).bytes()).hasSize(32).isNotEqualTo(read(null, false).bytes());
    }
}
