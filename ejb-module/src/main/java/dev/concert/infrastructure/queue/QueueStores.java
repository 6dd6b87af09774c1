package dev.concert.infrastructure.queue;

import dev.concert.domain.queue.Presence;
import dev.concert.domain.queue.QueueSettings;
import dev.concert.domain.queue.QueueStore;
import dev.concert.domain.queue.QueueStoreUnavailable;
import dev.concert.application.config.Settings;
import dev.concert.application.queue.QueueStoreHealth;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.JedisSentinelPool;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.Pool;

/**
 * Chooses the queue store: Redis when {@code REDIS_URL} is set, or Redis behind Sentinel when
 * {@code REDIS_SENTINELS} and {@code REDIS_MASTER_NAME} are (any number of instances), else the
 * in-process store (the embedded default: one instance). Owns the Jedis pool and closes it when the
 * application stops. Behind Sentinel the pool follows the master through a failover by itself; until
 * it has, requests are refused as the store being unavailable (503), never answered by an old master.
 */
@ApplicationScoped
public class QueueStores implements QueueStoreHealth {

    private static final Logger LOG = Logger.getLogger(QueueStores.class.getName());

    @Inject
    @ConfigProperty(name = "redis.url")
    Optional<String> redisUrl;

    /** {@code REDIS_SENTINELS}: host:port,host:port,... of the sentinels. */
    @Inject
    @ConfigProperty(name = "redis.sentinels")
    Optional<String> sentinels;

    /** {@code REDIS_MASTER_NAME}: the master's name in the sentinels' configuration. */
    @Inject
    @ConfigProperty(name = "redis.master-name")
    Optional<String> masterName;

    /** {@code REDIS_PASSWORD}: the master's (and its replicas') password behind Sentinel; with REDIS_URL it is in the URL. */
    @Inject
    @ConfigProperty(name = "redis.password")
    Optional<String> password;

    /**
     * {@code REDIS_WAIT_REPLICAS}: replicas that must have a new place before its issue is answered
     * (Redis {@code WAIT}); default 1 behind Sentinel, 0 with one Redis.
     */
    @Inject
    @ConfigProperty(name = "redis.wait-replicas")
    Optional<Integer> waitReplicas;

    /** {@code REDIS_WAIT_TIMEOUT_MILLIS}: how long an issue waits for them before it is refused (503). */
    @Inject
    @ConfigProperty(name = "redis.wait-timeout-millis", defaultValue = "200")
    int waitTimeoutMillis;

    /** {@code REDIS_SENTINEL_PASSWORD}: the sentinels' own password, when they have one. */
    @Inject
    @ConfigProperty(name = "redis.sentinel-password")
    Optional<String> sentinelPassword;

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

    private Pool<Jedis> pool;
    private QueueStore store;

    /** Connect and read timeouts: Redis answers in microseconds; waiting longer only queues requests up. */
    private static final int TIMEOUT_MILLIS = 2_000;

    @Produces
    @ApplicationScoped
    QueueStore store() {
        return storeOnce();
    }

    private synchronized QueueStore storeOnce() {
        if (store == null) {
            QueueSettings defaults = new QueueSettings(settings.admitPerSecond(), settings.activeMax(), false);
            Duration ttl = Duration.ofSeconds(settings.activeTtlSeconds());
            Presence presence = settings.presence();
            RedisTarget target = target();
            if (target instanceof RedisTarget.Server server) {
                pool = new JedisPool(poolConfig(), server.url(), TIMEOUT_MILLIS);
                store = new RedisQueueStore(pool, prefix, defaults, ttl, acks(0), presence);
                LOG.info(() -> "Queue store: Redis at " + server.url().getHost() + ", keys " + prefix + ":*");
            } else if (target instanceof RedisTarget.Sentinel sentinel) {
                pool = sentinelPool(sentinel);
                RedisQueueStore.ReplicaAcks acks = acks(1);
                store = new RedisQueueStore(pool, prefix, defaults, ttl, acks, presence);
                LOG.info(() -> "Queue store: Redis master '" + sentinel.masterName() + "' through the sentinels "
                        + sentinel.sentinels() + ", keys " + prefix + ":*; a place is answered once " + acks.replicas()
                        + " replica(s) have it (WAIT, " + acks.timeout().toMillis() + " ms)");
            } else {
                store = new InMemoryQueueStore(clock, defaults, ttl, presence);
                LOG.info("Queue store: in-process (no REDIS_URL or REDIS_SENTINELS): one instance only");
            }
        }
        return store;
    }

