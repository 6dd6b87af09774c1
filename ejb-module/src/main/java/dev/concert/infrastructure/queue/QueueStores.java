package dev.concert.infrastructure.queue;

import dev.concert.domain.queue.QueueSettings;
import dev.concert.domain.queue.QueueStore;
import dev.concert.infrastructure.config.Settings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/**
 * Chooses the queue store: Redis when {@code REDIS_URL} is set (any number of instances), else
 * the in-process store (the embedded default: one instance). Owns the Jedis pool and closes it
 * when the application stops.
 */
@ApplicationScoped
public class QueueStores {

    private static final Logger LOG = Logger.getLogger(QueueStores.class.getName());

    @Inject
    @ConfigProperty(name = "redis.url")
    Optional<String> redisUrl;

    /** All keys of the queue start with it (see common.lua). */
    @Inject
    @ConfigProperty(name = "queue.redis.prefix", defaultValue = "{queue}")
    String prefix;

    @Inject
    @ConfigProperty(name = "redis.pool.max-total", defaultValue = "64")
    int maxTotal;

    @Inject
    Settings settings;

    @Inject
    Clock clock;

    private JedisPool pool;
    private QueueStore store;

    @Produces
    @ApplicationScoped
    QueueStore store() {
        return storeOnce();
    }

    private synchronized QueueStore storeOnce() {
        if (store == null) {
            QueueSettings defaults = new QueueSettings(settings.admitPerSecond(), settings.activeMax(), false);
            Duration ttl = Duration.ofSeconds(settings.activeTtlSeconds());
            Optional<String> url = configuredUrl();
            if (url.isPresent()) {
                pool = new JedisPool(poolConfig(), URI.create(url.get()), 2_000);
                store = new RedisQueueStore(pool, prefix, defaults, ttl);
                LOG.info(() -> "Queue store: Redis at " + URI.create(url.get()).getHost() + ", keys " + prefix + ":*");
            } else {
                store = new InMemoryQueueStore(clock, defaults, ttl);
                LOG.info("Queue store: in-process (no REDIS_URL): one instance only");
            }
        }
        return store;
    }

    /**
     * A pool big enough for the status fan-out and the request threads together, that fails fast
     * (2 s) when Redis is gone so that callers answer 503 instead of queueing up.
     */
    private JedisPoolConfig poolConfig() {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(maxTotal);
        config.setMaxIdle(maxTotal);
        config.setMinIdle(2);
        config.setMaxWait(Duration.ofSeconds(2));
        config.setTestWhileIdle(true);
        config.setJmxEnabled(false);
        return config;
    }

    /** Whether the configured Redis answers; true when there is none to ask. */
    public boolean redisAnswers() {
        storeOnce();
        if (pool == null) {
            return true;
        }
        try (Jedis jedis = pool.getResource()) {
            return "PONG".equals(jedis.ping());
        } catch (RuntimeException down) {
            return false;
        }
    }

    public boolean usesRedis() {
        return configuredUrl().isPresent();
    }

    private Optional<String> configuredUrl() {
        return redisUrl.filter(value -> !value.isBlank());
    }

    @PreDestroy
    synchronized void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
