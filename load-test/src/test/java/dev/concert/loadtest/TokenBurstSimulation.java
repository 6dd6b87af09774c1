package dev.concert.loadtest;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * (ii) The sale opens: {@code users} new fans ask for a token, arriving at {@code rate} a second.
 * Each must get 201 with a place in line. The tokens stay in line afterwards (they are admitted
 * and lapse as the server's settings say) unless {@code -Dleave=true}: then each fan leaves at once.
 */
public class TokenBurstSimulation extends Simulation {

    private final int users = LoadSettings.integer("users", 500);
    private final int rate = LoadSettings.integer("rate", 200);
    private final boolean leave = LoadSettings.flag("leave", false);
    /**
     * users / rate, at least a second: Gatling 3.15 injects nobody from a ramp shorter than a second
     * when another population follows it (andThen), and the run then never ends
     */
    private final Duration arrivals = Duration.ofMillis(Math.max(1000, users * 1000L / rate));

    private final ScenarioBuilder sale = scenario("token burst")
            .exec(Fan.enterQueue(201))
            .exec(doIf(session -> leave).then(Fan.leaveQueue()));

    {
        System.out.printf("Token burst: %d fans arriving at %d/s (over %d ms); leave after: %s; target %s%n",
                users, rate, arrivals.toMillis(), leave, LoadSettings.baseUrl());
        setUp(sale.injectOpen(rampUsers(users).during(arrivals))
                .andThen(RunCheck.afterwards(List::of, Optional::empty)))
                .protocols(Fan.server())
                .assertions(global().failedRequests().count().is(0L),
                        details("enter queue").allRequests().count().is((long) users),
                        RunCheck.held());
    }
}
