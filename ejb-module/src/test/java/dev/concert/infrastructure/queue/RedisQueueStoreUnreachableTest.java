package dev.concert.infrastructure.queue;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concert.domain.queue.QueueSettings;
import dev.concert.domain.queue.QueueStoreUnavailable;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/** Redis out of reach is one exception the fault-tolerance policy can count, whichever call met it. */
class RedisQueueStoreUnreachableTest {

    JedisPool pool;

    @AfterEach
    void close() {
        pool.close();
    }

    static int portNobodyListensOn() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void everyKindOfCallReportsTheStoreUnavailable() throws Exception {
        pool = new JedisPool(new JedisPoolConfig(), "127.0.0.1", portNobodyListensOn(), 500);
        RedisQueueStore store = new RedisQueueStore(pool, "t", new QueueSettings(10, 100, false), Duration.ofMinutes(10));

        assertThatThrownBy(() -> store.find("k")).isInstanceOf(QueueStoreUnavailable.class);
        assertThatThrownBy(() -> store.findAll(List.of("a", "b"))).isInstanceOf(QueueStoreUnavailable.class);
        assertThatThrownBy(store::settings).isInstanceOf(QueueStoreUnavailable.class);
        assertThatThrownBy(store::instances).isInstanceOf(QueueStoreUnavailable.class);
        assertThatThrownBy(() -> store.countRequest("issue:10.0.0.1")).isInstanceOf(QueueStoreUnavailable.class);
    }

    @Test
    void aPoolThatLendsNothingInTimeIsTheStoreUnavailableToo() throws Exception {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(0);   // nothing to lend: the wait runs out at once
        config.setMaxWait(Duration.ofMillis(10));
        pool = new JedisPool(config, "127.0.0.1", portNobodyListensOn(), 500);
        RedisQueueStore store = new RedisQueueStore(pool, "t", new QueueSettings(10, 100, false), Duration.ofMinutes(10));

        assertThatThrownBy(() -> store.find("k")).isInstanceOf(QueueStoreUnavailable.class)
                .hasMessageContaining("pool");
    }
}
