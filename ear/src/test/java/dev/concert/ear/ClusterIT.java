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
        builder.environment().put("RESERVATION_HOLD_SECONDS", "5");   // long enough for a loaded CI machine to finish a race
        builder.environment().put("RESERVATION_SWEEP_SECONDS", "1");
        builder.environment().put("RATELIMIT_TOKEN_ISSUE_PER_MINUTE", "100000");
        builder.environment().put("RATELIMIT_WRITES_PER_USER_PER_MINUTE", "1000");
        builder.environment().put("LB_PORT", "31080");   // in the cluster's own port range
        // the queue's keys under this run's own prefix: active tokens left by an earlier run on the same Redis
        // would lapse in the middle of a test and free a slot the test counts
        builder.environment().put("QUEUE_REDIS_PREFIX", PREFIX);
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
        send(0, "PUT", "api/admin/queue/settings", "{\"paused\":false,\"admitPerSecond\":5000,\"activeMax\":100000}", KEY);
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

    /** {@code count} new users, each admitted as {@link #admitted} admits them, the n-th asking instance n. */
    static List<String[]> admittedFans(int count) throws InterruptedException {
        List<String[]> fans = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fans.add(admitted(i));
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
        for (int i = 0; i < 200 && !"EXPIRED".equals(row[0]); i++) {
            Thread.sleep(100);
            row = reservationRow(reservation);
        }
        assertThat(row[0]).as("lapsed after 5 s and swept by one of the instances within 20 s").isEqualTo("EXPIRED");
        Thread.sleep(2_500);   // both timers ran again meanwhile
        // EclipseLink writes version 1 on insert: made (1), expired (2), and nothing after
        assertThat(reservationRow(reservation)[1]).as("changed once by a sweep").isEqualTo(row[1]).isEqualTo("2");
        JsonArray seats = Json.createReader(new StringReader(send(1, "GET", "api/concerts/" + concert + "/dates/" + date
                + "/seats", null, null).body())).readObject().getJsonArray("seats");
        assertThat(seats.getJsonObject(2).getString("status")).isEqualTo("AVAILABLE");
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
                instance[0]++;   // as a load balancer would: the same request to the instance still up
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return new Reply(0, "interrupted");
            }
        }
    }

    /** What one fan sent and was told: the keys of the charges answered 200, and whether the payment was. */
    record Journey(String user, List<String> chargesAnswered, boolean paid) {
    }

    /** Charge twice, hold a seat others want too, pay: each step with the client's own retry on a lost instance. */
    static Journey journey(String[] fan, int n, String concert, LocalDate date) {
        int[] instance = {n};
        List<String> answered = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            String key = "kill-" + fan[0] + "-" + c;
            Reply charge = step(instance, "POST", "api/users/" + fan[0] + "/balance/charges", "{\"amount\":700}",
                    "Authorization", fan[1], "Idempotency-Key", key);
            if (charge.status() == 200) {
                answered.add(key);
            }
            pause(150);
        }
        Reply hold = step(instance, "POST", "api/reservations", "{\"concertId\":\"" + concert + "\",\"date\":\"" + date
                + "\",\"seatNumber\":" + (n % 20 + 1) + "}", "Authorization", fan[1]);
        if (hold.status() != 201) {
            return new Journey(fan[0], answered, false);
        }
        pause(150);
        Reply pay = step(instance, "POST", "api/payments", "{\"reservationId\":\"" + hold.object().getString("reservationId")
                + "\"}", "Authorization", fan[1], "Idempotency-Key", "kill-pay-" + fan[0]);
        return new Journey(fan[0], answered, pay.status() == 200);
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

    static long number(Connection db, String sql, Object... parameters) throws Exception {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
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
        Thread.sleep(8_000);   // a 5 s hold lapses; the surviving instance's 1 s sweep runs

        try (Connection db = database()) {
            long dateId = number(db, "SELECT id FROM concert_date WHERE concert_id = ? AND show_date = ?",
                    Long.parseLong(concert), java.sql.Date.valueOf(date));
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
            assertThat(journeys.stream().filter(Journey::paid).count()).as("every payment a fan was told of is a sale")
                    .isLessThanOrEqualTo(sold);
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
    }
}
