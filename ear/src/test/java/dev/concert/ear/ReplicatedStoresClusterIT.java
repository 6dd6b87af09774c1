package dev.concert.ear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The two Payara Server instances of cluster.sh on replicated stores, each failed for real under them: the
 * queue store behind Redis Sentinel (docker/sentinel/local-sentinel.sh: a primary with AOF, two replicas,
 * three sentinels) and the database as a three-node Galera cluster behind haproxy
 * (docker/galera/local-cluster.sh), started once for both tests.
 *
 * <p>First, during a stream of token issues and status polls on both instances with admission running, the
 * Redis primary is killed with {@code kill -9}: both instances serve again through the new primary without a
 * restart within 10 s; meanwhile every refusal is a 503 with {@code Retry-After}; afterwards every token
 * answered 201 still has its place (a replica acknowledged it: {@code WAIT 1}), the line keeps the order in
 * which each client was given its places, and the active cap holds.
 *
 * <p>Then, while forty fans charge, hold and pay on both instances, the database node every connection goes to
 * is killed with {@code kill -9}: the application serves again without a restart within 15 s; every refusal
 * is a 503 with {@code Retry-After}, never another 5xx; afterwards no seat is sold twice, every balance equals
 * its ledger, every payment a fan was told of (201) is a sale, every charge a fan was told of is kept once
 * whatever the retries (the same Idempotency-Key after a 503 or a lost connection), and no seat stays held past
 * its lapse. Each run's figures are printed and kept in {@code target/replicated-stores-runs.txt}.
 *
 * <p>Needs Debian's mariadb-server, galera-4, haproxy, redis-server and nginx; CI installs them and fails if it
 * is skipped. Its runs in a row are in documents/fault-tolerance.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicatedStoresClusterIT {

    static final Path GALERA = Path.of("../docker/galera/local-cluster.sh");
    static final Path SENTINEL = Path.of("../docker/sentinel/local-sentinel.sh");
    static final String SENTINELS = "127.0.0.1:26510,127.0.0.1:26511,127.0.0.1:26512";
    static final Duration REDIS_SERVES_AGAIN_WITHIN = Duration.ofSeconds(10);
    static final Path RUNS = Path.of("target/replicated-stores-runs.txt");
    static final String DATABASE = "concert_galera";
    static final String URL = "jdbc:mysql://127.0.0.1:3310/" + DATABASE;
    static final Duration SERVES_AGAIN_WITHIN = Duration.ofSeconds(15);
    static boolean galeraStarted;
    static boolean sentinelStarted;
    static boolean clusterStarted;

    static boolean available() {
        return new File("/usr/bin/redis-server").canExecute() && new File("/usr/sbin/nginx").canExecute()
                && new File("/usr/sbin/mariadbd").canExecute() && new File("/usr/lib/galera/libgalera_smm.so").exists()
                && new File("/usr/sbin/haproxy").canExecute();
    }

    /** local-cluster.sh with its arguments; what it printed. */
    static String galera(String... arguments) throws Exception {
        return script(GALERA, arguments);
    }

    /** local-sentinel.sh with its arguments; what it printed. */
    static String sentinel(String... arguments) throws Exception {
        return script(SENTINEL, arguments);
    }

    /**
     * Runs a script, its output going to a file so that a script that hangs (its children keeping a pipe open)
     * is still given up on after three minutes.
     */
    static String script(Path script, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("replicated-stores-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("GALERA_DATABASES", DATABASE);
            Process process = builder.start();
            boolean ended = process.waitFor(3, TimeUnit.MINUTES);
            if (!ended) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8).trim();
            if (!ended || process.exitValue() != 0) {
                throw new IllegalStateException(script.getFileName() + " " + String.join(" ", arguments)
                        + (ended ? " failed: " : " did not end within 3 minutes: ") + printed);
            }
            return printed;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        if ("true".equals(System.getenv("CI"))) {
            assertThat(available()).as("CI installs mariadb-server, galera-4, haproxy, redis-server and nginx").isTrue();
        }
        assumeTrue(available(), "needs mariadb-server, galera-4, haproxy, redis-server and nginx");
        galeraStarted = true;
        galera("start");
        sentinelStarted = true;
        assertThat(sentinel("start")).isEqualTo(SENTINELS);
        clusterStarted = true;
        // the default idle times and admission window, not the short ones ClusterIT sets for its walk-away test: a
        // place is read back at the end whether its fan polled or not, and only a failover may take one
        ClusterIT.cluster("start", Map.of("DB_URL", URL, "DB_USER", "concert", "DB_PASSWORD", "concert",
                "REDIS_URL", "", "REDIS_SENTINELS", SENTINELS, "REDIS_MASTER_NAME", "concert-queue",
                "QUEUE_WAITING_IDLE_SECONDS", "120", "QUEUE_ACTIVE_IDLE_SECONDS", "120", "QUEUE_ACTIVE_TTL_SECONDS", "600"));
        for (int instance = 0; instance < ClusterIT.INSTANCES.length; instance++) {
            ClusterIT.assertRunsOnMySqlAndRedis(instance);
        }
        ClusterIT.send(0, "PUT", "api/admin/queue/settings", "{\"paused\":false,\"admitPerSecond\":5000,\"activeMax\":100000}",
                ClusterIT.KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (clusterStarted) {
                ClusterIT.cluster("stop");
            }
        } finally {
            try {
                if (galeraStarted) {
                    galera("stop");
                }
            } finally {
                if (sentinelStarted) {
                    sentinel("stop");
                }
            }
        }
    }

    /** An answer to one step of a journey: its status, whether a 503 said when to come back, when it came. */
    record Answer(String step, int status, boolean retryAfter, long sentNanos, long answeredNanos) {
    }

    static final ConcurrentLinkedQueue<Answer> ANSWERS = new ConcurrentLinkedQueue<>();
    /** Steps that had no answer but 503s and lost connections after a minute of retries: name, method and path. */
    static final ConcurrentLinkedQueue<String> UNANSWERED = new ConcurrentLinkedQueue<>();

    /**
     * One step as a careful client sends it: on a 503 or a lost connection, the same request (the same
     * Idempotency-Key) again after half a second, on the other instance after a lost connection, for up to
     * a minute. Each answer is recorded as {@code step@instance}. The last answer; status 0 when none came.
     */
    static ClusterIT.Reply step(int[] instance, String name, String method, String path, String body, String... headers) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            ClusterIT.Reply reply = once(instance[0], name, method, path, body, headers);
            if (reply.status() == 0) {
                instance[0]++;
            }
            if (reply.status() != 503 && reply.status() != 0) {
                return reply;
            }
            if (System.nanoTime() > deadline) {
                UNANSWERED.add(name + " " + method + " " + path + ": " + reply.body());
                return reply;
            }
            ClusterIT.pause(500);
        }
    }

    static void record(String store, String figures) throws java.io.IOException {
        System.out.println("[" + store + " kill] " + figures);
        Files.writeString(RUNS, store + ": " + figures + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Answers to {@link #step}s, then what a step sent after {@code killedAt} first got right, in seconds after it. */
    static double firstSuccessAfter(List<Answer> answers, long killedAt) {
        return (answers.stream().filter(answer -> answer.sentNanos() > killedAt && answer.status() / 100 == 2)
                .mapToLong(Answer::answeredNanos).min().orElse(Long.MAX_VALUE) - killedAt) / 1e9;
    }

    /** {@link #firstSuccessAfter} for each of the two instances, from the answers recorded as {@code step@instance}. */
    static double[] firstSuccessAfterOnEach(List<Answer> answers, long killedAt) {
        double[] seconds = new double[2];
        for (int instance = 0; instance < 2; instance++) {
            String on = "@" + instance;
            seconds[instance] = firstSuccessAfter(answers.stream().filter(answer -> answer.step().endsWith(on)).toList(), killedAt);
        }
        return seconds;
    }

    /** A place a client was given: whose, with which token, the how-many-th its worker was given. */
    record Place(int worker, int order, String token) {
    }

    @Test
    @Order(1)
    void theRedisPrimaryKilledInTheRushIsFollowedByBothInstancesWithoutLosingAPlace() throws Exception {
        ClusterIT.send(0, "PUT", "api/admin/queue/settings", "{\"paused\":false,\"admitPerSecond\":5,\"activeMax\":20}",
                ClusterIT.KEY);
        ANSWERS.clear();
        String killed = sentinel("master");
        List<Place> places = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
        ExecutorService workers = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int worker = w;
            work.add(workers.submit(() -> {
                int[] instance = {worker};
                int order = 0;
                while (running.get()) {
                    String user = java.util.UUID.randomUUID().toString();
                    ClusterIT.Reply issued = once(instance[0]++, "issue", "POST", "api/queue/tokens", "{\"userId\":\"" + user + "\"}");
                    if (issued.status() == 201) {
                        places.add(new Place(worker, order++, "Bearer " + issued.object().getString("token")));
                    }
                    if (!places.isEmpty()) {
                        Place someone = places.get(java.util.concurrent.ThreadLocalRandom.current().nextInt(places.size()));
                        once(instance[0]++, "poll", "GET", "api/queue/status", null, "Authorization", someone.token());
                    }
                    ClusterIT.pause(50);
                }
            }));
        }
        ClusterIT.pause(2_000);
        int activeBefore = ClusterIT.send(1, "GET", "api/admin/queue", null, ClusterIT.KEY).object().getInt("active");
        sentinel("kill-master");
        killedAt.set(System.nanoTime());   // once the primary is gone: what answered before this is not a success after it
        ClusterIT.pause(12_000);
        running.set(false);
        for (Future<?> done : work) {
            done.get(1, TimeUnit.MINUTES);
        }
        workers.shutdown();

        List<Answer> answers = new ArrayList<>(ANSWERS);
        // served again: a token issued, which Redis must write; a waiting fan's poll may be answered by the
        // instance's view of the line for up to 1 s after the last read, and would flatter the figure
        double[] servesAgain = firstSuccessAfterOnEach(answers.stream().filter(answer -> answer.step().startsWith("issue@"))
                .toList(), killedAt.get());
        double[] pollsAgain = firstSuccessAfterOnEach(answers.stream().filter(answer -> answer.step().startsWith("poll@"))
                .toList(), killedAt.get());
        long refused = answers.stream().filter(answer -> answer.status() == 503).count();
        // the line as it stands, admission paused so that it holds still while it is read
        ClusterIT.Reply paused = ClusterIT.send(0, "PUT", "api/admin/queue/settings", "{\"paused\":true}", ClusterIT.KEY);
        assertThat(paused.status()).as("an operator's setting after the failover: " + paused.body()).isEqualTo(200);
        assertThat(paused.object().getBoolean("paused")).isTrue();
        ClusterIT.pause(1_500);
        int lost = 0;
        Map<Integer, List<int[]>> lineOfWorker = new java.util.TreeMap<>();   // per worker, in its order: {status, position}
        for (Place place : places) {
            ClusterIT.Reply status = ClusterIT.send(place.order(), "GET", "api/queue/status", null, place.token());
            if (status.status() != 200) {
                lost++;
                continue;
            }
            boolean active = status.object().getString("status").equals("ACTIVE");
            lineOfWorker.computeIfAbsent(place.worker(), w -> new ArrayList<>())
                    .add(new int[] {place.order(), active ? 0 : status.object().getInt("position")});
        }
        jakarta.json.JsonObject queue = ClusterIT.send(1, "GET", "api/admin/queue", null, ClusterIT.KEY).object();
        String figures = String.format("%s primary %s killed: first token issued on instance 1 %.1f s after it, on instance 2 "
                + "%.1f s (first poll answered %.1f s, %.1f s); %d answers, %d of them 503; %d places given, %d lost; "
                + "%d active of at most %d; new primary %s",
                Instant.now(), killed, servesAgain[0], servesAgain[1], pollsAgain[0], pollsAgain[1], answers.size(), refused,
                places.size(), lost,
                queue.getInt("active"), queue.getInt("activeMax"), sentinel("master"));
        record("redis", figures);
        ClusterIT.send(0, "PUT", "api/admin/queue/settings", "{\"paused\":false}", ClusterIT.KEY);

        assertThat(answers).as("every refusal a 503 with Retry-After, never another 5xx")
                .noneMatch(answer -> answer.status() >= 500 && answer.status() != 503)
                .filteredOn(answer -> answer.status() == 503).allMatch(Answer::retryAfter);
        assertThat(sentinel("master")).as("the sentinels promoted a replica").isNotEqualTo(killed);
        for (double seconds : servesAgain) {
            assertThat(seconds).as("both instances serve through the new primary within %s", REDIS_SERVES_AGAIN_WITHIN)
                    .isLessThan(REDIS_SERVES_AGAIN_WITHIN.toSeconds());
        }
        assertThat(lost).as("every place answered 201 is still there (a replica had acknowledged it)").isZero();
        assertThat(queue.getInt("active")).as("the active cap holds").isLessThanOrEqualTo(20);
        assertThat(queue.getInt("active")).as("admission passes went on through the failover (%d active at the kill)",
                activeBefore).isGreaterThan(Math.min(activeBefore, 19));
        lineOfWorker.forEach((worker, line) -> {
            int lastPosition = 0;
            boolean waiting = false;
            for (int[] place : line) {
                if (place[1] == 0) {
                    assertThat(waiting).as("worker %d: a place given later admitted before an earlier one: %s", worker,
                            line.stream().map(java.util.Arrays::toString).toList()).isFalse();
                } else {
                    assertThat(place[1]).as("worker %d: places in the order given", worker).isGreaterThan(lastPosition);
                    lastPosition = place[1];
                    waiting = true;
                }
            }
        });
    }

    /** One request, no retry, recorded as {@code step@instance}; status 0 when the connection failed. */
    static ClusterIT.Reply once(int instance, String step, String method, String path, String body, String... headers) {
        long sent = System.nanoTime();
        try {
            HttpResponse<String> response = ClusterIT.CLIENT.send(
                    ClusterIT.request(instance, method, path, body, Duration.ofSeconds(30), headers), HttpResponse.BodyHandlers.ofString());
            ANSWERS.add(new Answer(step + "@" + instance % 2, response.statusCode(),
                    response.headers().firstValue("Retry-After").isPresent(), sent, System.nanoTime()));
            return new ClusterIT.Reply(response.statusCode(), response.body());
        } catch (java.io.IOException | InterruptedException lost) {
            ANSWERS.add(new Answer(step + "@" + instance % 2, 0, false, sent, System.nanoTime()));
            return new ClusterIT.Reply(0, String.valueOf(lost));
        }
    }

    @Test
    @Order(2)
    void theWriterNodeKilledInTheMiddleOfJourneysLosesNoSeatAndNoMoney() throws Exception {
        ClusterIT.send(0, "PUT", "api/admin/queue/settings", "{\"paused\":false,\"admitPerSecond\":5000,\"activeMax\":100000}",
                ClusterIT.KEY);
        ANSWERS.clear();
        UNANSWERED.clear();
        LocalDate date = LocalDate.now().plusDays(63);
        String concert = ClusterIT.concert(date);
        List<String[]> fans = ClusterIT.admittedFans(40);
        String writer = galera("writer");
        assertThat(writer).as("the balancer's writer").matches("n[123]");

        AtomicLong killedAt = new AtomicLong();
        ExecutorService killer = Executors.newSingleThreadExecutor();
        Future<?> kill = killer.submit(() -> {
            ClusterIT.pause(600);
            try {
                galera("kill", writer.substring(1));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            killedAt.set(System.nanoTime());
        });
        List<ClusterIT.Journey> journeys = ClusterIT.atOnce(40, n -> ClusterIT.journey(fans.get(n), n, concert, date, "galera-",
                ReplicatedStoresClusterIT::step));
        kill.get(1, TimeUnit.MINUTES);
        killer.shutdown();

        List<Answer> answers = new ArrayList<>(ANSWERS);
        List<Answer> afterKill = answers.stream().filter(answer -> answer.sentNanos() > killedAt.get()).toList();
        long refused = answers.stream().filter(answer -> answer.status() == 503).count();
        long lost = answers.stream().filter(answer -> answer.status() == 0).count();
        double[] servesAgain = firstSuccessAfterOnEach(answers, killedAt.get());
        double lastRefusal = answers.stream().filter(answer -> answer.status() == 503 || answer.status() == 0)
                .mapToLong(Answer::answeredNanos).max().orElse(killedAt.get()) - killedAt.get();
        String figures = String.format("%s writer %s killed: first success of a request sent after the kill on instance 1 "
                + "%.1f s after it, on instance 2 %.1f s; last refusal %.1f s after it; %d answers, %d of them 503, "
                + "%d connections lost; %d of 40 fans paid", Instant.now(), writer, servesAgain[0], servesAgain[1],
                lastRefusal / 1e9, answers.size(), refused, lost, journeys.stream().filter(ClusterIT.Journey::paid).count());
        record("galera", figures);

        assertThat(answers).as("every refusal a 503 with Retry-After, never another 5xx")
                .noneMatch(answer -> answer.status() >= 500 && answer.status() != 503)
                .filteredOn(answer -> answer.status() == 503).allMatch(Answer::retryAfter);
        assertThat(afterKill).as("requests were sent after the kill").isNotEmpty();
        for (double seconds : servesAgain) {
            assertThat(seconds).as("both instances serve again without a restart within %s", SERVES_AGAIN_WITHIN)
                    .isLessThan(SERVES_AGAIN_WITHIN.toSeconds());
        }
        assertThat(galera("writer")).as("the balancer moved to a node still up").isNotEqualTo(writer);
        assertThat(UNANSWERED).as("every step a fan retried got its answer within a minute").isEmpty();
        assertThat(journeys).as("every charge was answered 200 in the end, whatever the retries (each kept once: below)")
                .allMatch(journey -> journey.chargesAnswered().size() == 2);

        try (Connection db = DriverManager.getConnection(URL, "concert", "concert")) {
            ClusterIT.assertNoSeatSoldTwiceAndNoMoneyLost(db, concert, date, journeys);
        }
    }
}
