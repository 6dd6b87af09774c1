package dev.concert.web.health;

import dev.concert.infrastructure.queue.QueueStores;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the queue store answers: Redis when configured, else the in-process store (always). */
@Readiness
@ApplicationScoped
public class RedisReadiness implements HealthCheck {

    @Inject
    QueueStores stores;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("queue-store")
                .status(stores.redisAnswers())
                .withData("store", stores.usesRedis() ? "redis" : "in-process")
                .withData("via", stores.redisMode().orElse("none"))
                .build();
    }
}
