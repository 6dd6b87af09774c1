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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real Payara Server instances of one deployment group (ear/src/cluster/cluster.sh) on the same
 * MariaDB and Redis, called directly, alternately: one seat, one line, one wallet, one sweep, whichever
 * instance a request reaches. Needs DB_URL and REDIS_URL (CI sets them) and nginx; skipped otherwise.
 */
class ClusterIT {

    static final Path SCRIPT = Path.of("src/cluster/cluster.sh");
    static final String KEY = "Bearer cluster-it-admin-key";
    static final URI[] INSTANCES = {URI.create("http://localhost:31180/"), URI.create("http://localhost:31280/")};
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    static boolean started;

    record Reply(int status, String body) {
        JsonObject object() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }
    }

    static boolean available() {
        return isSet("DB_URL") && isSet("REDIS_URL") && new File("/usr/sbin/nginx").canExecute();
    }

    static boolean isSet(String name) {
        return System.getenv(name) != null && !System.getenv(name).isBlank();
    }

    static void cluster(String command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), command).inheritIO();
        builder.environment().put("QUEUE_TOKEN_SECRET", "cluster-integration-tests-secret-32+");
        builder.environment().put("ADMIN_API_KEY", KEY.substring("Bearer ".length()));
        builder.environment().put("RESERVATION_HOLD_SECONDS", "2");
        builder.environment().put("RESERVATION_SWEEP_SECONDS", "1");
        builder.environment().put("RATELIMIT_TOKEN_ISSUE_PER_MINUTE", "100000");
        builder.environment().put("RATELIMIT_WRITES_PER_USER_PER_MINUTE", "1000");
        builder.environment().put("LB_PORT", "18080");
        Process process = builder.start();
        if (!process.waitFor(8, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("cluster.sh " + command + " failed");
        }
    }

    @BeforeAll
    static void startCluster() throws Exception {
        assumeTrue(available(), "needs DB_URL, REDIS_URL and nginx for a cluster");
        cluster("start");
        started = true;
        send(0, "PUT", "api/admin/queue/settings", "{\"paused\":false,\"admitPerSecond\":5000,\"activeMax\":100000}", KEY);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (started) {
            cluster("stop");
        }
    }

    static Reply send(int instance, String method, String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(INSTANCES[instance % 2].resolve(path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new user's token, asked of one instance, once ACTIVE as seen by the other. */
    static String[] admitted(int instance) throws InterruptedException {
        String user = UUID.randomUUID().toString();
        String token = send(instance, "POST", "api/queue/tokens", "{\"userId\":\"" + user + "\"}", null).object().getString("token");
        for (int i = 0; i < 200; i++) {
            Reply status = send(instance + 1, "GET", "api/queue/status", null, "Bearer " + token);
            if (status.status() == 200 && status.object().getString("status").equals("ACTIVE")) {
                return new String[] {user, "Bearer " + token};
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not admitted");
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

    /** A reservation's status and version as the table has them. */
    static String[] reservationRow(String reservation) throws Exception {
        try (Connection db = DriverManager.getConnection(System.getenv("DB_URL"), System.getenv("DB_USER"),
                System.getenv("DB_PASSWORD"));
             PreparedStatement query = db.prepareStatement("SELECT status, version FROM reservation WHERE id = ?")) {
            query.setString(1, reservation);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new String[] {row.getString(1), String.valueOf(row.getLong(2))};
            }
        }
    }

    @Test
    void twoHundredFansOnTwoInstancesRacingForOneSeatLeaveOneHolder() throws Exception {
        LocalDate date = LocalDate.now().plusDays(60);
        String concert = concert(date);
        List<String[]> fans = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            fans.add(admitted(i));
        }

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
            for (int second = 0; second < 4; second++) {
                Thread.sleep(1_000);
                JsonObject figures = send(second, "GET", "api/admin/queue", null, KEY).object();
                assertThat(figures.getJsonNumber("active").longValue()).as("both timers admit").isLessThanOrEqualTo(cap);
            }
            assertThat(send(0, "GET", "api/admin/queue", null, KEY).object().getJsonNumber("active").longValue()).isEqualTo(cap);
        } finally {
            send(0, "PUT", "api/admin/queue/settings", "{\"paused\":false,\"admitPerSecond\":5000,\"activeMax\":100000}", KEY);
        }
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

        String[] row = reservationRow(reservation);
        for (int i = 0; i < 100 && !"EXPIRED".equals(row[0]); i++) {
            Thread.sleep(100);
            row = reservationRow(reservation);
        }
        assertThat(row[0]).as("swept by one of the instances within 10 s").isEqualTo("EXPIRED");
        Thread.sleep(2_500);   // both timers ran again meanwhile
        // EclipseLink writes version 1 on insert: made (1), expired (2), and nothing after
        assertThat(reservationRow(reservation)[1]).as("changed once by a sweep").isEqualTo(row[1]).isEqualTo("2");
        JsonArray seats = Json.createReader(new StringReader(send(1, "GET", "api/concerts/" + concert + "/dates/" + date
                + "/seats", null, null).body())).readObject().getJsonArray("seats");
        assertThat(seats.getJsonObject(2).getString("status")).isEqualTo("AVAILABLE");
    }
}
