package dev.concert.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concert.web.it.Fans.Fan;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile requests against every endpoint that reads a body or a user-scoped path: each is a 4xx
 * problem+json with a contract code, names nothing internal, and changes nothing in the database.
 */
class HostileInputIT extends ApiIT {

    static final LocalDate SHOW = LocalDate.now().plusDays(50);

    Fans fans;
    Fan fan;
    String concert;
    String reservation;

    @BeforeEach
    void setUp() {
        fans = new Fans(http, ADMIN);
        fans.admitFreely();
        concert = fans.concert(SHOW, 100_000);
        fan = fans.admitted();
        reservation = http.post("api/reservations", "{\"concertId\":\"" + concert + "\",\"date\":\"" + SHOW
                + "\",\"seatNumber\":1}", "Authorization", fan.bearer()).object().getString("reservationId");
    }

    /** Values that must not get through, whatever field they are put in. */
    static List<String> hostileValues() {
        List<String> values = new ArrayList<>(List.of(
                "\"1' OR '1'='1\"", "\"1; DROP TABLE seat; --\"", "\"<script>alert(1)</script>\"",
                "\"\\u202Egnp.exe\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\u200B\"",
                "99999999999999999999999", "-9223372036854775809", "1e400", "NaN", "Infinity", "-0.0", "1.5",
                "true", "null", "[]", "{}", "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]", "\"" + "x".repeat(10_000) + "\""));
        values.add("[".repeat(5_000) + "]".repeat(5_000));   // deeply nested
        values.add("1,\"x\":{");                                // an unknown field cut off: once a thread lost forever
        return values;
    }

    /** An endpoint, the caller's Authorization, and the bodies that put a value in each of its fields. */
    record Endpoint(String method, String path, String auth, Function<String, List<String>> bodies) {
    }

    /** Each user endpoint with a fan of its own: the corpus is far more writes than one user may make a minute. */
    List<Endpoint> endpoints() {
        Fan charger = fans.admitted();
        return List.of(
                new Endpoint("POST", "api/queue/tokens", fan.bearer(), v -> List.of("{\"userId\":" + v + "}", v)),
                new Endpoint("POST", "api/reservations", fans.admitted().bearer(), v -> List.of(
                        "{\"concertId\":" + v + ",\"date\":\"" + SHOW + "\",\"seatNumber\":2}",
                        "{\"concertId\":\"" + concert + "\",\"date\":" + v + ",\"seatNumber\":2}",
                        "{\"concertId\":\"" + concert + "\",\"date\":\"" + SHOW + "\",\"seatNumber\":" + v + "}", v)),
                new Endpoint("POST", "api/users/" + charger.userId() + "/balance/charges", charger.bearer(),
                        v -> List.of("{\"amount\":" + v + "}", v)),
                new Endpoint("POST", "api/payments", fans.admitted().bearer(), v -> List.of("{\"reservationId\":" + v + "}", v)),
                new Endpoint("PUT", "api/admin/queue/settings", ADMIN, v -> List.of(
                        "{\"admitPerSecond\":" + v + "}", "{\"activeMax\":" + v + "}", "{\"paused\":" + v + "}", v)),
                new Endpoint("POST", "api/admin/concerts", ADMIN, v -> List.of(
                        "{\"title\":" + v + ",\"venue\":\"Hall\",\"dates\":[\"" + SHOW + "\"],\"seatPrice\":1000}",
                        "{\"title\":\"T\",\"venue\":" + v + ",\"dates\":[\"" + SHOW + "\"],\"seatPrice\":1000}",
                        "{\"title\":\"T\",\"venue\":\"Hall\",\"dates\":[" + v + "],\"seatPrice\":1000}",
                        "{\"title\":\"T\",\"venue\":\"Hall\",\"dates\":[\"" + SHOW + "\"],\"seatPrice\":" + v + "}",
                        "{\"title\":\"T\",\"venue\":\"Hall\",\"dates\":[\"" + SHOW + "\"],\"seatPrice\":1000,\"startTime\":" + v + "}",
                        "{\"title\":\"T\",\"venue\":\"Hall\",\"dates\":[\"" + SHOW + "\"],\"seatPrice\":1000,\"layout\":" + v + "}",
                        section(v, "[\"A\",\"B\",\"C\",\"D\",\"E\"]", "10", "1000"),
                        section("\"R\"", "[" + v + "]", "50", "1000"),
                        section("\"R\"", "[\"A\",\"B\",\"C\",\"D\",\"E\"]", v, "1000"),
                        section("\"R\"", "[\"A\",\"B\",\"C\",\"D\",\"E\"]", "10", v), v)));
    }

    /** A concert body whose layout is one section with these JSON values. */
    private static String section(String name, String rows, String seatsPerRow, String price) {
        return "{\"title\":\"T\",\"venue\":\"Hall\",\"dates\":[\"" + SHOW + "\"],\"layout\":{\"sections\":[{\"name\":" + name
                + ",\"rows\":" + rows + ",\"seatsPerRow\":" + seatsPerRow + ",\"price\":" + price + "}]}}";
    }

