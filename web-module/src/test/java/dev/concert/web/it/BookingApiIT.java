package dev.concert.web.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.concert.web.it.Fans.Fan;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Holds, balances and payments over the network, on Payara Micro with real MariaDB and Redis (as
 * {@link TestStores} chose): the races with real threads, the lapse of a hold with
 * {@code reservation.hold-seconds} = {@code it.hold-seconds} (2 s), and the whole user story.
 */
class BookingApiIT extends ApiIT {

    static final LocalDate SHOW = LocalDate.now().plusDays(30);
    static final long PRICE = 150_000;
    static final int HOLD_SECONDS = Integer.getInteger("it.hold-seconds");

    Fans fans;
    JsonObject settingsBefore;

    @BeforeEach
    void admitFreely() {
        fans = new Fans(http, ADMIN);
        settingsBefore = fans.figures();
        fans.admitFreely();
    }

    @AfterEach
    void restoreSettings() {
        fans.settings("{\"paused\":false,\"admitPerSecond\":" + settingsBefore.getInt("admitPerSecond")
                + ",\"activeMax\":" + settingsBefore.getInt("activeMax") + "}");
    }

    // ---- the requests of the contract

    Http.Reply hold(Fan fan, String concertId, int seat) {
        return http.post("api/reservations", "{\"concertId\":\"" + concertId + "\",\"date\":\"" + SHOW
                + "\",\"seatNumber\":" + seat + "}", "Authorization", fan.bearer());
    }

    Http.Reply charge(Fan fan, long amount, String... key) {
        String[] headers = key.length == 0 ? new String[] {"Authorization", fan.bearer()}
                : new String[] {"Authorization", fan.bearer(), "Idempotency-Key", key[0]};
        return http.post("api/users/" + fan.userId() + "/balance/charges", "{\"amount\":" + amount + "}", headers);
    }

    Http.Reply pay(Fan fan, String reservationId, String... key) {
        String[] headers = key.length == 0 ? new String[] {"Authorization", fan.bearer()}
                : new String[] {"Authorization", fan.bearer(), "Idempotency-Key", key[0]};
        return http.post("api/payments", "{\"reservationId\":\"" + reservationId + "\"}", headers);
    }