    private RedisQueueStore.ReplicaAcks acks(int byDefault) {
        int replicas = waitReplicas.orElse(byDefault);
        if (replicas < 0 || waitTimeoutMillis < 1) {
            throw new IllegalStateException("Invalid configuration: redis.wait-replicas must be 0 or more and "
                    + "redis.wait-timeout-millis 1 or more");
        }
        return replicas == 0 ? RedisQueueStore.ReplicaAcks.NONE
                : new RedisQueueStore.ReplicaAcks(replicas, Duration.ofMillis(waitTimeoutMillis));
    }

    /**
     * A pool on the master the sentinels name, that moves to the new master when they fail over. The
     * sentinels must answer when the pool is made; until they do the store is unavailable (503) and the
     * next request tries again.
     */
    private Pool<Jedis> sentinelPool(RedisTarget.Sentinel sentinel) {
        return sentinelPool(sentinel, password, sentinelPassword, poolConfig());
    }

    /** The pool behind Sentinel, as the application makes it (the failover test makes it the same way). */
    static Pool<Jedis> sentinelPool(RedisTarget.Sentinel sentinel, Optional<String> password,
                                    Optional<String> sentinelPassword, JedisPoolConfig poolConfig) {
        JedisClientConfig master = DefaultJedisClientConfig.builder().connectionTimeoutMillis(TIMEOUT_MILLIS)
                .socketTimeoutMillis(TIMEOUT_MILLIS).password(password.filter(p -> !p.isEmpty()).orElse(null)).build();
        JedisClientConfig sentinels = DefaultJedisClientConfig.builder().connectionTimeoutMillis(TIMEOUT_MILLIS)
                .socketTimeoutMillis(TIMEOUT_MILLIS).password(sentinelPassword.filter(p -> !p.isEmpty()).orElse(null))
                .build();
        try {
            return new JedisSentinelPool(sentinel.masterName(), sentinel.sentinels(), poolConfig, master, sentinels);
        } catch (JedisException noSentinelAnswers) {
            throw new QueueStoreUnavailable("No sentinel names the master '" + sentinel.masterName() + "'", noSentinelAnswers);
        }
    }

    /**
     * A pool big enough for the status fan-out and the request threads together, that fails fast
     * (2 s) when Redis is gone so that callers answer 503 instead of queueing up.
     */
    private JedisPoolConfig poolConfig() {
        return poolConfig(maxTotal);
    }

    static JedisPoolConfig poolConfig(int maxTotal) {
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
    @Override
    public boolean answers() {
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

    @Override
    public boolean shared() {
        return !(target() instanceof RedisTarget.None);
    }

    /** How Redis is reached: "sentinel" or "url"; empty for the in-process store. */
    @Override
    public Optional<String> via() {
        RedisTarget target = target();
        return target instanceof RedisTarget.Sentinel ? Optional.of("sentinel")
                : target instanceof RedisTarget.Server ? Optional.of("url") : Optional.empty();
    }

    /**
     * The configured target; checked at deployment.
     *
     * @throws IllegalStateException when REDIS_URL, REDIS_SENTINELS and REDIS_MASTER_NAME do not make one target
     */
    public RedisTarget target() {
        return RedisTarget.of(redisUrl, sentinels, masterName);
    }

    /** Fails the deployment on Redis settings that do not make one target, before the first request. */
    void check(@Observes @Initialized(ApplicationScoped.class) Object started) {
        RedisTarget target = target();
        acks(0);
        LOG.info(() -> "Queue store settings: " + (target instanceof RedisTarget.None ? "in-process" : target));
    }

    @PreDestroy
    synchronized void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
