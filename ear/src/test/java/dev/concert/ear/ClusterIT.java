package dev.concert.ear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two real Payara Server instances of one deployment group (ear/src/cluster/cluster.sh) on the same
 * MariaDB and Redis, called directly, alternately: one seat, one line, one wallet, one sweep, whichever
 * instance a request reaches; and, last, one instance killed with kill -9 in the middle of fans'
 * journeys. Needs DB_URL and REDIS_URL (CI sets them) and nginx; skipped otherwise.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    static final Path SCRIPT = Path.of("src/cluster/cluster.sh");
    static final String KEY = "Bearer cluster-it-admin-key";
    static final URI[] INSTANCES = {URI.create("http://localhost:31180/"), URI.create("http://localhost:31280/")};
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    static final String PREFIX = "{cluster-it-" + UUID.randomUUID() + "}";
    static final String TOKEN_SECRET = "cluster-integration-tests-secret-32+";
    static final URI BALANCER = URI.create("http://localhost:31080/");
    /** Every secret a test sent: no log line may keep one (queue tokens, keys, the admin key, the token secret). */
    static final Set<String> SECRETS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    static boolean started;

    record Reply(int status, String body) {
        JsonObject object() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }
    }

    static final int WAITING_IDLE_SECONDS = 30;
    static final int ACTIVE_IDLE_SECONDS = 90;
    /**
     * The admission window: longer than the walk-away test's active fans must stay (ACTIVE_IDLE_SECONDS + 20 s
     * after their admission), short enough for that test to see a holding fan pay past it.
     */
    static final int ACTIVE_TTL_SECONDS = 130;

    static boolean available() {
        return isSet("DB_URL") && isSet("REDIS_URL") && new File("/usr/sbin/nginx").canExecute();
    }

    static boolean isSet(String name) {
        return System.getenv(name) != null && !System.getenv(name).isBlank();
    }

    static void cluster(String command) throws Exception {
        cluster(command, java.util.Map.of());
    }

    /**
     * cluster.sh {@code command} with this test's settings and {@code environment} over them (another DB_URL);
     * a variable given as the empty string is taken out (REDIS_URL, for a cluster behind Sentinel).
     */
    static void cluster(String command, java.util.Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), command).inheritIO();
        builder.environment().put("QUEUE_TOKEN_SECRET", TOKEN_SECRET);
        builder.environment().put("ADMIN_API_KEY", KEY.substring("Bearer ".length()));
        builder.environment().put("RESERVATION_HOLD_SECONDS", "5");   // long enough for a loaded CI machine to finish a race
        builder.environment().put("RESERVATION_SWEEP_SECONDS", "1");
        // the shortest idle times a deployment may set (3 x the longest pollAfterSeconds), for the walk-away test
        builder.environment().put("QUEUE_WAITING_IDLE_SECONDS", String.valueOf(WAITING_IDLE_SECONDS));
        builder.environment().put("QUEUE_ACTIVE_IDLE_SECONDS", String.valueOf(ACTIVE_IDLE_SECONDS));
        builder.environment().put("QUEUE_ACTIVE_TTL_SECONDS", String.valueOf(ACTIVE_TTL_SECONDS));
        builder.environment().put("RATELIMIT_TOKEN_ISSUE_PER_MINUTE", "100000");
        builder.environment().put("RATELIMIT_WRITES_PER_USER_PER_MINUTE", "1000");
        builder.environment().put("LB_PORT", "31080");   // in the cluster's own port range
        // the queue's keys under this run's own prefix: active tokens left by an earlier run on the same Redis
        // would lapse in the middle of a test and free a slot the test counts
        builder.environment().put("QUEUE_REDIS_PREFIX", PREFIX);
        environment.forEach((name, value) -> {
            if (value.isEmpty()) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process process = builder.start();
        if (!process.waitFor(8, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("cluster.sh " + command + " failed");
        }
    }

    @BeforeAll
    static void startCluster() throws Exception {
        assumeTrue(available(), "needs DB_URL, REDIS_URL and nginx for a cluster");
        started = true;   // a start that fails half way leaves processes to stop
        cluster("start");
        for (int instance = 0; instance < INSTANCES.length; instance++) {
            assertRunsOnMySqlAndRedis(instance);
        }
        send(0, "PUT", "api/admin/queue/settings", "{\"paused\":false,\"admitPerSecond\":5000,\"activeMax\":100000}", KEY);
    }

    /** The instance's readiness data names the stores of DB_URL and REDIS_URL, not the embedded ones. */
    static void assertRunsOnMySqlAndRedis(int instance) {
        Reply ready = send(instance, "GET", "health/ready", null, null);
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        for (JsonObject check : ready.object().getJsonArray("checks").getValuesAs(JsonObject.class)) {
            String what = "instance " + (instance + 1) + ": " + check;
            switch (check.getString("name")) {
                case "database" -> assertThat(check.getJsonObject("data").getString("product")).as(what).matches("MySQL|MariaDB");
                case "queue-store" -> assertThat(check.getJsonObject("data").getString("store")).as(what).isEqualTo("redis");
                default -> { }
            }
        }
        assertThat(ready.body()).contains("\"database\"", "\"queue-store\"");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (started) {
            cluster("stop");
        }
    }

    static Reply send(int instance, String method, String path, String body, String authorization) {
        String[] headers = authorization == null ? new String[0] : new String[] {"Authorization", authorization};
        try {
            return exchange(request(instance, method, path, body, Duration.ofSeconds(60), headers));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON request to instance {@code instance} (modulo 2); {@code headers} are name, value pairs. */
    static HttpRequest request(int instance, String method, String path, String body, Duration timeout, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(INSTANCES[instance % 2].resolve(path))
                .timeout(timeout).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int h = 0; h < headers.length; h += 2) {
            request.header(headers[h], headers[h + 1]);
        }
        return request.build();
    }

    static Reply exchange(HttpRequest request) throws java.io.IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    /** A new user's token, asked of one instance, once ACTIVE as seen by the other. */
    static String[] admitted(int instance) {
        return admittedFans(1, instance).get(0);
    }

    /** {@code count} new users, all ACTIVE, the n-th asking instance n for its token; see {@link #admittedFans(int, int)}. */
    static List<String[]> admittedFans(int count) {
        return admittedFans(count, 0);
    }

    /**
     * {@code count} new users: every token asked for first (the n-th of instance {@code first + n}), then each
     * polled on the other instance until ACTIVE, so the whole crowd is admitted by the same few passes.
     */
    static List<String[]> admittedFans(int count, int first) {
        List<String[]> fans = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            String user = UUID.randomUUID().toString();
            Reply issued = send(first + n, "POST", "api/queue/tokens", "{\"userId\":\"" + user + "\"}", null);
            assertThat(issued.status()).as(issued.body()).isEqualTo(201);
            SECRETS.add(issued.object().getString("token"));
            fans.add(new String[] {user, "Bearer " + issued.object().getString("token")});
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int n = 0; n < count; n++) {
            String[] fan = fans.get(n);
            while (true) {
                Reply status = send(first + n + 1, "GET", "api/queue/status", null, fan[1]);
                if (status.status() == 200 && status.object().getString("status").equals("ACTIVE")) {
                    break;
                }
                assertThat(System.nanoTime()).as("fan %d of %d admitted within 60 s", n, count).isLessThan(deadline);
                pause(100);
            }
        }
        return fans;
    }

    static String concert(LocalDate date) {
        return send(0, "POST", "api/admin/concerts", "{\"title\":\"Cluster " + UUID.randomUUID() + "\",\"venue\":\"Hall\","
                + "\"dates\":[\"" + date + "\"],\"seatPrice\":1000}", KEY).object().getString("id");
    }

    static <T> List<T> atOnce(int count, java.util.function.IntFunction<T> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                Callable<T> task = () -> {
                    start.await();
                    return call.apply(n);
                };
                futures.add(threads.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(3, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    /** The cluster's database, as DB_URL, DB_USER and DB_PASSWORD name it. */
    static Connection database() throws java.sql.SQLException {
        return DriverManager.getConnection(System.getenv("DB_URL"), System.getenv("DB_USER"), System.getenv("DB_PASSWORD"));
    }

    /** A reservation's status and version as the table has them. */
    static String[] reservationRow(String reservation) throws Exception {
        try (Connection db = database();
             PreparedStatement query = query(db, "SELECT status, version FROM reservation WHERE id = ?", reservation);
             ResultSet row = query.executeQuery()) {
            row.next();
            return new String[] {row.getString(1), String.valueOf(row.getLong(2))};
        }
    }

    @Test
    void twoHundredFansOnTwoInstancesRacingForOneSeatLeaveOneHolder() throws Exception {
        LocalDate date = LocalDate.now().plusDays(60);
        String concert = concert(date);
        List<String[]> fans = admittedFans(200);

        List<Reply> replies = atOnce(200, n -> send(n, "POST", "api/reservations", "{\"concertId\":\"" + concert
                + "\",\"date\":\"" + date + "\",\"seatNumber\":9}", fans.get(n)[1]));

        assertThat(replies.stream().filter(r -> r.status() == 201)).hasSize(1);
        assertThat(replies.stream().filter(r -> r.status() == 409)).hasSize(199);
    }

    @Test
    void tokensIssuedAlternatelyStandInOneLineAndAdmissionKeepsTheCap() throws Exception {
        send(0, "PUT", "api/admin/queue/settings", "{\"paused\":true}", KEY);
        try {
            long previous = 0;
            for (int i = 0; i < 40; i++) {
                long position = send(i, "POST", "api/queue/tokens", "{\"userId\":\"" + UUID.randomUUID() + "\"}", null)
                        .object().getJsonNumber("position").longValue();
                if (previous > 0) {
                    assertThat(position).as("issue %d, instance %d", i, i % 2).isEqualTo(previous + 1);
                }
                previous = position;
            }
            long active = send(1, "GET", "api/admin/queue", null, KEY).object().getJsonNumber("active").longValue();
            int cap = (int) active + 15;
            send(1, "PUT", "api/admin/queue/settings", "{\"paused\":false,\"activeMax\":" + cap + "}", KEY);
            // both timers admit until the cap is reached, never past it: read on both instances until it is full
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int reads = 0;
            while (activeAsSeenBy(reads++, cap) < cap) {
                assertThat(System.nanoTime()).as("the cap of %d filled within 60 s", cap).isLessThan(deadline);
                pause(100);
            }
            // full, with 25 fans still waiting: the passes both timers keep running admit nobody more
            for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3); System.nanoTime() < end; pause(200)) {
                assertThat(activeAsSeenBy(reads++, cap)).as("active once full").isEqualTo(cap);
            }
        } finally {
            send(0, "PUT", "api/admin/queue/settings", "{\"paused\":false,\"admitPerSecond\":5000,\"activeMax\":100000}", KEY);
        }
    }

    /**
     * A slot freed on either instance goes to the head of the line at the next admission pass, whichever
     * instance runs it: the cap and the count of taken slots are kept in the shared store. With the cap
     * full (two active fans, one admitted through each instance) and two fans waiting, the passes both
     * timers run admit nobody; the first active fan leaves the queue on the first instance and the fan at
     * the head of the line is admitted within seconds, as the second instance tells, while the fan behind
     * keeps waiting, now first in line; the second active fan pays for a seat on the second instance, the
     * payment spends its token, and the last waiting fan is admitted within seconds too, as the first
     * instance tells.
     */
    @Test
    @Order(1)   // first: no earlier test's active fans are left to idle out or lapse and free a slot on their own
    void freedSlotsAreRefilledByTheNextPassWhicheverInstanceFreedThem() throws Exception {
        send(0, "PUT", "api/admin/queue/settings", "{\"paused\":true}", KEY);
        try {
            int cap = (int) queueFigure("active") + 2;   // 0 + 2 with this run's own prefix
            send(1, "PUT", "api/admin/queue/settings", "{\"activeMax\":" + cap + "}", KEY);
            String leaver = issued(0);
            String payer = issued(1);
            send(0, "PUT", "api/admin/queue/settings", "{\"paused\":false}", KEY);
            awaitActive(leaver, 1);
            awaitActive(payer, 0);

            String head = issued(1);
            String behind = issued(0);
            // full, with two fans waiting: the passes both timers run every second admit nobody
            for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3); System.nanoTime() < end; pause(250)) {
                for (int instance = 0; instance < 2; instance++) {
                    assertThat(status(instance, head).getString("status")).as("the head, instance %d", instance + 1).isEqualTo("WAITING");
                    assertThat(status(instance, behind).getString("status")).as("the fan behind, instance %d", instance + 1)
                            .isEqualTo("WAITING");
                    assertThat(activeAsSeenBy(instance, cap)).as("active once full").isEqualTo(cap);
                }
            }

            Reply left = send(0, "DELETE", "api/queue/tokens/current", null, leaver);
            long leftAt = System.nanoTime();
            assertThat(left.status()).as(left.body()).isEqualTo(204);
            long leaveRefilled = admittedAfter(head, 1, leftAt);
            pause(1100);   // a waiting fan's position may be an instance's view, up to 1 s old
            for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2); System.nanoTime() < end; pause(250)) {
                for (int instance = 0; instance < 2; instance++) {
                    JsonObject waiting = status(instance, behind);
                    assertThat(waiting.getString("status")).as("the fan behind, instance %d", instance + 1).isEqualTo("WAITING");
                    assertThat(waiting.getJsonNumber("position").longValue()).as("now first in line, instance %d", instance + 1)
                            .isEqualTo(1);
                    assertThat(activeAsSeenBy(instance, cap)).as("the freed slot taken again").isEqualTo(cap);
                }
            }

            String user = status(1, payer).getString("userId");
            LocalDate date = LocalDate.now().plusDays(65);
            String concert = concert(date);
            Reply charged = send(1, "POST", "api/users/" + user + "/balance/charges", "{\"amount\":1000}", payer);
            assertThat(charged.status()).as(charged.body()).isEqualTo(200);
            Reply hold = send(1, "POST", "api/reservations", "{\"concertId\":\"" + concert + "\",\"date\":\"" + date
                    + "\",\"seatNumber\":1}", payer);
            assertThat(hold.status()).as(hold.body()).isEqualTo(201);
            Reply paid = send(1, "POST", "api/payments", "{\"reservationId\":\"" + hold.object().getString("reservationId")
                    + "\"}", payer);
            long paidAt = System.nanoTime();
            assertThat(paid.status()).as(paid.body()).isEqualTo(201);
            long paymentRefilled = admittedAfter(behind, 0, paidAt);
            for (int instance = 0; instance < 2; instance++) {
                Reply spent = send(instance, "GET", "api/queue/status", null, payer);
                assertThat(spent.status()).as("the payer's spent token, instance %d: %s", instance + 1, spent.body()).isEqualTo(401);
            }
            System.out.printf("a slot left on instance 1 was refilled after %.1f s, a slot freed by a payment on instance 2 "
                    + "after %.1f s%n", leaveRefilled / 1e9, paymentRefilled / 1e9);
        } finally {
            send(0, "PUT", "api/admin/queue/settings", "{\"paused\":false,\"admitPerSecond\":5000,\"activeMax\":100000}", KEY);
        }
    }

    /**
     * The time from {@code freedAt} (System.nanoTime()) until instance {@code instance} first answers ACTIVE
     * for the waiting fan's token, polled every 100 ms; it must within 10 s.
     */
    static long admittedAfter(String authorization, int instance, long freedAt) {
        while (!status(instance, authorization).getString("status").equals("ACTIVE")) {
            assertThat(System.nanoTime() - freedAt).as("admitted to the freed slot within 10 s, instance %d", instance + 1)
                    .isLessThan(TimeUnit.SECONDS.toNanos(10));
            pause(100);
        }
        return System.nanoTime() - freedAt;
    }

    /**
     * Fans who walk away free their place whichever instance saw them last, and fans who stay keep it
     * whichever instance they ask: presence is kept in the shared store. With admission paused, a waiting
     * fan who never polls again loses the place after queue.waiting.idle-seconds and the fan behind moves
     * up, as both instances tell; an active fan who walks away frees the slot after
     * queue.active.idle-seconds; a waiting and an active fan who poll each instance in turn keep theirs.
     * At the end of the admission window (queue.active.ttl-seconds) the active fan's token lapses, but that
     * of a fan who, two seconds before it, held a seat on the first instance lives on until the hold does:
     * the fan pays on the second instance after the window has closed.
     */
    @Test
    @Order(Integer.MAX_VALUE - 1)   // before the kill test, which leaves one instance
    void fansWhoWalkAwayFreeTheirPlaceOnBothInstancesAndFansWhoStayKeepIt() throws Exception {
        send(0, "PUT", "api/admin/queue/settings", "{\"paused\":true}", KEY);
        try {
            // fans earlier tests left waiting without polling idle out first: start from an empty line
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAITING_IDLE_SECONDS + 30);
            while (queueFigure("waiting") > 0) {
                assertThat(System.nanoTime()).as("earlier tests' waiting fans idle out").isLessThan(deadline);
                pause(1000);
            }
            String activeWalker = issued(0);
            String activeStayer = issued(1);
            String holder = issued(0);
            send(0, "PUT", "api/admin/queue/settings", "{\"paused\":false,\"activeMax\":100000}", KEY);
            awaitActive(activeWalker, 1);
            awaitActive(activeStayer, 0);
            awaitActive(holder, 1);
            String holderId = status(0, holder).getString("userId");
            Reply charged = send(0, "POST", "api/users/" + holderId + "/balance/charges", "{\"amount\":1000}", holder);
            assertThat(charged.status()).as(charged.body()).isEqualTo(200);
            long activeWalkerLastSeen = System.nanoTime();
            send(1, "PUT", "api/admin/queue/settings", "{\"paused\":true}", KEY);

            String walker = issued(0);
            long walkerIssued = System.nanoTime();
            String stayer = issued(1);
            String behind = issued(0);
            long behindFirst = status(1, behind).getJsonNumber("position").longValue();
            assertThat(queueFigure("waiting")).isEqualTo(3);

            long walkerGone = 0;
            for (int round = 0; System.nanoTime() - activeWalkerLastSeen < TimeUnit.SECONDS.toNanos(ACTIVE_IDLE_SECONDS + 20); round++) {
                assertThat(status(round, stayer).getString("status")).isEqualTo("WAITING");   // each instance in turn, every 2 s
                if (round % 3 == 0) {
                    status(1, behind);   // every 6 s, always on instance 2
                }
                if (round % 10 == 0) {
                    assertThat(status(round / 10, activeStayer).getString("status")).as("an active fan who polls").isEqualTo("ACTIVE");
                    assertThat(status(round / 10 + 1, holder).getString("status")).isEqualTo("ACTIVE");
                }
                long waiting = queueFigure("waiting");
                long since = System.nanoTime() - walkerIssued;
                if (walkerGone == 0 && waiting == 2) {
                    walkerGone = since;
                    assertThat(since).as("not before the idle time").isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(WAITING_IDLE_SECONDS - 1));
                    pause(1100);   // the count is the store's; a waiting fan's position may be an instance's view, up to 1 s old
                    for (int instance = 0; instance < 2; instance++) {
                        assertThat(send(instance, "GET", "api/queue/status", null, walker).status())
                                .as("the walker's token on instance %d", instance + 1).isEqualTo(401);
                        assertThat(status(instance, behind).getJsonNumber("position").longValue())
                                .as("the fan behind moved up, on instance %d", instance + 1).isEqualTo(behindFirst - 1);
                        assertThat(status(instance, stayer).getJsonNumber("position").longValue()).isEqualTo(behindFirst - 2);
                    }
                } else if (walkerGone == 0) {
                    assertThat(waiting).as("nobody else leaves the line").isEqualTo(3);
                    assertThat(since).as("the walker loses the place within its idle time + 30 s")
                            .isLessThan(TimeUnit.SECONDS.toNanos(WAITING_IDLE_SECONDS + 30));
                } else {
                    assertThat(waiting).as("the fans who poll stay").isEqualTo(2);
                }
                pause(2000);
            }
            assertThat(walkerGone).as("the waiting walker lost the place").isPositive();
            System.out.printf("the waiting walker lost the place %.1f s after the token was issued (idle time %d s)%n",
                    walkerGone / 1e9, WAITING_IDLE_SECONDS);
            for (int instance = 0; instance < 2; instance++) {
                Reply walkedAway = send(instance, "GET", "api/queue/status", null, activeWalker);
                assertThat(walkedAway.status()).as("the active walker's slot, instance %d: %s", instance + 1, walkedAway.body())
                        .isEqualTo(401);
                assertThat(status(instance, activeStayer).getString("status")).isEqualTo("ACTIVE");
                assertThat(status(instance, stayer).getString("status")).isEqualTo("WAITING");
            }
            aHoldOutlivesTheAdmissionWindowOnBothInstances(holder, activeStayer);
        } finally {
            send(0, "PUT", "api/admin/queue/settings", "{\"paused\":false,\"admitPerSecond\":5000,\"activeMax\":100000}", KEY);
        }
    }

    /**
     * Two seconds before the end of its admission window, {@code holder} holds a seat on instance 1 (for
     * RESERVATION_HOLD_SECONDS, 5 s); past the window's end, {@code admittedWithIt}'s token has lapsed and
     * the holder pays on instance 2.
     */
    static void aHoldOutlivesTheAdmissionWindowOnBothInstances(String holder, String admittedWithIt) {
        Instant windowEnds = Instant.parse(status(0, holder).getString("activeUntil"));
        Instant otherEnds = Instant.parse(status(1, admittedWithIt).getString("activeUntil"));
        assertThat(Duration.between(windowEnds, otherEnds).abs()).as("admitted by one pass").isLessThanOrEqualTo(Duration.ofSeconds(1));
        LocalDate date = LocalDate.now().plusDays(66);
        String concert = concert(date);
        awaitInstant(windowEnds.minusSeconds(2));
        Reply hold = send(0, "POST", "api/reservations", "{\"concertId\":\"" + concert + "\",\"date\":\"" + date
                + "\",\"seatNumber\":1}", holder);
        assertThat(hold.status()).as(hold.body()).isEqualTo(201);
        Instant heldUntil = Instant.parse(hold.object().getString("heldUntil"));
        assertThat(Instant.parse(status(1, holder).getString("activeUntil"))).as("the token, as the other instance has it")
                .isAfterOrEqualTo(heldUntil);

        awaitInstant((otherEnds.isAfter(windowEnds) ? otherEnds : windowEnds).plusSeconds(1));
        for (int instance = 0; instance < 2; instance++) {
            assertThat(send(instance, "GET", "api/queue/status", null, admittedWithIt).status())
                    .as("a token without a hold, past its window, instance %d", instance + 1).isEqualTo(401);
        }
        Reply paid = send(1, "POST", "api/payments", "{\"reservationId\":\"" + hold.object().getString("reservationId")
                + "\"}", holder);
        assertThat(paid.status()).as("paid past the window: %s", paid.body()).isEqualTo(201);
        System.out.printf("a fan who held a seat 2 s before the admission window ended paid %.1f s after it ended%n",
                Duration.between(windowEnds, Instant.now()).toMillis() / 1e3);
    }

    static void awaitInstant(Instant moment) {
        long millis = Instant.now().until(moment, java.time.temporal.ChronoUnit.MILLIS);
        if (millis > 0) {
            pause(millis);
        }
    }

    /** A new fan's token, asked of instance {@code instance}, as an Authorization header. */
    static String issued(int instance) {
        Reply issued = send(instance, "POST", "api/queue/tokens", "{\"userId\":\"" + UUID.randomUUID() + "\"}", null);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        SECRETS.add(issued.object().getString("token"));
        return "Bearer " + issued.object().getString("token");
    }

    /** The status instance {@code instance} (modulo 2) answers for the token; it must answer 200. */
    static JsonObject status(int instance, String authorization) {
        Reply status = send(instance, "GET", "api/queue/status", null, authorization);
        assertThat(status.status()).as("instance %d: %s", instance % 2 + 1, status.body()).isEqualTo(200);
        return status.object();
    }

    static void awaitActive(String authorization, int instance) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!status(instance, authorization).getString("status").equals("ACTIVE")) {
            assertThat(System.nanoTime()).as("admitted within 30 s").isLessThan(deadline);
            pause(200);
        }
    }

    /** A figure of GET /api/admin/queue ("waiting", "active"), as instance 1 reports it. */
    static long queueFigure(String name) {
        return send(0, "GET", "api/admin/queue", null, KEY).object().getJsonNumber(name).longValue();
    }

    /** The active figure as instance {@code instance} (modulo 2) reports it, checked against the cap at every read. */
    static long activeAsSeenBy(int instance, int cap) {
        long active = send(instance, "GET", "api/admin/queue", null, KEY).object().getJsonNumber("active").longValue();
        assertThat(active).as("active users, as instance %d sees them, within the cap", instance % 2).isLessThanOrEqualTo(cap);
        return active;
    }

    @Test
    void aHundredChargesSpreadOverBothInstancesAddUpExactly() throws Exception {
        String[] fan = admitted(0);

        List<Reply> replies = atOnce(100, n -> send(n, "POST", "api/users/" + fan[0] + "/balance/charges",
                "{\"amount\":" + (100 + n) + "}", fan[1]));

        assertThat(replies).allMatch(r -> r.status() == 200);
        long balance = send(1, "GET", "api/users/" + fan[0] + "/balance", null, fan[1]).object().getJsonNumber("balance").longValue();
        assertThat(balance).isEqualTo(100 * 100 + 99 * 100 / 2);
    }

    @Test
    void aHoldMadeOnOneInstanceLapsesAndIsSweptOnce() throws Exception {
        LocalDate date = LocalDate.now().plusDays(61);
        String concert = concert(date);
        String[] fan = admitted(0);
        String reservation = send(0, "POST", "api/reservations", "{\"concertId\":\"" + concert + "\",\"date\":\"" + date
                + "\",\"seatNumber\":3}", fan[1]).object().getString("reservationId");

        String[] row = sweptRow(reservation);
        // a second hold, made now, is swept only after each instance's 1 s sweep has run several times more
        String later = send(1, "POST", "api/reservations", "{\"concertId\":\"" + concert + "\",\"date\":\"" + date
                + "\",\"seatNumber\":4}", fan[1]).object().getString("reservationId");
        sweptRow(later);
        // EclipseLink writes version 1 on insert: made (1), expired (2), and nothing after
        assertThat(reservationRow(reservation)[1]).as("changed once by a sweep").isEqualTo(row[1]).isEqualTo("2");
        JsonArray seats = Json.createReader(new StringReader(send(1, "GET", "api/concerts/" + concert + "/dates/" + date
                + "/seats", null, null).body())).readObject().getJsonArray("seats");
        assertThat(seats.getJsonObject(2).getString("status")).isEqualTo("AVAILABLE");
    }

    /** A reservation's row once a sweep has expired it (within a minute). */
    static String[] sweptRow(String reservation) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String[] row = reservationRow(reservation);
        while (!"EXPIRED".equals(row[0])) {
            assertThat(System.nanoTime()).as("%s lapsed after 5 s and swept within a minute", reservation).isLessThan(deadline);
            pause(100);
            row = reservationRow(reservation);
        }
        return row;
    }

    /** One step of a fan's journey, sent to the fan's instance; when that instance is gone, to the other. */
    static Reply step(int[] instance, String method, String path, String body, String... headers) {
        for (int attempt = 0; ; attempt++) {
            try {
                return exchange(request(instance[0], method, path, body, Duration.ofSeconds(30), headers));
            } catch (java.io.IOException gone) {
                if (attempt == 2) {
                    return new Reply(0, String.valueOf(gone));
                }
                instance[0]++;   // as a careful client does: the same request, same Idempotency-Key, to the instance still up
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return new Reply(0, "interrupted");
            }
        }
    }

    /**
     * What one fan sent and was told: the keys of the charges answered 200, and the reservation whose payment
     * was answered 201 (null when none was).
     */
    record Journey(String user, List<String> chargesAnswered, String paidReservation) {
        boolean paid() {
            return paidReservation != null;
        }
    }

    /** Fails unless every payment a fan was told of (201) is a sale in the database: {@code sold}, by reservation id. */
    static void assertEveryPaymentToldOfIsASale(List<Journey> journeys, Set<String> sold) {
        assertThat(journeys.stream().filter(Journey::paid).map(Journey::paidReservation))
                .as("payments answered 201 that are not a confirmed, paid reservation in the database")
                .allMatch(sold::contains);
    }

    /** How a journey sends one of its steps: to {@code instance[0]}, which the sender may move on to the other instance. */
    @FunctionalInterface
    interface Sender {
        Reply send(int[] instance, String step, String method, String path, String body, String... headers);
    }

    /** Charge twice, hold a seat others want too, pay: each step with the client's own retry on a lost instance. */
    static Journey journey(String[] fan, int n, String concert, LocalDate date) {
        return journey(fan, n, concert, date, "kill-", (instance, step, method, path, body, headers) ->
                step(instance, method, path, body, headers));
    }

    /**
     * Charge 700 twice, hold a seat others want too (two fans a seat), pay: each step sent by {@code sender},
     * the charges' and the payment's Idempotency-Keys beginning with {@code keys}.
     */
    static Journey journey(String[] fan, int n, String concert, LocalDate date, String keys, Sender sender) {
        int[] instance = {n};
        List<String> answered = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            String key = keys + fan[0] + "-" + c;
            SECRETS.add(key);
            Reply charge = sender.send(instance, "charge", "POST", "api/users/" + fan[0] + "/balance/charges",
                    "{\"amount\":700}", "Authorization", fan[1], "Idempotency-Key", key);
            if (charge.status() == 200) {
                answered.add(key);
            }
            pause(150);
        }
        Reply hold = sender.send(instance, "hold", "POST", "api/reservations", "{\"concertId\":\"" + concert
                + "\",\"date\":\"" + date + "\",\"seatNumber\":" + (n % 20 + 1) + "}", "Authorization", fan[1]);
        if (hold.status() != 201) {
            return new Journey(fan[0], answered, null);
        }
        pause(150);
        String reservation = hold.object().getString("reservationId");
        Reply pay = sender.send(instance, "pay", "POST", "api/payments", "{\"reservationId\":\"" + reservation + "\"}",
                "Authorization", fan[1], "Idempotency-Key", keys + "pay-" + fan[0]);
        return new Journey(fan[0], answered, pay.status() == 201 ? reservation : null);
    }

    /**
     * The invariants after {@link #journey journeys} on one date, once every hold left unpaid has lapsed (5 s
     * holds, the 1 s sweep): no seat sold twice, a confirmed reservation and a payment per sold seat, no seat
     * held past its lapse, every payment a fan was told of a sale; per fan, balance = ledger, debits = payments,
     * every charge a fan was told of kept once, and no more charged than the two sent.
     */
    static void assertNoSeatSoldTwiceAndNoMoneyLost(Connection db, String concert, LocalDate date, List<Journey> journeys)
            throws Exception {
        long dateId = number(db, "SELECT id FROM concert_date WHERE concert_id = ? AND show_date = ?",
                Long.parseLong(concert), java.sql.Date.valueOf(date));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (number(db, "SELECT COUNT(*) FROM seat WHERE concert_date_id = ? AND status = 'HELD'", dateId) > 0
                && System.nanoTime() < deadline) {
            pause(200);
        }
        long sold = number(db, "SELECT COUNT(*) FROM seat WHERE concert_date_id = ? AND status = 'SOLD'", dateId);
        long confirmed = number(db, "SELECT COUNT(*) FROM reservation r JOIN seat s ON s.id = r.seat_id "
                + "WHERE s.concert_date_id = ? AND r.status = 'CONFIRMED'", dateId);
        long seatsConfirmedTwice = number(db, "SELECT COUNT(*) FROM (SELECT r.seat_id FROM reservation r JOIN seat s "
                + "ON s.id = r.seat_id WHERE s.concert_date_id = ? AND r.status = 'CONFIRMED' GROUP BY r.seat_id "
                + "HAVING COUNT(*) > 1) twice", dateId);
        long payments = number(db, "SELECT COUNT(*) FROM payment p JOIN reservation r ON r.id = p.reservation_id "
                + "JOIN seat s ON s.id = r.seat_id WHERE s.concert_date_id = ?", dateId);
        long stuck = number(db, "SELECT COUNT(*) FROM seat WHERE concert_date_id = ? AND status = 'HELD' "
                + "AND held_until < NOW(3) - INTERVAL 2 SECOND", dateId);

        assertThat(seatsConfirmedTwice).as("no seat sold twice").isZero();
        assertThat(confirmed).as("a confirmed reservation per sold seat").isEqualTo(sold);
        assertThat(payments).as("a payment per sold seat").isEqualTo(sold);
        assertThat(stuck).as("no seat held past its lapse").isZero();
        assertThat(sold).as("the journeys did sell").isPositive();
        assertThat(journeys).as("some fans were told their payment went through").anyMatch(Journey::paid);
        assertEveryPaymentToldOfIsASale(journeys, texts(db, "SELECT r.id FROM reservation r JOIN payment p ON "
                + "p.reservation_id = r.id JOIN seat s ON s.id = r.seat_id WHERE s.concert_date_id = ? "
                + "AND r.status = 'CONFIRMED' AND s.status = 'SOLD'", dateId));
        for (Journey journey : journeys) {
            String user = journey.user();
            long balance = number(db, "SELECT COALESCE(MAX(balance), 0) FROM wallet WHERE user_id = ?", user);
            long ledger = number(db, "SELECT COALESCE(SUM(amount), 0) FROM wallet_ledger WHERE user_id = ?", user);
            long charged = number(db, "SELECT COALESCE(SUM(amount), 0) FROM wallet_ledger WHERE user_id = ? AND kind = 'CHARGE'", user);
            long debited = number(db, "SELECT COALESCE(-SUM(amount), 0) FROM wallet_ledger WHERE user_id = ? AND kind = 'PAYMENT'", user);
            long paid = number(db, "SELECT COALESCE(SUM(amount), 0) FROM payment WHERE user_id = ?", user);
            assertThat(balance).as("balance = its ledger, " + user).isEqualTo(ledger);
            assertThat(debited).as("debits = payments, " + user).isEqualTo(paid);
            for (String key : journey.chargesAnswered()) {
                assertThat(number(db, "SELECT COUNT(*) FROM wallet_ledger WHERE user_id = ? AND idempotency_key = ?", user, key))
                        .as("a charge the fan was told of is kept, " + key).isEqualTo(1);
            }
            assertThat(charged).as("no money made: at most the two charges sent, " + user).isLessThanOrEqualTo(2 * 700);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The second instance's JVM, found by its name on its command line. */
    static ProcessHandle secondInstance() {
        return ProcessHandle.allProcesses()
                .filter(process -> commandLine(process).contains("/concert-i2/") && commandLine(process).contains("java"))
                .findFirst().orElseThrow(() -> new AssertionError("no JVM of instance concert-i2"));
    }

    /** A process's whole command line, as Linux keeps it (ProcessHandle.Info may leave it out). */
    static String commandLine(ProcessHandle process) {
        try {
            return java.nio.file.Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline")).replace('\0', ' ');
        } catch (java.io.IOException | RuntimeException gone) {
            return "";
        }
    }

    /** A statement of {@code sql} with its parameters bound, to be closed by the caller. */
    static PreparedStatement query(Connection db, String sql, Object... parameters) throws java.sql.SQLException {
        PreparedStatement query = db.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setObject(i + 1, parameters[i]);
        }
        return query;
    }

    static long number(Connection db, String sql, Object... parameters) throws Exception {
        try (PreparedStatement query = query(db, sql, parameters); ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The first column of every row. */
    static Set<String> texts(Connection db, String sql, Object... parameters) throws Exception {
        Set<String> values = new HashSet<>();
        try (PreparedStatement query = query(db, sql, parameters); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /**
     * A real Prometheus scrapes both instances and evaluates the shipped alerting rules: the sale's figures
     * are there after a booking, every query of the shipped dashboard answers, and an operator's pause
     * with fans waiting fires "admission paused" and never "admission stalled", past the stall's 30 s.
     */
    @Test
    void prometheusFindsTheSalesFiguresAndAPauseIsNeverAStall() throws Exception {
        assumeTrue(PrometheusServer.BINARY.toFile().canExecute(), "needs Debian's prometheus");
        try (PrometheusServer prometheus = PrometheusServer.start(Path.of("target/prometheus"), 31090,
                List.of("localhost:31180", "localhost:31280"))) {
            String[] fan = admitted(0);
            LocalDate date = LocalDate.now().plusDays(63);
            String concert = concert(date);
            assertThat(send(1, "POST", "api/users/" + fan[0] + "/balance/charges", "{\"amount\":5000}", fan[1]).status())
                    .isEqualTo(200);
            Reply hold = send(0, "POST", "api/reservations", "{\"concertId\":\"" + concert + "\",\"date\":\"" + date
                    + "\",\"seatNumber\":7}", fan[1]);
            assertThat(hold.status()).as(hold.body()).isEqualTo(201);
            assertThat(send(1, "POST", "api/payments", "{\"reservationId\":\"" + hold.object().getString("reservationId")
                    + "\"}", fan[1]).status()).isEqualTo(201);

            send(0, "PUT", "api/admin/queue/settings", "{\"paused\":true}", KEY);
            try {
                List<String> waitingTokens = new ArrayList<>();
                for (int n = 0; n < 3; n++) {
                    Reply waiting = send(n, "POST", "api/queue/tokens", "{\"userId\":\"" + UUID.randomUUID() + "\"}", null);
                    assertThat(waiting.status()).isEqualTo(201);
                    waitingTokens.add(waiting.object().getString("token"));
                }
                SECRETS.addAll(waitingTokens);
                long pausedAt = System.nanoTime();
                long deadline = pausedAt + TimeUnit.SECONDS.toNanos(120);
                while (System.nanoTime() - pausedAt < TimeUnit.SECONDS.toNanos(40)
                        || !"firing".equals(prometheus.alert("ConcertAdmissionPaused"))) {
                    assertThat(prometheus.alert("ConcertAdmissionStalled")).as("a pause is not a stall").isEqualTo("inactive");
                    assertThat(System.nanoTime()).as("admission paused fires within 120 s").isLessThan(deadline);
                    for (int n = 0; n < waitingTokens.size(); n++) {   // the waiting fans poll, as they would
                        send(n, "GET", "api/queue/status", null, "Bearer " + waitingTokens.get(n));
                    }
                    pause(1000);
                }
                assertThat(prometheus.alert("ConcertAdmissionStalled")).isEqualTo("inactive");
                assertThat(prometheus.value("count(up{job=\"concert\"} == 1)")).as("both instances scraped").isEqualTo(2);
                assertThat(prometheus.value("max(concert_queue_admission_paused)")).isEqualTo(1);
                assertThat(prometheus.value("max(concert_queue_waiting_fans)")).isGreaterThanOrEqualTo(3);
                assertThat(prometheus.value("max(concert_queue_active_cap_fans)")).isEqualTo(100000);
                assertThat(prometheus.value("sum(concert_payments_total{outcome=\"completed\"})")).isGreaterThanOrEqualTo(1);
                assertThat(prometheus.value("sum(concert_payments_won_total)")).isGreaterThanOrEqualTo(1000);
                assertThat(prometheus.value("sum(concert_queue_tokens_issued_total)")).isGreaterThanOrEqualTo(4);
                assertThat(prometheus.value("sum(concert_queue_admitted_total)")).isGreaterThanOrEqualTo(1);
                assertThat(prometheus.value("sum(concert_http_server_request_duration_seconds_count{endpoint=\"POST /api/payments\"})"))
                        .isGreaterThanOrEqualTo(1);
                assertThat(prometheus.value("histogram_quantile(0.99, sum by (le) (rate(concert_http_server_request_duration_seconds_bucket"
                        + "{endpoint=\"GET /api/queue/status\"}[1m])))")).as("p99 of status polls, cluster-wide").isPositive();
                for (String expression : Dashboard.expressions()) {
                    prometheus.query(expression);   // fails on an error answer
                }
            } finally {
                send(0, "PUT", "api/admin/queue/settings", "{\"paused\":false}", KEY);
            }
        }
    }

    /**
     * One fan's whole journey through nginx: the id nginx gave the payment is in nginx's access log and in
     * the JSON access line of the instance that served it, with the user, endpoint, status and duration;
     * every line the instances logged is JSON; status polls that did not fail are not logged; and no log
     * keeps a secret any test sent.
     */
    @Test
    void aRequestIsFollowedByItsIdAcrossTheBalancerAndNoLogKeepsASecret() throws Exception {
        String user = UUID.randomUUID().toString();
        Reply issued = through(BALANCER, "POST", "api/queue/tokens", "{\"userId\":\"" + user + "\"}");
        String token = issued.object().getString("token");
        SECRETS.add(token);
        String bearer = "Bearer " + token;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!"ACTIVE".equals(through(BALANCER, "GET", "api/queue/status", null, "Authorization", bearer).object().getString("status"))) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            pause(100);
        }
        String chargeKey = "log-charge-" + UUID.randomUUID();
        String payKey = "log-pay-" + UUID.randomUUID();
        SECRETS.addAll(List.of(chargeKey, payKey));
        LocalDate date = LocalDate.now().plusDays(64);
        String concert = concert(date);
        through(BALANCER, "POST", "api/users/" + user + "/balance/charges", "{\"amount\":5000}",
                "Authorization", bearer, "Idempotency-Key", chargeKey);
        String reservation = through(BALANCER, "POST", "api/reservations", "{\"concertId\":\"" + concert + "\",\"date\":\""
                + date + "\",\"seatNumber\":3}", "Authorization", bearer).object().getString("reservationId");
        HttpResponse<String> paid = CLIENT.send(HttpRequest.newBuilder(BALANCER.resolve("api/payments"))
                .header("Content-Type", "application/json").header("Authorization", bearer).header("Idempotency-Key", payKey)
                .POST(HttpRequest.BodyPublishers.ofString("{\"reservationId\":\"" + reservation + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
        String requestId = paid.headers().firstValue("X-Request-Id").orElseThrow();

        JsonObject line = ClusterLogs.waitForAccessLine(requestId, Duration.ofSeconds(15));
        assertThat(line.getString("endpoint")).isEqualTo("POST /api/payments");
        assertThat(line.getString("status")).isEqualTo("201");
        assertThat(line.getString("userId")).isEqualTo(user);
        assertThat(line.getString("instance")).matches("concert-i[12]");
        assertThat(Long.parseLong(line.getString("durationMs"))).isNotNegative();
        assertThat(ClusterLogs.balancer()).contains(requestId);

        List<JsonObject> lines = ClusterLogs.instanceLines();   // fails on a line that is not JSON
        assertThat(lines).filteredOn(entry -> "GET /api/queue/status".equals(entry.getString("endpoint", null)))
                .as("status polls are logged only when they fail")
                .allMatch(entry -> Integer.parseInt(entry.getString("status")) >= 500);
        SECRETS.addAll(List.of(KEY.substring("Bearer ".length()), TOKEN_SECRET));
        for (Path log : ClusterLogs.all()) {
            String text = java.nio.file.Files.readString(log);
            for (String secret : SECRETS) {
                assertThat(text).as("a secret in " + log).doesNotContain(secret);
            }
        }
    }

    /** A request through {@code base} (the balancer): its reply, which must be a 2xx. */
    static Reply through(URI base, String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int h = 0; h < headers.length; h += 2) {
            request.header(headers[h], headers[h + 1]);
        }
        Reply reply = exchange(request.build());
        assertThat(reply.status()).as(method + " " + path + ": " + reply.body()).isBetween(200, 299);
        return reply;
    }

    @Test
    @Order(Integer.MAX_VALUE)   // last: the cluster is one instance short afterwards
    void anInstanceKilledInTheMiddleOfJourneysLosesNoSeatAndNoMoney() throws Exception {
        LocalDate date = LocalDate.now().plusDays(62);
        String concert = concert(date);
        List<String[]> fans = admittedFans(40);
        ProcessHandle victim = secondInstance();

        ExecutorService killer = Executors.newSingleThreadExecutor();
        Future<?> kill = killer.submit(() -> {
            pause(400);
            victim.destroyForcibly();   // SIGKILL: no shutdown hook, no rollback sent, connections just gone
        });
        List<Journey> journeys = atOnce(40, n -> journey(fans.get(n), n, concert, date));
        kill.get(1, TimeUnit.MINUTES);
        killer.shutdown();
        assertThat(victim.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();

        try (Connection db = database()) {
            assertNoSeatSoldTwiceAndNoMoneyLost(db, concert, date, journeys);
        }
    }
}