    /** Waits (under a second) until the wall clock, which the server shares, is past {@code moment}'s second. */
    static void awaitNextSecond(Instant moment) {
        Instant next = moment.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        long millis = Instant.now().until(next, ChronoUnit.MILLIS);
        if (millis > 0) {
            try {
                Thread.sleep(millis + 1);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
    }

    long balance(Fan fan) {
        Http.Reply reply = http.get("api/users/" + fan.userId() + "/balance", "Authorization", fan.bearer());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.object().getJsonNumber("balance").longValue();
    }

    String seatStatus(String concertId, int seat) {
        return http.get("api/concerts/" + concertId + "/dates/" + SHOW + "/seats").object()
                .getJsonArray("seats").getJsonObject(seat - 1).getString("status");
    }

    static String code(Http.Reply reply) {
        return reply.object().getString("code");
    }

    /** Runs {@code count} requests at once on their own threads, released together. */
    static List<Http.Reply> atOnce(int count, IntFunction<Http.Reply> request) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Http.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                Callable<Http.Reply> call = () -> {
                    start.await();
                    return request.apply(n);
                };
                replies.add(threads.submit(call));
            }
            start.countDown();
            List<Http.Reply> done = new ArrayList<>();
            for (Future<Http.Reply> reply : replies) {
                done.add(reply.get(120, TimeUnit.SECONDS));
            }
            return done;
        } finally {
            threads.shutdownNow();
        }
    }

    static Map<Integer, Long> byStatus(List<Http.Reply> replies) {
        Map<Integer, Long> counts = new ConcurrentHashMap<>();
        replies.forEach(reply -> counts.merge(reply.status(), 1L, Long::sum));
        return counts;
    }

    // ---- the races

    @Test
    void twoHundredFansRacingForOneSeatLeaveExactlyOneHolder() throws Exception {
        String concert = fans.concert(SHOW, PRICE);
        List<Fan> racers = fans.admitted(200);

        List<Http.Reply> replies = atOnce(200, n -> hold(racers.get(n), concert, 7));
        Instant answered = Instant.now();

        assertThat(byStatus(replies)).as(String.valueOf(replies.stream().filter(r -> r.status() >= 500).map(Http.Reply::body).toList()))
                .containsOnlyKeys(201, 409);
        assertThat(replies.stream().filter(r -> r.status() == 409).map(BookingApiIT::code)).containsOnly("SEAT_UNAVAILABLE");
        List<Instant> holdEnds = replies.stream().filter(r -> r.status() == 201)
                .map(r -> Instant.parse(r.object().getString("heldUntil"))).sorted().toList();
        assertThat(holdEnds).as("a winner").isNotEmpty();
        if (answered.isBefore(holdEnds.get(0))) {
            assertThat(holdEnds).as("every answer came while the first hold lasted: one winner").hasSize(1);
        } else {
            // the 2 s hold lapsed during the race (a busy machine): the seat may be held again, never twice at once
            for (int i = 1; i < holdEnds.size(); i++) {
                assertThat(holdEnds.get(i).minusSeconds(HOLD_SECONDS)).as("hold %d began after hold %d ended", i + 1, i)
                        .isAfterOrEqualTo(holdEnds.get(i - 1));
            }
        }
        boolean holdLasts = Instant.now().isBefore(holdEnds.get(holdEnds.size() - 1));
        String seat = seatStatus(concert, 7);
        if (holdLasts) {
            assertThat(seat).as("the winner's seat while the hold lasts").isEqualTo("HELD");
        }
        assertThat(Tables.number("""
                SELECT COUNT(*) FROM reservation r JOIN seat s ON s.id = r.seat_id JOIN concert_date d ON d.id = s.concert_date_id
                WHERE d.concert_id = ? AND s.seat_number = 7""", Long.parseLong(concert))).contains((long) holdEnds.size());
    }

    @Test
    void aHundredConcurrentChargesAddUpToTheCent() throws Exception {
        Fan fan = fans.admitted();

        List<Http.Reply> replies = atOnce(100, n -> charge(fan, 1_000 + n));

        assertThat(byStatus(replies)).containsOnlyKeys(200);
        long expected = 100 * 1_000 + 99 * 100 / 2;
        assertThat(balance(fan)).isEqualTo(expected);
        assertThat(replies.stream().map(r -> r.object().getJsonNumber("balance").longValue()).distinct()).hasSize(100);
        assertLedgerAddsUp(fan, expected);
    }

    @Test
    void paymentsAndChargesAtOnceNeverTakeTheBalanceBelowZeroNorLoseAWon() throws Exception {
        String concert = fans.concert(SHOW, PRICE);
        Fan fan = fans.admitted();
        assertThat(charge(fan, PRICE).status()).isEqualTo(200);
        List<String> holds = new ArrayList<>();
        for (int seat = 1; seat <= 4; seat++) {
            holds.add(hold(fan, concert, seat).object().getString("reservationId"));
        }

        // 4 payments of 150,000 on a balance of 150,000, while 20 charges of 1,000 arrive
        List<Http.Reply> replies = atOnce(24, n -> n < 4 ? pay(fan, holds.get(n)) : charge(fan, 1_000));

        long paid = replies.subList(0, 4).stream().filter(r -> r.status() == 201).count();
        assertThat(paid).isEqualTo(1);
        assertThat(replies.subList(0, 4).stream().map(Http.Reply::status)).allMatch(s -> s == 201 || s == 402 || s == 401);
        // the first payment spends the token: charges that reach the filter after it are 401 and change nothing
        assertThat(replies.subList(4, 24).stream().map(Http.Reply::status)).allMatch(s -> s == 200 || s == 401);
        long charged = replies.subList(4, 24).stream().filter(r -> r.status() == 200).count();
        long expected = PRICE + charged * 1_000 - paid * PRICE;
        assertLedgerAddsUp(fan, expected);
    }

    @Test
    void oneUserHoldsAtMostFourSeatsEvenAllAtOnce() throws Exception {
        String concert = fans.concert(SHOW, PRICE);
        Fan fan = fans.admitted();

        List<Http.Reply> replies = atOnce(10, n -> hold(fan, concert, 11 + n));

        assertThat(byStatus(replies)).containsOnlyKeys(201, 429).containsEntry(201, 4L);
        Http.Reply refused = replies.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        assertThat(code(refused)).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, (long) HOLD_SECONDS);
    }

    @Test
    void aSeatLockedPastTheLockTimeoutIsA503NotAHang() throws Exception {
        // InnoDB's lock wait, bounded by the server's hint; the embedded H2 has its own lock timeout instead
        assumeTrue(TestStores.onMySql(), "needs MySQL/MariaDB to hold a row lock from outside");
        String concert = fans.concert(SHOW, PRICE);
        Fan fan = fans.admitted();
        try (java.sql.Connection outside = Tables.connect()) {
            outside.setAutoCommit(false);
            try (var lock = outside.prepareStatement("""
                    SELECT s.id FROM seat s JOIN concert_date d ON d.id = s.concert_date_id
                    WHERE d.concert_id = ? AND s.seat_number = 33 FOR UPDATE""")) {
                lock.setLong(1, Long.parseLong(concert));
                lock.executeQuery().close();
            }
            long started = System.nanoTime();
            Http.Reply busy = hold(fan, concert, 33);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            outside.rollback();

            assertThat(busy.status()).as(busy.body()).isEqualTo(503);
            assertThat(code(busy)).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(busy.header("Retry-After")).isNotBlank();
            assertThat(seconds).as("bounded by the 5 s lock wait, not InnoDB's default 50 s").isLessThan(20);
        }
        assertThat(hold(fan, concert, 33).status()).isEqualTo(201);
    }

    // ---- lapse

    @Test
    void aHoldLapsesByItselfAndTheSeatIsBookableAgain() {
        String concert = fans.concert(SHOW, PRICE);
        Fan first = fans.admitted();
        Fan second = fans.admitted();
        Http.Reply held = hold(first, concert, 3);
        assertThat(held.status()).as(held.body()).isEqualTo(201);
        String reservation = held.object().getString("reservationId");
        Instant until = Instant.parse(held.object().getString("heldUntil"));
        assertThat(hold(second, concert, 3).status()).isEqualTo(409);

        // the seat is the holder's until heldUntil, then AVAILABLE at once, swept or not (the server's clock is
        // this machine's): watch it turn, and fail only if it turned before its time or never
        long deadline = until.toEpochMilli() + TimeUnit.SECONDS.toMillis(30);
        while (true) {
            String status = seatStatus(concert, 3);
            long answeredAt = System.currentTimeMillis();
            if (status.equals("AVAILABLE")) {
                assertThat(answeredAt).as("not free before the hold's end").isGreaterThanOrEqualTo(until.toEpochMilli());
                break;
            }
            assertThat(status).isEqualTo("HELD");
            assertThat(answeredAt).as("free within 30 s of the hold's end").isLessThan(deadline);
            Fans.sleep(50);
        }
        assertThat(http.get("api/reservations/" + reservation, "Authorization", first.bearer()).object()
                .getString("status")).isEqualTo("EXPIRED");
        Http.Reply late = pay(first, reservation);
        assertThat(late.status()).isEqualTo(409);
        assertThat(code(late)).isEqualTo("HOLD_EXPIRED");
        Http.Reply retaken = hold(second, concert, 3);
        assertThat(retaken.status()).as(retaken.body()).isEqualTo(201);
    }

    @Test
    void theSweepClosesALapsedHoldInTheTables() {
        String concert = fans.concert(SHOW, PRICE);
        Fan fan = fans.admitted();
        String reservation = hold(fan, concert, 9).object().getString("reservationId");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HOLD_SECONDS + 10);
        while (!"EXPIRED".equals(Tables.text("SELECT status FROM reservation WHERE id = ?", reservation))) {
            assertThat(System.nanoTime()).as("swept within hold + 10 s").isLessThan(deadline);
            Fans.sleep(200);
        }
        assertThat(Tables.text("""
                SELECT s.status FROM seat s JOIN reservation r ON r.seat_id = s.id WHERE r.id = ?""", reservation))
                .isEqualTo("AVAILABLE");
        assertThat(Tables.number("SELECT active_seat_id FROM reservation WHERE id = ?", reservation)).isEmpty();
    }

    // ---- the user story

    @Test
    void theWholeStoryFromTokenToSoldSeat() {
        String concert = fans.concert(SHOW, PRICE);
        fans.settings("{\"paused\":true}");
        Fan fan = fans.waiting();
        assertThat(fans.status(fan)).isEqualTo("WAITING");
        Http.Reply early = hold(fan, concert, 25);
        assertThat(early.status()).isEqualTo(403);
        assertThat(code(early)).isEqualTo("TOKEN_NOT_ACTIVE");
        assertThat(charge(fan, 200_000).status()).as("a waiting user may charge").isEqualTo(200);

        fans.settings("{\"paused\":false}");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!"ACTIVE".equals(fans.status(fan))) {
            assertThat(System.nanoTime()).as("admitted within 10 s").isLessThan(deadline);
            Fans.sleep(100);
        }
        assertThat(http.get("api/concerts/" + concert + "/dates").array().getJsonObject(0).getInt("availableSeats"))
                .isEqualTo(50);

        Http.Reply held = hold(fan, concert, 25);
        assertThat(held.status()).as(held.body()).isEqualTo(201);
        JsonObject reservation = held.object();
        assertThat(held.header("Location")).endsWith("/api/reservations/" + reservation.getString("reservationId"));
        assertThat(reservation.getString("status")).isEqualTo("HELD");
        assertThat(reservation.getString("concertId")).isEqualTo(concert);
        assertThat(reservation.getString("date")).isEqualTo(SHOW.toString());
        assertThat(reservation.getInt("seatNumber")).isEqualTo(25);
        assertThat(reservation.getJsonNumber("price").longValue()).isEqualTo(PRICE);
        assertThat(seatStatus(concert, 25)).isEqualTo("HELD");
        assertThat(http.get("api/concerts/" + concert + "/dates").array().getJsonObject(0).getInt("availableSeats"))
                .isEqualTo(49);

        Http.Reply paid = pay(fan, reservation.getString("reservationId"));
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        JsonObject payment = paid.object();
        assertThat(payment.getString("paymentId")).startsWith("p-");
        assertThat(payment.getString("reservationId")).isEqualTo(reservation.getString("reservationId"));
        assertThat(payment.getJsonNumber("amount").longValue()).isEqualTo(PRICE);
        assertThat(payment.getString("status")).isEqualTo("COMPLETED");
        assertThat(Instant.parse(payment.getString("paidAt"))).isBefore(Instant.now().plusSeconds(5));

        assertThat(seatStatus(concert, 25)).isEqualTo("SOLD");
        Http.Reply spent = http.get("api/queue/status", "Authorization", fan.bearer());
        assertThat(spent.status()).isEqualTo(401);
        assertThat(code(spent)).isEqualTo("TOKEN_INVALID");

        Fan back = new Fan(fan.userId(), http.post("api/queue/tokens", "{\"userId\":\"" + fan.userId() + "\"}",
                "X-Forwarded-For", "10.250.0.1").object().getString("token"));
        assertThat(balance(back)).isEqualTo(200_000 - PRICE);
        assertThat(http.get("api/reservations/" + reservation.getString("reservationId"), "Authorization", back.bearer())
                .object().getString("status")).isEqualTo("CONFIRMED");
        var history = http.get("api/users/" + fan.userId() + "/payments", "Authorization", back.bearer()).array();
        assertThat(history).hasSize(1);
        assertThat(history.getJsonObject(0)).isEqualTo(payment);
        assertLedgerAddsUp(fan, 200_000 - PRICE);
    }

    /**
     * What the operators' Prometheus reads: each event of a sale counted once under its documented name,
     * latency per endpoint in buckets, the line's figures as the store sees them.
     */
    @Test
    void theSalesFiguresAreOnMetricsForPrometheus() throws Exception {
        String concert = fans.concert(SHOW, PRICE);
        Scrape before = Scrape.of(base.toURI());
        Fan fan = fans.admitted();
        Fan rival = fans.admitted();
        Fan poor = fans.admitted();
        Http.Reply polled = http.get("api/queue/status", "Authorization", fan.bearer());
        assertThat(http.get("api/queue/status", "Authorization", fan.bearer(), "If-None-Match", polled.header("ETag"))
                .status()).isEqualTo(304);
        assertThat(charge(fan, PRICE, "metrics-charge").status()).isEqualTo(200);
        assertThat(charge(fan, PRICE, "metrics-charge").status()).as("a replay").isEqualTo(200);
        String reservation = hold(fan, concert, 40).object().getString("reservationId");
        assertThat(hold(rival, concert, 40).status()).isEqualTo(409);
        assertThat(pay(fan, reservation, "metrics-pay").status()).isEqualTo(201);
        String unaffordable = hold(poor, concert, 41).object().getString("reservationId");
        assertThat(pay(poor, unaffordable).status()).isEqualTo(402);
        String letGo = hold(rival, concert, 42).object().getString("reservationId");
        assertThat(http.send("DELETE", "api/reservations/" + letGo, null, "Authorization", rival.bearer()).status())
                .isEqualTo(200);

        Scrape after = Scrape.of(base.toURI());
        assertThat(after.since(before, "concert_queue_tokens_issued_total")).isEqualTo(3);
        assertThat(after.since(before, "concert_queue_status_polls_total", "answer", "200")).isGreaterThanOrEqualTo(3);
        assertThat(after.since(before, "concert_queue_status_polls_total", "answer", "304")).isEqualTo(1);
        assertThat(after.since(before, "concert_wallet_charges_total")).isEqualTo(1);
        assertThat(after.since(before, "concert_wallet_charged_won_total")).isEqualTo(PRICE);
        assertThat(after.since(before, "concert_idempotent_replays_total", "operation", "charge")).isEqualTo(1);
        assertThat(after.since(before, "concert_reservation_holds_total", "outcome", "held")).isEqualTo(3);
        assertThat(after.since(before, "concert_reservation_holds_total", "outcome", "refused")).isEqualTo(1);
        assertThat(after.since(before, "concert_payments_total", "outcome", "completed")).isEqualTo(1);
        assertThat(after.since(before, "concert_payments_won_total")).isEqualTo(PRICE);
        assertThat(after.since(before, "concert_payments_total", "outcome", "declined")).isEqualTo(1);
        assertThat(after.since(before, "concert_reservation_holds_cancelled_total", "reason", "payment_declined")).isEqualTo(1);
        assertThat(after.since(before, "concert_reservation_holds_cancelled_total", "reason", "fan")).isEqualTo(1);
        assertThat(after.since(before, "concert_queue_admitted_total")).isGreaterThanOrEqualTo(3);

        String holds = "POST /api/reservations";
        assertThat(after.since(before, "concert_http_server_request_duration_seconds_count", "endpoint", holds)).isEqualTo(4);
        assertThat(after.since(before, "concert_http_server_request_duration_seconds_bucket", "endpoint", holds, "le", "+Inf"))
                .isEqualTo(4);
        assertThat(after.since(before, "concert_http_server_responses_total", "endpoint", holds, "status", "409")).isEqualTo(1);
        assertThat(after.since(before, "concert_http_server_responses_total", "endpoint", "GET /api/queue/status", "status", "304"))
                .isEqualTo(1);

        JsonObject figures = fans.figures();
        assertThat(after.value("concert_queue_active_cap_fans")).isEqualTo(figures.getInt("activeMax"));
        assertThat(after.value("concert_queue_admission_paused")).isZero();
        assertThat(after.value("concert_queue_admission_last_run_timestamp_seconds"))
                .isGreaterThan(Instant.now().minusSeconds(30).getEpochSecond());
        assertThat(after.value("concert_store_ready", "store", "database")).isEqualTo(1);
        assertThat(after.value("concert_store_ready", "store", "queue_store")).isEqualTo(1);
        for (String name : new String[] {"concert_queue_waiting_fans", "concert_queue_active_fans", "concert_queue_streams",
                "concert_queue_admission_last_pass_fans", "concert_rate_limited_total", "concert_store_unavailable_total",
                "concert_reservation_holds_lapsed_total", "concert_queue_places_abandoned_total"}) {
            assertThat(after.has(name)).as(name + " in\n" + after.text()).isTrue();
        }
    }

    @Test
    void aBalanceTooLowDeclinesThePaymentAndFreesTheSeat() {
        String concert = fans.concert(SHOW, PRICE);
        Fan fan = fans.admitted();
        charge(fan, PRICE - 1);
        String reservation = hold(fan, concert, 30).object().getString("reservationId");

        Http.Reply declined = pay(fan, reservation);

        assertThat(declined.status()).isEqualTo(402);
        assertThat(code(declined)).isEqualTo("INSUFFICIENT_BALANCE");
        assertThat(declined.object().getString("detail")).contains("149999", "150000");
        assertThat(seatStatus(concert, 30)).isEqualTo("AVAILABLE");
        assertThat(http.get("api/reservations/" + reservation, "Authorization", fan.bearer()).object()
                .getString("status")).isEqualTo("CANCELLED");
        assertThat(balance(fan)).isEqualTo(PRICE - 1);
        assertThat(fans.status(fan)).as("the token is not spent by a declined payment").isEqualTo("ACTIVE");
        Http.Reply again = pay(fan, reservation);
        assertThat(again.status()).isEqualTo(409);
        assertThat(code(again)).isEqualTo("HOLD_EXPIRED");
    }

    @Test
    void aFansOwnReservationsAreListedWithTheirConcertStartAndPlaceForAnyLiveTokenOfTheirs() {
        String concert = fans.concert(SHOW, PRICE);
        Fan fan = fans.admitted();
        charge(fan, PRICE);
        String bought = hold(fan, concert, 31).object().getString("reservationId");
        Instant heldBy = Instant.now();
        Http.Reply paid = pay(fan, bought);
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(paid.object().getJsonNumber("balance").longValue()).as("the balance left").isZero();
        Fan back = fans.admitted(fan.userId());   // the payment spent the token: the fan queued again
        awaitNextSecond(heldBy);   // times are kept to the second: a hold in the same one would be listed by id
        String held = hold(back, concert, 32).object().getString("reservationId");
        String list = "api/users/" + fan.userId() + "/reservations";

        Http.Reply live = http.get(list + "?status=HELD", "Authorization", back.bearer());
        assertThat(live.status()).as(live.body()).isEqualTo(200);
        assertThat(live.array()).hasSize(1);
        JsonObject hold = live.array().getJsonObject(0);
        assertThat(hold.getString("reservationId")).isEqualTo(held);
        assertThat(hold.getString("status")).isEqualTo("HELD");
        assertThat(hold.getString("title")).startsWith("IT ");
        assertThat(hold.getString("venue")).isEqualTo("Hall");
        assertThat(hold.getString("startsAt")).isEqualTo(SHOW + "T19:00:00+09:00");
        assertThat(List.of(hold.getString("row"), hold.getInt("seatInRow"), hold.getInt("seatNumber"))).containsExactly("D", 2, 32);
        assertThat(hold.containsKey("paymentId")).isFalse();

        Http.Reply all = http.get(list, "Authorization", back.bearer());
        assertThat(all.array().getValuesAs(JsonObject.class)).extracting(r -> r.getString("reservationId"))
                .as("newest first").containsExactly(held, bought);
        JsonObject ticket = http.get(list + "?status=CONFIRMED", "Authorization", back.bearer()).array().getJsonObject(0);
        assertThat(ticket.getString("reservationId")).isEqualTo(bought);
        assertThat(ticket.getString("paymentId")).isEqualTo(paid.object().getString("paymentId"));

        for (String wrong : new String[] {"held", "SOLD", ""}) {
            Http.Reply refused = http.get(list + "?status=" + wrong, "Authorization", back.bearer());
            assertThat(refused.status()).as(wrong).isEqualTo(400);
            assertThat(code(refused)).isEqualTo("VALIDATION_FAILED");
        }
        Http.Reply stranger = http.get(list, "Authorization", fans.admitted().bearer());
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(http.get(list, "Authorization", fan.bearer()).status()).as("the spent token").isEqualTo(401);
    }

    @Test
    void aFanCanLetAHoldGo() {
        String concert = fans.concert(SHOW, PRICE);
        Fan fan = fans.admitted();
        String reservation = hold(fan, concert, 40).object().getString("reservationId");

        Http.Reply cancelled = http.send("DELETE", "api/reservations/" + reservation, null, "Authorization", fan.bearer());

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.object().getString("status")).isEqualTo("CANCELLED");
        assertThat(seatStatus(concert, 40)).isEqualTo("AVAILABLE");
        Http.Reply twice = http.send("DELETE", "api/reservations/" + reservation, null, "Authorization", fan.bearer());
        assertThat(twice.status()).isEqualTo(409);
    }

    // ---- idempotency

    @Test
    void aRetriedChargeTakesEffectOnceAndAnswersTheSame() {
        Fan fan = fans.admitted();
        String key = UUID.randomUUID().toString();

        Http.Reply first = charge(fan, 5_000, key);
        Http.Reply retry = charge(fan, 5_000, key);
        Http.Reply other = charge(fan, 7_000, key);

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(other.status()).isEqualTo(422);
        assertThat(code(other)).isEqualTo("IDEMPOTENCY_CONFLICT");
        assertThat(balance(fan)).isEqualTo(5_000);
        assertLedgerAddsUp(fan, 5_000);
    }

    @Test
    void concurrentRetriesOfOneChargeTakeEffectOnce() throws Exception {
        Fan fan = fans.admitted();
        String key = UUID.randomUUID().toString();

        List<Http.Reply> replies = atOnce(20, n -> charge(fan, 3_000, key));

        assertThat(byStatus(replies)).containsOnlyKeys(200);
        assertThat(replies.stream().map(Http.Reply::body).distinct()).hasSize(1);
        assertThat(balance(fan)).isEqualTo(3_000);
    }

    /**
     * The client's first answers are lost (dropped here: the test reads them only to compare), and it retries
     * with the token it has: the payment spent that token, yet each retry gets the original answer.
     */
    @Test
    void aRetryWithTheSameKeyGetsTheOriginalAnswerAfterThePaymentSpentTheToken() {
        String concert = fans.concert(SHOW, PRICE);
        Fan fan = fans.admitted();
        String chargeKey = UUID.randomUUID().toString();
        String payKey = UUID.randomUUID().toString();
        Http.Reply charged = charge(fan, PRICE + 7, chargeKey);
        String reservation = hold(fan, concert, 45).object().getString("reservationId");
        Http.Reply paid = pay(fan, reservation, payKey);
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(fans.status(fan)).as("the payment spent the token").isEqualTo("401");

        Http.Reply payAgain = pay(fan, reservation, payKey);
        Http.Reply chargeAgain = charge(fan, PRICE + 7, chargeKey);

        assertThat(payAgain.status()).as(payAgain.body()).isEqualTo(201);
        assertThat(payAgain.body()).isEqualTo(paid.body());
        assertThat(chargeAgain.status()).as(chargeAgain.body()).isEqualTo(200);
        assertThat(chargeAgain.body()).isEqualTo(charged.body());
        // with a spent token nothing else passes: no key, another key, another body, another reservation, a read
        List<Http.Reply> refused = List.of(pay(fan, reservation), pay(fan, reservation, "another-key"),
                charge(fan, PRICE + 8, chargeKey), charge(fan, PRICE + 7, "another-key"), charge(fan, PRICE + 7),
                pay(fan, "r-" + UUID.randomUUID(), payKey),
                http.get("api/users/" + fan.userId() + "/balance", "Authorization", fan.bearer()));
        assertThat(refused).extracting(Http.Reply::status).containsOnly(401);
        assertThat(refused).extracting(BookingApiIT::code).containsOnly("TOKEN_INVALID");
        assertLedgerAddsUp(fan, 7);
        assertThat(seatStatus(concert, 45)).isEqualTo("SOLD");
    }

    @Test
    void aRetriedPaymentAnswersTheOriginalAndAnotherIsAlreadyPaid() {
        String concert = fans.concert(SHOW, PRICE);
        Fan fan = fans.admitted();
        charge(fan, 2 * PRICE);
        String reservation = hold(fan, concert, 44).object().getString("reservationId");
        String key = UUID.randomUUID().toString();

        Http.Reply first = pay(fan, reservation, key);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        Fan again = new Fan(fan.userId(), http.post("api/queue/tokens", "{\"userId\":\"" + fan.userId() + "\"}",
                "X-Forwarded-For", "10.251.0.1").object().getString("token"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!"ACTIVE".equals(fans.status(again))) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Fans.sleep(100);
        }

        Http.Reply unkeyed = pay(again, reservation);
        Http.Reply otherBody = pay(again, "r-" + UUID.randomUUID(), key);
        Http.Reply retry = pay(again, reservation, key); // a success: spends this token too

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(unkeyed.status()).isEqualTo(409);
        assertThat(code(unkeyed)).isEqualTo("ALREADY_PAID");
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(fans.status(again)).isEqualTo("401");
        assertLedgerAddsUp(fan, PRICE);
    }

    @Test
    void oneUserIsHeldToTheWriteLimitAcrossEveryKindOfWrite() {
        int limit = Integer.getInteger("it.writes-per-minute");
        String concert = fans.concert(SHOW, PRICE);
        Fan fan;
        Http.Reply refused;
        Http.Reply hold;
        // the limit is per minute of the store's clock (this machine's): writes that a new minute cut in two
        // are tried once more, by a new fan, at the start of that minute
        for (int attempt = 1; ; attempt++) {
            long minute = Fans.epochMinute();
            fan = fans.admitted();
            for (int i = 0; i < limit; i++) {
                Http.Reply charged = charge(fan, 1);
                if (charged.status() == 429) {
                    throw new AssertionError("limited after " + i + " writes: " + charged.body());
                }
            }
            refused = charge(fan, 1);
            hold = hold(fan, concert, attempt);
            if (Fans.epochMinute() == minute || attempt == 2) {
                break;
            }
        }

        assertThat(refused.status()).isEqualTo(429);
        assertThat(code(refused)).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(hold.status()).as("a hold counts as a write too").isEqualTo(429);
        assertThat(balance(fan)).as("refused writes change nothing").isEqualTo(limit);
        assertThat(charge(fans.admitted(), 1).status()).as("another user may").isEqualTo(200);
    }

    // ---- what operators see

    @Test
    void operatorsSeeSalesPerDateEveryInstanceAndTheQueuesHistory() {
        String concert = fans.concert(SHOW, PRICE);
        Fan fan = fans.admitted();
        charge(fan, PRICE);
        pay(fan, hold(fan, concert, 1).object().getString("reservationId"));
        hold(fans.admitted(), concert, 2);

        var sales = http.get("api/admin/sales", "Authorization", ADMIN).array().stream().map(JsonObject.class::cast)
                .filter(row -> row.getString("concertId").equals(concert)).toList();
        assertThat(sales).hasSize(1);
        assertThat(sales.get(0).getInt("sold")).isEqualTo(1);
        assertThat(sales.get(0).getInt("held")).isEqualTo(1);
        assertThat(sales.get(0).getJsonNumber("revenue").longValue()).isEqualTo(PRICE);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(12);
        while (http.get("api/admin/instances", "Authorization", ADMIN).array().isEmpty()
                || http.get("api/admin/queue/history", "Authorization", ADMIN).array().isEmpty()) {
            assertThat(System.nanoTime()).as("an instance reports within 5 s").isLessThan(deadline);
            Fans.sleep(250);
        }
        JsonObject instance = http.get("api/admin/instances", "Authorization", ADMIN).array().getJsonObject(0);
        assertThat(instance.getString("database")).isEqualTo("UP");
        assertThat(instance.getString("queueStore")).isEqualTo("UP");
        JsonObject sample = http.get("api/admin/queue/history", "Authorization", ADMIN).array().getJsonObject(0);
        assertThat(sample.keySet()).containsExactly("at", "waiting", "admittedLastMinute");
        for (String path : new String[] {"api/admin/sales", "api/admin/instances", "api/admin/queue/history"}) {
            assertThat(http.get(path).status()).as(path).isEqualTo(401);
        }
    }

    // ---- who may do what

    @Test
    void anotherUsersAccountAndReservationsAreOutOfReach() {
        String concert = fans.concert(SHOW, PRICE);
        Fan owner = fans.admitted();
        Fan intruder = fans.admitted();
        charge(owner, 10_000);
        String reservation = hold(owner, concert, 20).object().getString("reservationId");
        String path = "api/users/" + owner.userId();

        assertThat(http.get(path + "/balance", "Authorization", intruder.bearer()).status()).isEqualTo(403);
        Http.Reply charge = http.post(path + "/balance/charges", "{\"amount\":1}", "Authorization", intruder.bearer());
        assertThat(charge.status()).isEqualTo(403);
        assertThat(code(charge)).isEqualTo("FORBIDDEN");
        assertThat(http.get(path + "/payments", "Authorization", intruder.bearer()).status()).isEqualTo(403);
        assertThat(http.get("api/reservations/" + reservation, "Authorization", intruder.bearer()).status()).isEqualTo(404);
        assertThat(http.send("DELETE", "api/reservations/" + reservation, null, "Authorization", intruder.bearer()).status())
                .isEqualTo(404);
        Http.Reply pay = pay(intruder, reservation);
        assertThat(pay.status()).isEqualTo(404);
        assertThat(code(pay)).isEqualTo("NOT_FOUND");

        assertThat(balance(owner)).isEqualTo(10_000);
        assertThat(seatStatus(concert, 20)).isEqualTo("HELD");
        assertThat(http.get(path + "/balance").status()).isEqualTo(401);
    }

    @Test
    void badInputIs400AndChangesNothing() {
        String concert = fans.concert(SHOW, PRICE);
        Fan fan = fans.admitted();
        String[] holds = {
                "{}", "{\"concertId\":\"" + concert + "\",\"date\":\"" + SHOW + "\"}",
                "{\"concertId\":\"" + concert + "\",\"date\":\"" + SHOW + "\",\"seatNumber\":0}",
                "{\"concertId\":\"" + concert + "\",\"date\":\"" + SHOW + "\",\"seatNumber\":51}",
                "{\"concertId\":\"" + concert + "\",\"date\":\"" + SHOW + "\",\"seatNumber\":\"x\"}",
                "{\"concertId\":\"" + concert + "\",\"date\":\"" + SHOW + "\",\"seatNumber\":1.5}",
                "{\"concertId\":\"" + concert + "\",\"date\":\"" + SHOW + "\",\"seatNumber\":\"13\"}",
                "{\"concertId\":\"" + concert + "\",\"date\":\"" + SHOW.plusDays(1) + "\",\"seatNumber\":1}",
                "{\"concertId\":\"" + concert + "\",\"date\":\"2026-02-30\",\"seatNumber\":1}",
                "{\"concertId\":\"abc\",\"date\":\"" + SHOW + "\",\"seatNumber\":1}",
                "{\"concertId\":\"999999999\",\"date\":\"" + SHOW + "\",\"seatNumber\":1}", "{", "[]"};
        for (String body : holds) {
            Http.Reply reply = http.post("api/reservations", body, "Authorization", fan.bearer());
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(code(reply)).as(body).isEqualTo("VALIDATION_FAILED");
            assertThat(reply.body()).as(body).doesNotContain("Exception", "java.", "SQL");
        }
        String[] charges = {"{}", "{\"amount\":0}", "{\"amount\":-5}", "{\"amount\":1.5}", "{\"amount\":\"x\"}", "{\"amount\":\"5\"}",
                "{\"amount\":10000001}", "{\"amount\":99999999999999999999999}"};
        for (String body : charges) {
            Http.Reply reply = http.post("api/users/" + fan.userId() + "/balance/charges", body, "Authorization", fan.bearer());
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(code(reply)).as(body).isEqualTo("VALIDATION_FAILED");
        }
        Http.Reply badKey = charge(fan, 1_000, "x".repeat(101));
        assertThat(badKey.status()).isEqualTo(400);
        Http.Reply noReservation = http.post("api/payments", "{}", "Authorization", fan.bearer());
        assertThat(noReservation.status()).isEqualTo(400);

        assertThat(balance(fan)).isZero();
        assertThat(http.get("api/concerts/" + concert + "/dates").array().getJsonObject(0).getInt("availableSeats"))
                .isEqualTo(50);
    }

    /** The ledger agrees with the wallet, and both with what the test expects. */
    private static void assertLedgerAddsUp(Fan fan, long expected) {
        assertThat(Tables.number("SELECT balance FROM wallet WHERE user_id = ?", fan.userId())).contains(expected);
        assertThat(Tables.number("SELECT SUM(amount) FROM wallet_ledger WHERE user_id = ?", fan.userId())).contains(expected);
        assertThat(Tables.number("SELECT MIN(balance_after) FROM wallet_ledger WHERE user_id = ?", fan.userId()).orElse(0L))
                .isNotNegative();
    }
}
