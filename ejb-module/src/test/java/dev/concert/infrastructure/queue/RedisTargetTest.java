package dev.concert.infrastructure.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.exceptions.JedisDataException;

class RedisTargetTest {

    static RedisTarget of(String url, String sentinels, String master) {
        return RedisTarget.of(Optional.ofNullable(url), Optional.ofNullable(sentinels), Optional.ofNullable(master));
    }

    @Test
    void nothingSetIsTheInProcessStore() {
        assertThat(of(null, null, null)).isInstanceOf(RedisTarget.None.class);
        assertThat(of(" ", "", " ")).as("blank is unset").isInstanceOf(RedisTarget.None.class);
    }

    @Test
    void aUrlIsOneServerAndItsPasswordStaysOutOfTheLog() {
        RedisTarget target = of("redis://:s3cret@redis.example:6380", null, null);
        assertThat(target).isInstanceOf(RedisTarget.Server.class);
        assertThat(target.toString()).isEqualTo("Redis at redis.example:6380").doesNotContain("s3cret");
    }

    @Test
    void sentinelsAndAMasterNameAreRedisBehindSentinel() {
        RedisTarget target = of(null, "10.0.0.1:26379, 10.0.0.2:26379,sentinel-3:26380", "queue");
        assertThat(target).isEqualTo(new RedisTarget.Sentinel("queue", Set.of(new HostAndPort("10.0.0.1", 26379),
                new HostAndPort("10.0.0.2", 26379), new HostAndPort("sentinel-3", 26380))));
    }

    @Test
    void bothAtOnceOrSentinelHalfSetFailsTheDeploymentWithAMessage() {
        assertThatThrownBy(() -> of("redis://r:6379", "s:26379", "queue"))
                .hasMessageContaining("either REDIS_URL").hasMessageContaining("not both");
        assertThatThrownBy(() -> of(null, "s:26379", null)).hasMessageContaining("REDIS_MASTER_NAME go together");
        assertThatThrownBy(() -> of(null, null, "queue")).hasMessageContaining("REDIS_MASTER_NAME go together");
        assertThatThrownBy(() -> of(null, "s", "queue")).hasMessageContaining("has no port");
        assertThatThrownBy(() -> of(null, "s:0", "queue")).hasMessageContaining("between 1 and 65535");
        assertThatThrownBy(() -> of("localhost:6379", null, null)).hasMessageContaining("redis://host:port");
    }

    @Test
    void theErrorRepliesOfAFailoverAreTheStoreBeingUnavailableOthersAreBugs() {
        for (String reply : new String[] {"READONLY You can't write against a read only replica.",
            "LOADING Redis is loading the dataset in memory", "MASTERDOWN Link with MASTER is down",
            "TRYAGAIN", "NOREPLICAS Not enough good replicas to write."}) {
            assertThat(RedisQueueStore.duringFailover(new JedisDataException(reply))).as(reply).isTrue();
        }
        assertThat(RedisQueueStore.duringFailover(new JedisDataException("ERR wrong number of arguments"))).isFalse();
        assertThat(RedisQueueStore.duringFailover(new JedisDataException((String) null))).isFalse();
    }
}
