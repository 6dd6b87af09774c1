package dev.concert.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * (iii) The whole journey of {@code users} fans arriving over {@code rampSeconds}: a token, polling
 * until ACTIVE (at the server's pace, capped at {@code pollCapSeconds}), browsing (concerts, the
 * dates, a seat map), a hold of a free seat picked at random (another one after a 409, at most
 * {@code holdTries} seat maps), a charge of the seat's price (sent twice with one Idempotency-Key: the
 * balance must be the price, not twice it), the payment, then the seat SOLD and the token spent.
 *
 * <p>{@code before()} schedules the run's concert over the admin API: {@code dates} dates from
 * tomorrow (Asia/Seoul), 50 seats each (100 dates = 5,000 seats). Once every fan is done,
 * {@link RunCheck} checks the invariants of that concert and of every wallet.
 */
public class BookingJourneySimulation extends Simulation {

    private final int users = LoadSettings.integer("users", 100);
    private final Duration ramp = LoadSettings.seconds("rampSeconds", 20);
    private final int dates = LoadSettings.integer("dates", 100);
    private final int holdTries = LoadSettings.integer("holdTries", 5);
    private final Duration pollCap = LoadSettings.seconds("pollCapSeconds", 2);
    private final Duration maxWait = LoadSettings.seconds("maxWaitSeconds", 120);
    private final long price = LoadSettings.integer("seatPrice", 150_000);

    /** set by before(), read by every fan */
    private volatile Operator.Concert concert;

    private final ChainBuilder browse = exec(session -> session.set("concertId", concert.id()))
            .exec(http("list concerts").get("/api/concerts").check(status().is(200)))
            .exec(http("list dates").get("/api/concerts/#{concertId}/dates")
                    .check(status().is(200), jsonPath("$[*].date").findAll().saveAs("dates")));

    private final ChainBuilder holdAFreeSeat = exec(session -> session.set("holdTries", 0))
            .asLongAs(session -> !session.contains("reservationId") && session.getInt("holdTries") < holdTries).on(
                    exec(session -> pickDate(session).set("holdTries", session.getInt("holdTries") + 1).remove("freeSeats"))
                            .exec(http("seat map").get("/api/concerts/#{concertId}/dates/#{date}/seats")
                                    .check(status().is(200), jsonPath("$.seats[?(@.status == 'AVAILABLE')].number")
                                            .ofInt().findAll().optional().saveAs("freeSeats")))
                            .doIf(session -> session.contains("freeSeats")).then(
                                    exec(BookingJourneySimulation::pickSeat)
                                            .exec(http(session -> session.getInt("holdTries") == 1 ? "hold seat" : "hold seat (retry)")
                                                    .post("/api/reservations")
                                                    .header("Authorization", "Bearer #{token}")
                                                    .body(StringBody("{\"concertId\":\"#{concertId}\",\"date\":\"#{date}\","
                                                            + "\"seatNumber\":#{seatNumber}}"))
                                                    .check(status().in(201, 409))
                                                    .checkIf((response, session) -> response.status().code() == 201).then(
                                                            jsonPath("$.reservationId").saveAs("reservationId"),
                                                            jsonPath("$.price").ofLong().saveAs("price"),
                                                            jsonPath("$.status").is("HELD"))
                                                    .checkIf((response, session) -> response.status().code() == 409).then(
                                                            jsonPath("$.code").is("SEAT_UNAVAILABLE")))))
            .exec(session -> session.contains("reservationId") ? session : session.markAsFailed());

    private final ChainBuilder payForIt = exec(session -> session
            .set("chargeKey", "charge-" + UUID.randomUUID())
            .set("paymentKey", "pay-" + UUID.randomUUID()))
            .exec(http("charge balance").post("/api/users/#{userId}/balance/charges")
                    .header("Authorization", "Bearer #{token}")
                    .header("Idempotency-Key", "#{chargeKey}")
                    .body(StringBody("{\"amount\":#{price}}"))
                    .check(status().is(200), jsonPath("$.balance").ofLong().is(session -> session.getLong("price"))))
            .exec(http("charge balance (retry, same key)").post("/api/users/#{userId}/balance/charges")
                    .header("Authorization", "Bearer #{token}")
                    .header("Idempotency-Key", "#{chargeKey}")
                    .body(StringBody("{\"amount\":#{price}}"))
                    .check(status().is(200), jsonPath("$.balance").ofLong().is(session -> session.getLong("price"))))
            .exec(http("pay").post("/api/payments")
                    .header("Authorization", "Bearer #{token}")
                    .header("Idempotency-Key", "#{paymentKey}")
                    .body(StringBody("{\"reservationId\":\"#{reservationId}\"}"))
                    .check(status().is(201), jsonPath("$.status").is("COMPLETED"),
                            jsonPath("$.amount").ofLong().is(session -> session.getLong("price"))))
            .exec(http("seat sold").get("/api/concerts/#{concertId}/dates/#{date}/seats")
                    .check(status().is(200), jsonPath("$.seats[?(@.number == #{seatNumber})].status").is("SOLD")))
            .exec(http("token spent").get("/api/queue/status")
                    .header("Authorization", "Bearer #{token}")
                    .check(status().is(401)));

    private final ScenarioBuilder journey = scenario("booking journey")
            .exec(Fan.enterQueue(201))
            .exitHereIfFailed()
            .exec(Fan.waitUntilAdmitted(pollCap, maxWait))
            .exitHereIfFailed()
            .exec(browse)
            .exitHereIfFailed()
            .exec(group("find a free seat").on(holdAFreeSeat))
            .exitHereIfFailed()
            .exec(payForIt)
            .exec(doIf(Session::isFailed).then(Fan.leaveQueue()));

    {
        System.out.printf("Booking journey: %d fans over %s on a new concert of %d dates (%d seats), "
                        + "at most %d seat maps each, polls capped at %s; target %s%n",
                users, ramp, dates, dates * 50, holdTries, pollCap, LoadSettings.baseUrl());
        setUp(journey.injectOpen(rampUsers(users).during(ramp))
                .andThen(RunCheck.afterwards(() -> List.of(concert.id()), Optional::empty)))
                .protocols(Fan.server())
                .maxDuration(ramp.plus(maxWait).plus(Duration.ofMinutes(5)))
                .assertions(global().failedRequests().count().is(0L),
                        details(Fan.WAIT_IN_QUEUE).failedRequests().count().is(0L),
                        details("find a free seat").failedRequests().count().is(0L),
                        details("pay").successfulRequests().count().is((long) users),
                        RunCheck.held());
    }

    private static Session pickDate(Session session) {
        List<String> open = session.getList("dates");
        return session.set("date", open.get(ThreadLocalRandom.current().nextInt(open.size())));
    }

    private static Session pickSeat(Session session) {
        List<Integer> free = session.getList("freeSeats");
        return session.set("seatNumber", free.get(ThreadLocalRandom.current().nextInt(free.size())));
    }

    @Override
    public void before() {
        concert = Operator.fromSettings().schedule("Load test journey " + java.time.Instant.now(), dates, price);
        System.out.printf("Scheduled concert %s: %s .. %s, %d seats%n",
                concert.id(), concert.dates().get(0), concert.dates().get(concert.dates().size() - 1), concert.seats());
    }
}
