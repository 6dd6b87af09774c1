package dev.concert.infrastructure.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concert.domain.queue.Issued;
import dev.concert.domain.queue.Presence;
import dev.concert.domain.queue.QueueSettings;
import dev.concert.domain.queue.QueueStatus;
import dev.concert.domain.queue.QueueStore;
import dev.concert.domain.queue.QueueTicket;
import dev.concert.domain.queue.QueueToken;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.params.ScanParams;

/**
 * The store contract, and the claims only a shared store can make, on a real Redis: {@code REDIS_URL}
 * when set (this machine and CI), else a Testcontainers Redis when Docker answers, else skipped.
 * Each test has a prefix of its own and deletes its keys afterwards.
 */
class RedisQueueStoreIT extends QueueStoreContract {

    static GenericContainer<?> container;
    static URI redis;
    /** Two pools stand for two server instances. */
    static JedisPool instanceA;
    static JedisPool instanceB;
    String prefix;

    @BeforeAll
    static void redis() {
        String url = System.getenv("REDIS_URL");
        if (url == null || url.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI must provide REDIS_URL: the Redis store would go untested");
            }
            Assumptions.assumeTrue(dockerAvailable(), "neither REDIS_URL nor a Docker engine: no Redis to test on");
            container = new GenericContainer<>("redis:7").withExposedPorts(6379);
            container.start();
            url = "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
        }
        redis = URI.create(url);
        instanceA = new JedisPool(redis);
        instanceB = new JedisPool(redis);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @AfterAll
    static void close() {
        if (instanceA != null) {
            instanceA.close();
            instanceB.close();
        }
        if (container != null) {
            container.stop();
        }
    }

    @Override
    QueueStore newStore(Duration ttl, Presence presence) {
        prefix = "{test-" + UUID.randomUUID() + "}";
        return new RedisQueueStore(instanceA, prefix, DEFAULTS, ttl, RedisQueueStore.ReplicaAcks.NONE, presence);
    }

    private QueueStore store(JedisPool pool) {
        return new RedisQueueStore(pool, prefix, DEFAULTS, TTL);
    }

