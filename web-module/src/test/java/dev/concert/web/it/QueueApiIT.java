package dev.concert.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The waiting room over the network, on Payara Micro with the queue store {@link TestStores} chose
 * (Redis here and in CI): tokens, the token filter, admission by the timer, conditional polling,
 * Server-Sent Events and WebSocket read by real clients. Tests pause admissions through the admin
 * API when they need to see a user wait.
 */
class QueueApiIT extends ApiIT {

    @BeforeEach
    void admitting() {
        admissions(false);
    }

    @AfterEach
    void resume() {
        admissions(false);
    }

    private void admissions(boolean paused) {
        Http.Reply reply = http.send("PUT", "api/admin/queue/settings", "{\"paused\":" + paused + "}",
                "Authorization", ADMIN, "Content-Type", "application/json");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.object().getBoolean("paused")).isEqualTo(paused);
    }

    private Http.Reply enter(String userId) {
        return http.post("api/queue/tokens", "{\"userId\":\"" + userId + "\"}");
    }

    private String waitingToken() {
        admissions(true);
        Http.Reply entered = enter(UUID.randomUUID().toString());
        assertThat(entered.status()).isEqualTo(201);
        assertThat(entered.object().getString("status")).isEqualTo("WAITING");
        return entered.object().getString("token");
    }

    private JsonObject status(String token) {
        Http.Reply reply = http.get("api/queue/status", "Authorization", "Bearer " + token);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.object();
    }

    private JsonObject awaitActive(String token) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            JsonObject status = status(token);
            if (status.getString("status").equals("ACTIVE")) {
                return status;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not admitted within 10 s");
    }

    @Test
    void aNewUserGetsAnOpaqueTokenAndAskingAgainKeepsThePlace() {
        admissions(true);
        String user = UUID.randomUUID().toString();
        Http.Reply first = enter(user);
        Http.Reply again = enter(user);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Cache-Control")).contains("no-store");
        JsonObject body = first.object();
        assertThat(body.getString("token")).matches("[A-Za-z0-9_-]{43}").doesNotContain(".");
        assertThat(body.getString("userId")).isEqualTo(user);
        assertThat(body.getJsonNumber("position").longValue()).isPositive();
        assertThat(body.isNull("activeUntil")).isTrue();
        assertThat(body.containsKey("estimatedWaitSeconds")).isTrue();
        assertThat(body.getInt("pollAfterSeconds")).isBetween(1, 10);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.object().getString("token")).isEqualTo(body.getString("token"));
        assertThat(again.object().getJsonNumber("position")).isEqualTo(body.getJsonNumber("position"));
    }

    @Test
    void laterUsersStandBehindEarlierOnes() {
        admissions(true);
        long first = enter(UUID.randomUUID().toString()).object().getJsonNumber("position").longValue();
        long second = enter(UUID.randomUUID().toString()).object().getJsonNumber("position").longValue();
        assertThat(second).isEqualTo(first + 1);
    }

    @Test
    void theTimerAdmitsWaitingUsers() throws InterruptedException {
        String token = waitingToken();
        assertThat(status(token).getString("status")).isEqualTo("WAITING");

        admissions(false);

        JsonObject active = awaitActive(token);
        assertThat(active.getInt("position")).isZero();
        assertThat(Instant.parse(active.getString("activeUntil"))).isAfter(Instant.now());
    }

    @Test
    void badRequestsForATokenAre400() {
        for (String body : new String[] {"{}", "{\"userId\":\"not-a-uuid\"}", "{\"userId\":42}", "{", ""}) {
            Http.Reply reply = http.post("api/queue/tokens", body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.object().getString("code")).as(body).isEqualTo("VALIDATION_FAILED");
        }
    }

    @Test
    void theFilterTellsMissingFromInvalidTokens() {
        Http.Reply missing = http.get("api/queue/status");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.object().getString("code")).isEqualTo("TOKEN_MISSING");
        assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer");

        for (String token : new String[] {"nonsense", "x".repeat(43), "a.b.c"}) {
            Http.Reply invalid = http.get("api/queue/status", "Authorization", "Bearer " + token);
            assertThat(invalid.status()).as(token).isEqualTo(401);
            assertThat(invalid.object().getString("code")).as(token).isEqualTo("TOKEN_INVALID");
        }
    }

    @Test
    void statusAnswers304WhileNothingChanged() throws InterruptedException {
        String token = waitingToken();
        Http.Reply first = http.get("api/queue/status", "Authorization", "Bearer " + token);
        assertThat(first.header("Cache-Control")).as("the answer carries the token").contains("no-store");
        String etag = first.header("ETag");
        assertThat(etag).isNotBlank();

        Http.Reply unchanged = http.get("api/queue/status", "Authorization", "Bearer " + token, "If-None-Match", etag);
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();

        admissions(false);
        awaitActive(token);
        Http.Reply changed = http.get("api/queue/status", "Authorization", "Bearer " + token, "If-None-Match", etag);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
    }

    @Test
    void aUserWhoLeavesHasNoTokenAnyMore() {
        String token = waitingToken();
        Http.Reply left = http.send("DELETE", "api/queue/tokens/current", null, "Authorization", "Bearer " + token);
        assertThat(left.status()).isEqualTo(204);
        Http.Reply after = http.get("api/queue/status", "Authorization", "Bearer " + token);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.object().getString("code")).isEqualTo("TOKEN_INVALID");
    }

    @Test
    void serverSentEventsGiveTheStatusAtOnceAndThenItsChanges() throws Exception {
        String token = waitingToken();
        try (var events = new Streams.EventStream(base.toURI().resolve("api/queue/events"),
                "Authorization", "Bearer " + token)) {
            assertThat(events.status).isEqualTo(200);
            assertThat(events.contentType).startsWith("text/event-stream");
            assertThat(events.nextStatus(5).getString("status")).isEqualTo("WAITING");

            admissions(false);

            JsonObject active = events.nextStatus(10);
            assertThat(active.getString("status")).isEqualTo("ACTIVE");
            assertThat(active.getString("token")).isEqualTo(token);
        }
    }

    @Test
    void serverSentEventsTakeTheTokenFromTheQueryAndEndWhenItGoes() throws Exception {
        String token = waitingToken();
        try (var events = new Streams.EventStream(base.toURI().resolve("api/queue/events?token=" + token))) {
            assertThat(events.nextStatus(5).getString("token")).isEqualTo(token);

            http.send("DELETE", "api/queue/tokens/current", null, "Authorization", "Bearer " + token);

            assertThat(events.endsWithin(5)).as("the stream ends once the token is gone").isTrue();
        }
    }

    @Test
    void serverSentEventsRefuseAnUnknownToken() throws Exception {
        try (var events = new Streams.EventStream(base.toURI().resolve("api/queue/events?token=" + "y".repeat(43)))) {
            assertThat(events.status).isEqualTo(401);
            assertThat(events.contentType).startsWith("application/problem+json");
        }
    }

    @Test
    void aTokenHoldsAtMostTwoLiveStreamsAndTheThirdIsRefusedWith429() throws Exception {
        String token = waitingToken();
        URI events = base.toURI().resolve("api/queue/events?token=" + token);
        try (var first = new Streams.EventStream(events); var second = new Streams.EventStream(events);
             var third = new Streams.EventStream(events)) {
            assertThat(first.status).isEqualTo(200);
            assertThat(second.status).as("a second tab").isEqualTo(200);
            assertThat(third.status).isEqualTo(429);
            assertThat(third.contentType).startsWith("application/problem+json");
            assertThat(third.retryAfter).isEqualTo("10");
            assertThat(first.nextStatus(5).getString("status")).as("the streams already open go on").isEqualTo("WAITING");

            URI ws = URI.create(base.toURI().resolve("api/queue/ws?token=" + token).toString().replaceFirst("^http", "ws"));
            try (var socket = new Streams.Socket(ws)) {
                assertThat(socket.closeCode.get(10, TimeUnit.SECONDS)).as("a WebSocket counts as a stream too").isEqualTo(4429);
            }
        }
        Http.Reply poll = http.get("api/queue/status", "Authorization", "Bearer " + token);
        assertThat(poll.status()).as("polling stays open to the refused client").isEqualTo(200);
    }

    @Test
    void theWebSocketSendsTheSameStatusAnswersPingAndFollowsAdmission() throws Exception {
        String token = waitingToken();
        URI ws = URI.create(base.toURI().resolve("api/queue/ws?token=" + token).toString().replaceFirst("^http", "ws"));
        try (var socket = new Streams.Socket(ws)) {
            JsonObject first = Streams.json(socket.next(5));
            assertThat(first.getString("status")).isEqualTo("WAITING");
            assertThat(first.getString("token")).isEqualTo(token);

            socket.socket.sendText("ping", true).get(5, TimeUnit.SECONDS);
            assertThat(socket.next(5)).isEqualTo("pong");

            admissions(false);
            assertThat(Streams.json(socket.next(10)).getString("status")).isEqualTo("ACTIVE");
        }
    }

    @Test
    void theWebSocketClosesWith4401ForAnUnknownToken() throws Exception {
        URI ws = URI.create(base.toURI().resolve("api/queue/ws?token=" + "z".repeat(43)).toString().replaceFirst("^http", "ws"));
        try (var socket = new Streams.Socket(ws)) {
            assertThat(socket.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(4401);
        }
    }

    @Test
    void oneAddressAskingTooOftenIsToldToWait() {
        int limit = Integer.getInteger("it.token-requests-per-minute");
        String address = "203.0.113." + (1 + new java.util.Random().nextInt(250));
        // the window is a minute of the store's clock, which is this machine's (Redis's TIME or the server's):
        // requests until the first refusal, and whether a window ended in the middle of them
        long minute = Fans.epochMinute();
        int accepted = 0;
        Http.Reply last = null;
        while (accepted <= 2 * limit) {
            last = http.post("api/queue/tokens", "{\"userId\":\"" + UUID.randomUUID() + "\"}",
                    "X-Forwarded-For", "198.18.0.1, " + address);
            if (last.status() == 429) {
                break;
            }
            assertThat(last.status()).as(last.body()).isEqualTo(201);
            accepted++;
        }
        if (Fans.epochMinute() == minute) {
            assertThat(accepted).as("accepted in one window, before the first refusal").isEqualTo(limit);
        } else {   // a new window began during the burst, with its own allowance
            assertThat(accepted).as("accepted over two windows, before the first refusal").isBetween(limit, 2 * limit);
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.object().getString("code")).isEqualTo("RATE_LIMITED");
        assertThat(Integer.parseInt(last.header("Retry-After"))).isBetween(1, 60);
        Http.Reply other = http.post("api/queue/tokens", "{\"userId\":\"" + UUID.randomUUID() + "\"}",
                "X-Forwarded-For", "198.51.100." + (1 + new java.util.Random().nextInt(250)));
        assertThat(other.status()).isEqualTo(201);
    }

    @Test
    void operatorsSeeTheFiguresAndOutOfRangeSettingsAreRefused() {
        Http.Reply figures = http.get("api/admin/queue", "Authorization", ADMIN);
        assertThat(figures.status()).isEqualTo(200);
        assertThat(figures.object().keySet()).contains("waiting", "active", "admittedLastMinute", "admitPerSecond",
                "activeMax", "paused", "estimatedDrainSeconds", "holdsLive", "soldLastMinute");

        Http.Reply refused = http.send("PUT", "api/admin/queue/settings", "{\"activeMax\":0}",
                "Authorization", ADMIN, "Content-Type", "application/json");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.object().getString("code")).isEqualTo("VALIDATION_FAILED");
    }
}