    /** Values that are fine where they are put (a quote is text in a title; false is a setting): not hostile there. */
    static boolean legitimate(String body, String value) {
        // the admin settings endpoint is the only one whose every field is optional
        boolean textField = body.startsWith("{\"title\":" + value) || body.contains("\"venue\":" + value)
                || body.contains("{\"name\":" + value);
        boolean quoteOnly = value.equals("\"1' OR '1'='1\"") || value.equals("\"1; DROP TABLE seat; --\"");
        boolean setting = body.equals("{\"paused\":" + value + "}") && (value.equals("true") || value.equals("null"))
                || body.matches("\\{\"(admitPerSecond|activeMax)\":null}");
        boolean noChange = body.equals("{}") && value.equals("{}");   // settings: "any of the three", none is no change
        // a concert's start time and layout are optional: null is the default
        boolean optional = body.contains("\"startTime\":null") || body.contains("\"layout\":null");
        return textField && quoteOnly || setting || noChange || optional;
    }

    /**
     * What hostile requests must not change, read in the database (MariaDB or the embedded H2): neither what
     * the timers change meanwhile (a 2 s hold lapses and is swept during the corpus), nor the clock's reading.
     * A new or longer hold moves the latest hold end; a cancel, the count of cancelled reservations.
     */
    private static String snapshot() {
        String counts = Tables.text("""
                SELECT CONCAT_WS(',', (SELECT COUNT(*) FROM concert), (SELECT COUNT(*) FROM reservation),
                  (SELECT COUNT(*) FROM payment), (SELECT COUNT(*) FROM wallet_ledger), (SELECT COUNT(*) FROM wallet),
                  (SELECT COALESCE(SUM(balance), 0) FROM wallet), (SELECT COUNT(*) FROM seat WHERE status = 'SOLD'),
                  (SELECT COUNT(*) FROM reservation WHERE status = 'CANCELLED'), (SELECT MAX(held_until) FROM reservation))""");
        assertThat(counts).as("the database's figures (a concert and a hold at least)").matches("[1-9]\\d*,[1-9]\\d*,.+");
        return counts;
    }

    @Test
    void aCorpusOfHostileValuesInEveryFieldOfEveryEndpointIsRefusedAndChangesNothing() {
        List<Endpoint> endpoints = endpoints();
        String before = snapshot();
        int sent = 0;
        for (Endpoint endpoint : endpoints) {
            for (String value : hostileValues()) {
                for (String body : endpoint.bodies().apply(value)) {
                    if (legitimate(body, value)) {
                        continue;
                    }
                    Http.Reply reply = http.send(endpoint.method(), endpoint.path(), body, "Authorization", endpoint.auth(),
                            "Content-Type", "application/json", "X-Forwarded-For", "10.77.0." + (sent % 250));
                    String what = endpoint.method() + " " + endpoint.path() + " " + abbreviate(body);
                    assertThat(reply.status()).as(what).isBetween(400, 499).isNotIn(401, 403);
                    assertThat(reply.contentType()).as(what).startsWith("application/problem+json");
                    assertThat(reply.object().getString("code")).as(what).isIn("VALIDATION_FAILED", "NOT_FOUND",
                            "PAYLOAD_TOO_LARGE", "SEAT_UNAVAILABLE");
                    assertThat(reply.body()).as(what).doesNotContain("Exception", "java.", "dev.concert", "SQL", "<script>");
                    sent++;
                }
            }
        }
        assertThat(sent).isGreaterThan(200);
        assertThat(snapshot()).as("the database after %d hostile requests", sent).isEqualTo(before);
    }

    @Test
    void everyUserScopedEndpointRefusesAnotherUsersTokenAndChangesNothing() {
        Fan intruder = fans.admitted();
        String owner = "api/users/" + fan.userId();
        String before = snapshot();

        List<Http.Reply> replies = List.of(
                http.get(owner + "/balance", "Authorization", intruder.bearer()),
                http.post(owner + "/balance/charges", "{\"amount\":1000}", "Authorization", intruder.bearer()),
                http.get(owner + "/payments", "Authorization", intruder.bearer()),
                http.get(owner + "/reservations?status=HELD", "Authorization", intruder.bearer()),
                http.get("api/reservations/" + reservation, "Authorization", intruder.bearer()),
                http.send("DELETE", "api/reservations/" + reservation, null, "Authorization", intruder.bearer()),
                http.post("api/payments", "{\"reservationId\":\"" + reservation + "\"}", "Authorization", intruder.bearer()));

        assertThat(replies).extracting(Http.Reply::status).containsExactly(403, 403, 403, 403, 404, 404, 404);
        assertThat(replies).allSatisfy(reply -> assertThat(reply.body()).doesNotContain(fan.userId(), "p-"));
        assertThat(snapshot()).isEqualTo(before);
        assertThat(http.get("api/reservations/" + reservation, "Authorization", fan.bearer()).object().getString("status"))
                .isIn("HELD", "EXPIRED");
    }

    private static String abbreviate(String body) {
        return body.length() <= 120 ? body : body.substring(0, 120) + "...";
    }
}
