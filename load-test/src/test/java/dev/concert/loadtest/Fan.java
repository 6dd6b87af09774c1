package dev.concert.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAsDuring;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.UUID;

/**
 * What every fan does in the waiting room, as Gatling chains. Session attributes: {@code userId},
 * {@code token}, {@code queueStatus} (WAITING or ACTIVE), {@code pollAfter} (the server's advice, s).
 */
final class Fan {

    /** the group whose time is each fan's wait in line (gatling.conf: groups report their duration) */
    static final String WAIT_IN_QUEUE = "wait in queue";

    private Fan() {
    }

    /**
     * The server as every simulation talks to it: JSON, no HTTP cache (ETags are handled by hand).
     * Each fan has its own connections, as browsers do; {@code -DshareConnections=true} pools them
     * for all fans, for a load generator (or a proxy) that cannot hold one socket per fan.
     */
    static HttpProtocolBuilder server() {
        HttpProtocolBuilder server = http.baseUrl(LoadSettings.baseUrl())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .userAgentHeader("concert-load-test")
                .disableCaching()
                .warmUp(LoadSettings.baseUrl() + "/health/live");
        return LoadSettings.flag("shareConnections", false) ? server.shareConnections() : server;
    }

    /**
     * A new user (random UUID) asks for a token. {@code expectedStatuses}: 201 for a user who has
     * none yet; a retry of the same user would get 200 with the same token.
     */
    static ChainBuilder enterQueue(Integer... expectedStatuses) {
        return exec(session -> session.set("userId", UUID.randomUUID().toString()))
                .exec(http("enter queue").post("/api/queue/tokens")
                        .body(StringBody("{\"userId\":\"#{userId}\"}"))
                        .check(status().in(expectedStatuses),
                                jsonPath("$.token").saveAs("token"),
                                jsonPath("$.status").saveAs("queueStatus"),
                                jsonPath("$.position").ofInt().exists(),
                                jsonPath("$.pollAfterSeconds").ofInt().saveAs("pollAfter")));
    }

    /**
     * Polls the status, pausing as the server advises but never more than {@code pollCap}, until
     * ACTIVE, a poll fails, or {@code maxWait} is over. A fan not admitted then fails the
     * {@value #WAIT_IN_QUEUE} group (and the session); the caller decides whether it goes on.
     */
    static ChainBuilder waitUntilAdmitted(Duration pollCap, Duration maxWait) {
        return group(WAIT_IN_QUEUE).on(
                asLongAsDuring(session -> !admitted(session) && !session.isFailed(), maxWait).on(
                        pause(session -> min(Duration.ofSeconds(session.getInt("pollAfter")), pollCap))
                                .exec(http("poll status").get("/api/queue/status")
                                        .header("Authorization", "Bearer #{token}")
                                        .check(status().is(200),
                                                jsonPath("$.status").saveAs("queueStatus"),
                                                jsonPath("$.pollAfterSeconds").ofInt().saveAs("pollAfter"))))
                        .exec(session -> admitted(session) ? session : session.markAsFailed()));
    }

    static boolean admitted(Session session) {
        return "ACTIVE".equals(session.getString("queueStatus"));
    }

    /** Leaves the line (frees an active slot at once); a token that is gone already is fine. */
    static ChainBuilder leaveQueue() {
        return doIf(session -> session.contains("token")).then(
                exec(http("leave queue").delete("/api/queue/tokens/current")
                        .header("Authorization", "Bearer #{token}")
                        .check(status().in(204, 401))));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
