package dev.concert.web.health;

import dev.concert.application.queue.QueueStoreHealth;
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
    QueueStoreHealth store;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("queue-store")
                .status(store.answers())
                .withData("store", store.shared() ? "redis" : "in-process")
                .withData("via", store.via().orElse("none"))
                .build();
    }
}
