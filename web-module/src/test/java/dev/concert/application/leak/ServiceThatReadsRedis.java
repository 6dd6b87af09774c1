package dev.concert.application.leak;

import dev.concert.infrastructure.queue.QueueStores;

/** An application class that reaches into the infrastructure: what DependencyDirectionTest must refuse. */
public class ServiceThatReadsRedis {

    public boolean redisAnswers(QueueStores stores) {
        return stores.answers();
    }
}
