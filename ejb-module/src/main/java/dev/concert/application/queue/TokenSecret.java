package dev.concert.application.queue;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The secret queue tokens are made with ({@code queue.token-secret}, at least 32 characters; a
 * Payara password alias of that name works too). Every instance sharing a Redis must have the same
 * one, and Redis must not: a copy of Redis then yields no usable token. With the in-process store
 * (one instance) and no secret set, a random one lives as long as the instance, like its queue.
 */
@ApplicationScoped
public class TokenSecret {

    static final int MIN_LENGTH = 32;

    @Inject
    @ConfigProperty(name = "queue.token-secret")
    Optional<String> configured;

    @Inject
    QueueStoreHealth store;

    private byte[] secret;

    public TokenSecret() {
    }

    /** For tests and tools. */
    public TokenSecret(byte[] secret) {
        this.secret = secret.clone();
    }

    @PostConstruct
    void read() {
        Optional<String> value = configured.filter(v -> !v.isBlank());
        if (value.isPresent()) {
            if (value.get().length() < MIN_LENGTH || value.get().toLowerCase(java.util.Locale.ROOT).contains("change-me")) {
                throw new IllegalStateException("Invalid configuration: queue.token-secret must be at least "
                        + MIN_LENGTH + " random characters, not a placeholder");
            }
            secret = value.get().getBytes(StandardCharsets.UTF_8);
        } else if (store.shared()) {
            throw new IllegalStateException("Invalid configuration: queue.token-secret (QUEUE_TOKEN_SECRET) must be set, "
                    + "the same on every instance, when Redis is shared (REDIS_URL, or REDIS_SENTINELS and REDIS_MASTER_NAME)");
        } else {
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
        }
    }

    /** Made when the application starts, so that a missing or short secret fails the deployment, not the first token. */
    void readAtDeployment(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // observing made this bean, and read() ran
    }

    byte[] bytes() {
        return secret;
    }
}
