package dev.concert.web.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The queue store going away and coming back, for real: the application runs on a Redis of its own
 * (a {@code redis-server} this test starts on a free port), which the test stops and starts again.
 * While Redis is gone every call that needs it is 503 SERVICE_UNAVAILABLE with Retry-After, fast;
 * once it is back the server serves again by itself.
 */
@ExtendWith({TestStores.class, ArquillianExtension.class})
@RunAsClient
class RedisOutageIT {

    static final File REDIS_SERVER = new File("/usr/bin/redis-server");
    static final int PORT = freePort();
    static final Path DIR = Path.of(System.getProperty("java.io.tmpdir"), "redis-outage-" + UUID.randomUUID());
    static Process redis;
    static boolean storesChecked;

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void startRedis() throws Exception {
        Files.createDirectories(DIR);
        redis = new ProcessBuilder(REDIS_SERVER.getPath(), "--port", String.valueOf(PORT), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", DIR.toString())
                .redirectErrorStream(true).redirectOutput(DIR.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", PORT)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start");
    }

    static void stopRedis() throws InterruptedException {
        if (redis != null) {
            redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        if (REDIS_SERVER.canExecute()) {
            startRedis();
        }
        String config = "config_ordinal=500\nredis.url=redis://127.0.0.1:" + PORT + "\n";
        return MicroDeployment.war().addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        stopRedis();
    }

    @ArquillianResource
    URL base;

    Http http;

    @BeforeEach
    void client() throws Exception {
        assumeTrue(REDIS_SERVER.canExecute(), "needs redis-server to stop and start");
        http = new Http(base.toURI());
        if (!storesChecked) {   // before any test takes Redis away
            TestStores.assertServerRunsOnTheChosenStores(base.toURI(), "redis");
            storesChecked = true;
        }
    }

    private Http.Reply enter() {
        return http.post("api/queue/tokens", "{\"userId\":\"" + UUID.randomUUID() + "\"}",
                "X-Forwarded-For", "10.91.0." + (int) (Math.random() * 250));
    }

    @Test
    void whileRedisIsGoneTheQueueAnswers503FastAndRecoversByItself() throws Exception {
        Http.Reply before = enter();
        assertThat(before.status()).as(before.body()).isEqualTo(201);
        String token = before.object().getString("token");
        Scrape healthy = Scrape.of(base.toURI());

        assertThat(http.get("api/queue/status", "Authorization", "Bearer " + token).status()).isEqualTo(200);
        stopRedis();
        long stopped = System.nanoTime();
        // a waiting fan this instance knows is answered from its view of the line for at most its bound (1 s)
        // after the last read of the line, which came before Redis stopped; never after
        long lastViewMillis = -1;
        Http.Reply status;
        while (true) {
            long asked = System.nanoTime();
            status = http.get("api/queue/status", "Authorization", "Bearer " + token);
            if (status.status() != 200 || asked - stopped > TimeUnit.SECONDS.toNanos(3)) {
                break;
            }
            lastViewMillis = TimeUnit.NANOSECONDS.toMillis(asked - stopped);
            Thread.sleep(50);
        }
        long started = System.nanoTime();
        Http.Reply down = enter();
        long downMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        Http root = new Http(base.toURI().resolve("/"));
        Http.Reply ready = root.get("health/ready");

        assertThat(down.status()).as(down.body()).isEqualTo(503);
        assertThat(down.object().getString("code")).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(down.header("Retry-After")).isNotBlank();
        assertThat(downMillis).as("answered within the pool's 2 s wait, not hung").isLessThan(5_000);
        assertThat(status.status()).as(status.body()).isEqualTo(503);
        assertThat(lastViewMillis).as("the last 200, asked this long after Redis stopped: within the view's bound")
                .isLessThan(1_100);
        assertThat(down.body()).doesNotContain("Exception", "redis.clients");
        assertThat(ready.status()).as("readiness tells the load balancer").isEqualTo(503);

        // the circuit breaker (UsesQueueStore): after 20 calls that mostly failed, calls are refused at once
        List<Http.Reply> meanwhile = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            meanwhile.add(http.get("api/queue/status", "Authorization", "Bearer " + token));
        }
        assertThat(meanwhile).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.header("Retry-After")).isNotBlank();
        });
        assertThat(meanwhile.get(meanwhile.size() - 1).object().getString("detail"))
                .as("the circuit is open").contains("paused");
        Scrape outage = Scrape.of(base.toURI());
        assertThat(outage.since(healthy, "concert_store_unavailable_total", "store", "queue_store"))
                .as("every 503, the open circuit's too, counted under Redis").isGreaterThanOrEqualTo(32);
        assertThat(outage.since(healthy, "concert_store_unavailable_total", "store", "database")).isZero();
        // the line's figures are read at most once a second: within a second or so they are unknown, not 0
        long unknownBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!Double.isNaN(outage.value("concert_queue_waiting_fans")) && System.nanoTime() < unknownBy) {
            Thread.sleep(250);
            outage = Scrape.of(base.toURI());
        }
        assertThat(outage.value("concert_queue_waiting_fans")).as("the line's size is unknown, not 0").isNaN();

        startRedis();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Http.Reply after = enter();
        while (after.status() != 201 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            after = enter();
        }
        assertThat(after.status()).as("served again once Redis is back: " + after.body()).isEqualTo(201);
        assertThat(root.get("health/ready").status()).isEqualTo(200);
    }
}