    @AfterEach
    void deleteKeys() {
        try (Jedis jedis = instanceA.getResource()) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                var page = jedis.scan(cursor, new ScanParams().match(prefix + "*").count(1000));
                if (!page.getResult().isEmpty()) {
                    jedis.del(page.getResult().toArray(String[]::new));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
    }

    @Override
    void pass(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    @Override
    long second() {
        try (Jedis jedis = instanceA.getResource()) {
            return Long.parseLong(jedis.time().get(0));
        }
    }

    @Test
    void aStoreWithoutTheLinesBitsBuildsThemFromTheWaitingSetOnce() {
        store.line();
        List<Issued> issued = aLineThatChanged();
        try (Jedis jedis = instanceA.getResource()) {
            jedis.del(prefix + ":wbase", prefix + ":wbits");   // as a store of the version before them
        }

        assertSnapshotAgrees(store.line(), issued, 34);
        Issued next = issue(user());
        assertThat(store.line().position(next.ticket().arrival())).as("and kept from then on").isEqualTo(35);
    }

    @Test
    void twoThousandTokensFromThirtyTwoThreadsGetPositionsOneToTwoThousandInIssueOrder() throws Exception {
        int users = 2000;
        ExecutorService threads = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        var order = new ConcurrentLinkedQueue<QueueTicket>();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                done.add(threads.submit(() -> {
                    start.await();
                    order.add(issue(user()).ticket());
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdown();
        }

        List<Long> positions = order.stream().map(QueueTicket::position).sorted().toList();
        assertThat(positions).containsExactlyElementsOf(LongStream.rangeClosed(1, users).boxed().toList());
        // positions now are the order of first issue, as each issue saw it
        assertThat(order).allSatisfy(issued ->
                assertThat(store.find(issued.token()).orElseThrow().position()).isEqualTo(issued.position()));
    }

    @Test
    void concurrentPassesOfTwoInstancesNeverExceedTheCap() throws Exception {
        QueueStore a = store(instanceA);
        QueueStore b = store(instanceB);
        a.updateSettings(1000, 50, false);
        line(300);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Long>> passes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            QueueStore instance = i % 2 == 0 ? a : b;
            passes.add(() -> {
                start.await();
                return instance.admit().admitted();
            });
        }
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (Callable<Long> pass : passes) {
                results.add(threads.submit(pass));
            }
            start.countDown();
            long admitted = 0;
            for (Future<Long> result : results) {
                admitted += result.get();
            }
            assertThat(admitted).isEqualTo(50);
            assertThat(b.figures().active()).isEqualTo(50);
            assertThat(a.figures().waiting()).isEqualTo(250);
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void concurrentPassesInOneSecondAdmitNoMoreThanTheRate() throws Exception {
        QueueStore a = store(instanceA);
        QueueStore b = store(instanceB);
        a.updateSettings(20, 100_000, false);
        line(200);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            long first = second();
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                QueueStore instance = i % 2 == 0 ? a : b;
                results.add(threads.submit(() -> instance.admit().admitted()));
            }
            long admitted = 0;
            for (Future<Long> result : results) {
                admitted += result.get();
            }
            long seconds = second() - first + 1;   // the seconds of Redis's clock the passes ran in
            // each second's budget is 20, and 200 wait
            if (seconds == 1) {
                assertThat(admitted).as("admitted in one second of Redis's clock").isEqualTo(20);
            } else {
                assertThat(admitted).as("admitted in %d seconds of Redis's clock", seconds).isBetween(20L, 20 * seconds);
            }
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void aUserAdmittedByOneInstanceIsActiveOnAnother() {
        QueueStore a = store(instanceA);
        QueueStore b = store(instanceB);
        String token = a.issue(user(), QueueToken.next(RANDOM), QueueToken.ticketId(RANDOM)).ticket().token();

        a.admit();

        QueueTicket seenByB = b.find(token).orElseThrow();
        assertThat(seenByB.status()).isEqualTo(QueueStatus.ACTIVE);
        assertThat(seenByB.activeUntil()).isEqualTo(a.find(token).orElseThrow().activeUntil());
    }

    @Test
    void settingsSetOnOneInstanceHoldOnAnother() {
        store(instanceA).updateSettings(3, 30, true);
        assertThat(store(instanceB).settings()).isEqualTo(new QueueSettings(3, 30, true));
    }

    @Test
    void scriptsForgottenByRedisAreLoadedAgain() {
        String token = line(1).get(0);
        flushScripts();
        assertThat(store.findAll(List.of(token))).as("pipelined").containsKey(token);
        flushScripts();
        assertThat(store.find(token)).isPresent();
        flushScripts();
        assertThat(store.admit().admitted()).isEqualTo(1);
    }

    private static void flushScripts() {
        try (Jedis jedis = instanceA.getResource()) {
            jedis.scriptFlush();
        }
    }

    @Test
    void aSettingNeverSetFollowsTheConfiguredDefault() {
        store(instanceA).updateSettings(null, null, true);
        QueueStore restartedWithOtherDefaults = new RedisQueueStore(instanceB, prefix, new QueueSettings(7, 700, false), TTL);
        assertThat(restartedWithOtherDefaults.settings()).isEqualTo(new QueueSettings(7, 700, true));
    }

    /** Everything Redis holds for the queue: key names, and every value of every type. */
    private java.util.List<String> dump() {
        java.util.List<String> all = new java.util.ArrayList<>();
        try (Jedis jedis = instanceA.getResource()) {
            for (String key : jedis.keys(prefix + "*")) {
                all.add(key);
                switch (jedis.type(key)) {
                    case "string" -> all.add(jedis.get(key));
                    case "hash" -> jedis.hgetAll(key).forEach((field, value) -> { all.add(field); all.add(value); });
                    case "zset" -> all.addAll(jedis.zrange(key, 0, -1));
                    case "set" -> all.addAll(jedis.smembers(key));
                    default -> all.add(jedis.type(key));
                }
            }
        }
        return all;
    }

    @org.junit.jupiter.api.Test
    void aCopyOfRedisHoldsNoUsableToken() {
        dev.concert.application.queue.QueueService queue = new dev.concert.application.queue.QueueService(store,
                new dev.concert.application.queue.AdmissionMeter(), dev.concert.application.config.Settings.defaults(),
                new dev.concert.application.queue.TokenSecret("a secret of thirty-two characters".getBytes()),
                new dev.concert.application.queue.LineView(store, java.time.Clock.systemUTC(),
                        dev.concert.application.config.Settings.defaults()), java.time.Clock.systemUTC());
        java.util.List<String> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tokens.add(queue.enter(user(), "10.0.0." + i).view().token());
        }
        store.admit();

        java.util.List<String> copy = dump();
        org.assertj.core.api.Assertions.assertThat(copy).isNotEmpty();
        for (String token : tokens) {
            org.assertj.core.api.Assertions.assertThat(copy).noneMatch(entry -> entry != null && entry.contains(token));
            org.assertj.core.api.Assertions.assertThat(queue.status(token)).isPresent();
        }
    }

    @org.junit.jupiter.api.Test
    void aTicketWhoseHashIsGoneStillLeavesTheLine() {
        String key = store.issue(user(), QueueToken.next(RANDOM), QueueToken.ticketId(RANDOM)).ticket().token();
        try (Jedis jedis = instanceA.getResource()) {
            jedis.del(prefix + ":token:" + key);   // evicted, or deleted by hand
        }

        org.assertj.core.api.Assertions.assertThat(store.remove(key)).isTrue();
        org.assertj.core.api.Assertions.assertThat(store.figures().waiting()).isZero();
    }

    @org.junit.jupiter.api.Test
    void presenceIsWrittenAtMostOncePerIntervalHoweverOftenTheFanPolls() throws InterruptedException {
        store = newStore(TTL, new Presence(Duration.ofSeconds(2), Duration.ofSeconds(30)));   // a record every second at most
        String key = store.issue(user(), QueueToken.next(RANDOM), QueueToken.ticketId(RANDOM)).ticket().token();
        Double issued = seen(key);
        long zaddsBefore = zadds();
        for (int poll = 0; poll < 200; poll++) {
            store.find(key);
        }
        store.findAll(java.util.List.of(key));
        org.assertj.core.api.Assertions.assertThat(seen(key)).as("polled 201 times within the interval").isEqualTo(issued);
        org.assertj.core.api.Assertions.assertThat(zadds() - zaddsBefore).as("no presence write").isZero();

        Thread.sleep(1_100);
        store.find(key);
        store.find(key);
        org.assertj.core.api.Assertions.assertThat(seen(key)).as("one poll after the interval is recorded").isGreaterThan(issued);
        org.assertj.core.api.Assertions.assertThat(zadds() - zaddsBefore).as("one write for two polls").isEqualTo(1);
    }

    private Double seen(String key) {
        try (Jedis jedis = instanceA.getResource()) {
            return jedis.zscore(prefix + ":seenw", key);
        }
    }

    /** ZADD calls Redis has served so far (INFO commandstats), scripts' included. */
    private long zadds() {
        try (Jedis jedis = instanceA.getResource()) {
            String stats = jedis.info("commandstats");
            java.util.regex.Matcher zadd = java.util.regex.Pattern.compile("cmdstat_zadd:calls=(\\d+)").matcher(stats);
            return zadd.find() ? Long.parseLong(zadd.group(1)) : 0;
        }
    }
}
