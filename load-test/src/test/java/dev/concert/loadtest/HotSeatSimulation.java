package dev.concert.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.concert.loadtest.check.CheckScope.HotSeat;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * (iv) One seat, {@code users} fans. They take tokens over {@code rampSeconds} and wait until
 * ACTIVE (the server's {@code queue.active.max} must be at least {@code users}); a rendezvous then
 * releases them together onto {@code POST /api/reservations} for the same seat. Exactly one may get
 * 201 (its reservation is then read back, the request "hot seat won"), every other one 409
 * SEAT_UNAVAILABLE; afterwards the database must hold exactly one reservation row for the seat.
 */
public class HotSeatSimulation extends Simulation {

    private final int users = LoadSettings.integer("users", 200);
    private final Duration ramp = LoadSettings.seconds("rampSeconds", 10);
    private final int seatNumber = LoadSettings.integer("seat", 1);
    private final Duration pollCap = LoadSettings.seconds("pollCapSeconds", 2);
    private final Duration maxWait = LoadSettings.seconds("maxWaitSeconds", 120);

    /** set by before() */
    private volatile HotSeat seat;

    private final ScenarioBuilder race = scenario("hot seat")
            .exec(Fan.enterQueue(201))
            .exec(doIf(session -> session.contains("token")).then(Fan.waitUntilAdmitted(pollCap, maxWait)))
            // every fan reaches the rendezvous, admitted or not, or the others would wait for it forever
            .rendezVous(users)
            .exec(doIf(Fan::admitted).then(
                    exec(session -> session.set("concertId", String.valueOf(seat.concertId()))
                            .set("date", seat.date().toString()).set("seatNumber", seat.seatNumber()))
                            .exec(http("hold hot seat").post("/api/reservations")
                                    .header("Authorization", "Bearer #{token}")
                                    .body(StringBody("{\"concertId\":\"#{concertId}\",\"date\":\"#{date}\","
                                            + "\"seatNumber\":#{seatNumber}}"))
                                    .check(status().in(201, 409), status().saveAs("holdStatus"))
                                    .checkIf((response, session) -> response.status().code() == 201)
                                    .then(jsonPath("$.reservationId").saveAs("reservationId"))
                                    .checkIf((response, session) -> response.status().code() == 409)
                                    .then(jsonPath("$.code").is("SEAT_UNAVAILABLE")))
                            .exec(doIf(session -> session.contains("reservationId")).then(
                                    exec(http("hot seat won").get("/api/reservations/#{reservationId}")
                                            .header("Authorization", "Bearer #{token}")
                                            .check(status().is(200), jsonPath("$.status").is("HELD")))))))
            .exec(Fan.leaveQueue());

    {
        System.out.printf("Hot seat: %d fans (ramp %s) race for seat %d; target %s%n",
                users, ramp, seatNumber, LoadSettings.baseUrl());
        setUp(race.injectOpen(rampUsers(users).during(ramp))
                .andThen(RunCheck.afterwards(() -> List.of(String.valueOf(seat.concertId())), () -> Optional.of(seat))))
                .protocols(Fan.server())
                .maxDuration(ramp.plus(maxWait).plus(Duration.ofMinutes(2)))
                .assertions(global().failedRequests().count().is(0L),
                        details(Fan.WAIT_IN_QUEUE).failedRequests().count().is(0L),
                        details("hold hot seat").allRequests().count().is((long) users),
                        details("hot seat won").allRequests().count().is(1L),
                        RunCheck.held());
    }

    @Override
    public void before() {
        Operator.Concert concert = Operator.fromSettings().schedule("Load test hot seat " + java.time.Instant.now(), 1, 150_000);
        seat = new HotSeat(Long.parseLong(concert.id()), concert.dates().get(0), seatNumber);
        System.out.println("Hot seat: " + seat + " (concert/date/seat)");
    }
}
