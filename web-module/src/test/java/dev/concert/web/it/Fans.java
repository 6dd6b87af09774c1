package dev.concert.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fans for black-box tests of the booking API: each one a new user with a queue token, admitted by
 * the real timer. Each fan asks from an address of its own (the servers under test trust
 * X-Forwarded-For), so the per-address limit on token requests never gets in the way.
 */
final class Fans {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();
    private final Http http;
    private final String admin;

    Fans(Http http, String admin) {
        this.http = http;
        this.admin = admin;
    }

    record Fan(String userId, String token) {
        String bearer() {
            return "Bearer " + token;
        }
    }

    /** Admission as fast as the tests need it: every fan admitted at the next pass. */
    JsonObject admitFreely() {
        return settings("{\"paused\":false,\"admitPerSecond\":5000,\"activeMax\":100000}");
    }

    JsonObject settings(String body) {
        Http.Reply reply = http.send("PUT", "api/admin/queue/settings", body,
                "Authorization", admin, "Content-Type", "application/json");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.object();
    }

    JsonObject figures() {
        return http.get("api/admin/queue", "Authorization", admin).object();
    }

    Fan waiting() {
        return waiting(UUID.randomUUID().toString());
    }

    /** A new token for {@code user}, waiting. */
    Fan waiting(String user) {
        int n = ADDRESSES.incrementAndGet();
        Http.Reply entered = http.post("api/queue/tokens", "{\"userId\":\"" + user + "\"}",
                "X-Forwarded-For", "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255));
        assertThat(entered.status()).as(entered.body()).isEqualTo(201);
        return new Fan(user, entered.object().getString("token"));
    }

    Fan admitted() {
        return admitted(1).get(0);
    }

    /** A new token for {@code user} (a fan who comes back), ACTIVE. */
    Fan admitted(String user) {
        Fan fan = waiting(user);
        awaitActive(List.of(fan));
        return fan;
    }

    /** {@code count} new fans, all ACTIVE. */
    List<Fan> admitted(int count) {
        List<Fan> fans = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fans.add(waiting());
        }
        awaitActive(fans);
        return fans;
    }

    private void awaitActive(List<Fan> fans) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (Fan fan : fans) {
            while (!"ACTIVE".equals(status(fan))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("fan not admitted within 20 s: " + fan);
                }
                sleep(100);
            }
        }
    }

    String status(Fan fan) {
        Http.Reply reply = http.get("api/queue/status", "Authorization", fan.bearer());
        return reply.status() == 200 ? reply.object().getString("status") : String.valueOf(reply.status());
    }

    /** A new concert on {@code date} with every seat at {@code price}; answers its id. */
    String concert(LocalDate date, long price) {
        Http.Reply reply = http.post("api/admin/concerts", "{\"title\":\"IT " + UUID.randomUUID() + "\",\"venue\":\"Hall\","
                + "\"dates\":[\"" + date + "\"],\"seatPrice\":" + price + "}", "Authorization", admin);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.object().getString("id");
    }

    /**
     * The minute of this machine's clock, which is the rate limits' (Redis's TIME, or the in-process store's
     * clock): a test that must stay within one limit window checks that it did.
     */
    static long epochMinute() {
        return java.time.Instant.now().getEpochSecond() / 60;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
