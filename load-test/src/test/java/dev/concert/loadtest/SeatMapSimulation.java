package dev.concert.loadtest;

import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The seat map under load: {@code users} visitors each look at the seat map of a random date of one
 * concert (its own, {@code dates} dates, scheduled in {@code before()}) at a fixed pace, so that all of
 * them together ask {@code rate} maps a second, for {@code durationSeconds} after a ramp of
 * {@code rampSeconds}. No token is needed for the catalogue; every answer must be a 50-seat map.
 */
public class SeatMapSimulation extends Simulation {

    private final int users = LoadSettings.integer("users", 200);
    private final int rate = LoadSettings.integer("rate", 100);
    private final int dates = LoadSettings.integer("dates", 10);
    private final Duration ramp = LoadSettings.seconds("rampSeconds", 10);
    private final Duration duration = LoadSettings.seconds("durationSeconds", 30);
    private final Duration lookEvery = Duration.ofMillis(Math.max(1, users * 1000L / rate));

    /** set by before() */
    private volatile Operator.Concert concert;

    private final ScenarioBuilder visitors = scenario("seat map")
            .exec(during(duration).on(pace(lookEvery)
                    .exec(session -> session.set("date",
                            concert.dates().get(ThreadLocalRandom.current().nextInt(concert.dates().size())).toString())
                            .set("concertId", concert.id()))
                    .exec(http("seat map").get("/api/concerts/#{concertId}/dates/#{date}/seats")
                            .check(status().is(200), jsonPath("$.seats[49].number").ofInt().is(50)))));

    {
        System.out.printf("Seat map: %d visitors (ramp %s), %d maps/s in all over %d dates, for %s; target %s%n",
                users, ramp, rate, dates, duration, LoadSettings.baseUrl());
        setUp(visitors.injectOpen(rampUsers(users).during(ramp))
                .andThen(RunCheck.afterwards(() -> List.of(concert.id()), Optional::empty)))
                .protocols(Fan.server())
                .assertions(global().failedRequests().count().is(0L), RunCheck.held());
    }

    @Override
    public void before() {
        concert = Operator.fromSettings().schedule("Load test seat map " + java.time.Instant.now(), dates, 120_000);
    }
}
