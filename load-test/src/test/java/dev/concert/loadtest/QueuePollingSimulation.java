package dev.concert.loadtest;

import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * (i) Many fans in the waiting room polling their status. Each takes a token once, then polls
 * {@code GET /api/queue/status} with its last {@code ETag} as {@code If-None-Match} (304 while
 * nothing changed), each fan at a fixed pace so that all of them together make {@code rate}
 * requests a second, for {@code durationSeconds} after a ramp of {@code rampSeconds}.
 *
 * <p>{@code -DpauseAdmission=true} pauses admission for the run (and restores it after), so the
 * fans really wait in line instead of being admitted within a second.
 */
public class QueuePollingSimulation extends Simulation {

    private final int users = LoadSettings.integer("users", 200);
    private final int rate = LoadSettings.integer("rate", 100);
    private final Duration ramp = LoadSettings.seconds("rampSeconds", 10);
    private final Duration duration = LoadSettings.seconds("durationSeconds", 30);
    private final boolean pauseAdmission = LoadSettings.flag("pauseAdmission", false);
    /** each fan's time between two polls: users / rate seconds */
    private final Duration pollEvery = Duration.ofMillis(Math.max(1, users * 1000L / rate));
    private Optional<Boolean> pausedBefore = Optional.empty();
    /** polls by status code: how many the ETag spared a body (304) */
    private final Map<Integer, LongAdder> answers = new ConcurrentSkipListMap<>();

    private static HttpRequestActionBuilder poll(boolean conditional) {
        HttpRequestActionBuilder poll = http("poll status").get("/api/queue/status")
                .header("Authorization", "Bearer #{token}");
        if (conditional) {
            poll = poll.header("If-None-Match", "#{etag}");
        }
        return poll.check(status().in(200, 304).saveAs("pollStatus"), header("ETag").saveAs("etag"))
                .checkIf((response, session) -> response.status().code() == 200)
                .then(jsonPath("$.status").in("WAITING", "ACTIVE"));
    }

    private final ChainBuilder polling = during(duration).on(
            pace(pollEvery)
                    .exec(doIfOrElse(session -> session.contains("etag")).then(exec(poll(true))).orElse(exec(poll(false))))
                    .exec(session -> {
                        if (session.contains("pollStatus")) {
                            answers.computeIfAbsent(session.getInt("pollStatus"), status -> new LongAdder()).increment();
                        }
                        return session;
                    }));

    private final ScenarioBuilder fans = scenario("queue status polling")
            .exec(Fan.enterQueue(200, 201))
            .exitHereIfFailed()
            .exec(polling)
            .exec(Fan.leaveQueue());

    {
        System.out.printf("Queue polling: %d fans (ramp %s), %d polls/s in all (each fan every %d ms) for %s; "
                        + "admission paused: %s; target %s%n",
                users, ramp, rate, pollEvery.toMillis(), duration, pauseAdmission, LoadSettings.baseUrl());
        setUp(fans.injectOpen(rampUsers(users).during(ramp))
                .andThen(RunCheck.afterwards(List::of, Optional::empty)))
                .protocols(Fan.server())
                .assertions(global().failedRequests().count().is(0L), RunCheck.held());
    }

    @Override
    public void before() {
        if (pauseAdmission) {
            Operator operator = Operator.fromSettings();
            pausedBefore = Optional.of(operator.admissionPaused());
            operator.pauseAdmission(true);
        }
    }

    @Override
    public void after() {
        pausedBefore.ifPresent(paused -> Operator.fromSettings().pauseAdmission(paused));
        System.out.println("Polls answered, by status: " + answers);
    }
}
