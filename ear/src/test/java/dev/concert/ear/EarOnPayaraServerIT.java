package dev.concert.ear;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The built EAR, deployed by ear/src/payara/payara.sh on Payara Server 6 (the full profile), on the
 * embedded default exactly as the README's run command starts it: no DB_URL, no REDIS_URL. The
 * domain is started before this test (pre-integration-test) and stopped after it.
 */
class EarOnPayaraServerIT {

    static final URI BASE = URI.create(System.getProperty("concert.url", "http://localhost:28080") + "/");
    static final String ADMIN = "Bearer " + System.getProperty("concert.admin-key");
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    record Reply(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
        JsonStructure json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }
    }

    static Reply send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(),
                response.headers());
    }

    static Reply get(String path) throws Exception {
        return send(HttpRequest.newBuilder(BASE.resolve(path)));
    }

    @Test
    void theDemoConcertIsThereAtOnce() throws Exception {
        Reply concerts = get("api/concerts");
        assertThat(concerts.status()).isEqualTo(200);
        JsonObject demo = ((JsonArray) concerts.json()).getJsonObject(0);
        assertThat(demo.getString("title")).isNotBlank();

        JsonArray dates = (JsonArray) get("api/concerts/" + demo.getString("id") + "/dates").json();
        assertThat(dates).hasSizeGreaterThanOrEqualTo(3);
        LocalDate first = LocalDate.parse(dates.getJsonObject(0).getString("date"));
        assertThat(first).isAfter(LocalDate.now(ZoneOffset.UTC));
        assertThat(dates.getJsonObject(0).getInt("availableSeats")).isEqualTo(50);

        JsonObject seats = (JsonObject) get("api/concerts/" + demo.getString("id") + "/dates/" + first + "/seats").json();
        assertThat(seats.getJsonArray("seats")).hasSize(50);
        assertThat(seats.getJsonArray("seats").getJsonObject(0).getJsonNumber("price").longValue()).isPositive();
    }

    @Test
    void anOperatorSchedulesAConcertThroughTheEar() throws Exception {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(40);
        Reply created = send(HttpRequest.newBuilder(BASE.resolve("api/admin/concerts"))
                .header("Authorization", ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"title\":\"EAR IT\",\"venue\":\"Jamsil\",\"dates\":[\"" + day + "\"],\"seatPrice\":132000}")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = ((JsonObject) created.json()).getString("id");

        JsonArray dates = (JsonArray) get("api/concerts/" + id + "/dates").json();
        assertThat(dates.getJsonObject(0).getString("date")).isEqualTo(day.toString());
    }

    @Test
    void errorsAreProblemsFromTheEarToo() throws Exception {
        Reply missing = get("api/concerts/424242/dates");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(((JsonObject) missing.json()).getString("code")).isEqualTo("NOT_FOUND");
    }

    @Test
    void theAdmissionTimerOfTheEarAdmitsAWaitingUser() throws Exception {
        Reply entered = send(HttpRequest.newBuilder(BASE.resolve("api/queue/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + java.util.UUID.randomUUID() + "\"}")));
        assertThat(entered.status()).isEqualTo(201);
        String token = ((JsonObject) entered.json()).getString("token");

        String status = "WAITING";
        for (int i = 0; i < 50 && status.equals("WAITING"); i++) {
            Thread.sleep(200);
            Reply reply = send(HttpRequest.newBuilder(BASE.resolve("api/queue/status")).header("Authorization", "Bearer " + token));
            assertThat(reply.status()).isEqualTo(200);
            status = ((JsonObject) reply.json()).getString("status");
        }
        assertThat(status).as("admitted by the @Schedule timer within 10 s").isEqualTo("ACTIVE");
    }

    static Reply post(String path, String bearer, String body) throws Exception {
        return send(HttpRequest.newBuilder(BASE.resolve(path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + bearer).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * The booking transactions in the EAR on the embedded H2: a payment without balance is declined and
     * its cancellation commits (ejb-jar.xml's non-rollback PaymentDeclined), then a paid hold sells the seat.
     */
    @Test
    void aFanBooksADemoSeatThroughTheEar() throws Exception {
        String user = java.util.UUID.randomUUID().toString();
        String token = ((JsonObject) send(HttpRequest.newBuilder(BASE.resolve("api/queue/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + user + "\"}"))).json()).getString("token");
        for (int i = 0; i < 50; i++) {
            Reply reply = send(HttpRequest.newBuilder(BASE.resolve("api/queue/status")).header("Authorization", "Bearer " + token));
            if (((JsonObject) reply.json()).getString("status").equals("ACTIVE")) {
                break;
            }
            Thread.sleep(200);
        }
        String concert = ((JsonArray) get("api/concerts").json()).getJsonObject(0).getString("id");
        JsonArray dates = (JsonArray) get("api/concerts/" + concert + "/dates").json();
        String date = dates.getJsonObject(dates.size() - 1).getString("date"); // the first date stays untouched
        JsonArray seats = ((JsonObject) get("api/concerts/" + concert + "/dates/" + date + "/seats").json()).getJsonArray("seats");
        int seat = seats.stream().map(JsonObject.class::cast).filter(s -> s.getString("status").equals("AVAILABLE"))
                .findFirst().orElseThrow().getInt("number");
        String hold = "{\"concertId\":\"" + concert + "\",\"date\":\"" + date + "\",\"seatNumber\":" + seat + "}";

        Reply first = post("api/reservations", token, hold);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        Reply declined = post("api/payments", token, "{\"reservationId\":\""
                + ((JsonObject) first.json()).getString("reservationId") + "\"}");
        assertThat(declined.status()).as(declined.body()).isEqualTo(402);

        Reply second = post("api/reservations", token, hold);
        assertThat(second.status()).as("the declined payment freed the seat: " + second.body()).isEqualTo(201);
        long price = ((JsonObject) second.json()).getJsonNumber("price").longValue();
        assertThat(post("api/users/" + user + "/balance/charges", token, "{\"amount\":" + price + "}").status()).isEqualTo(200);
        Reply paid = post("api/payments", token, "{\"reservationId\":\""
                + ((JsonObject) second.json()).getString("reservationId") + "\"}");
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        JsonArray after = ((JsonObject) get("api/concerts/" + concert + "/dates/" + date + "/seats").json()).getJsonArray("seats");
        assertThat(after.getJsonObject(seat - 1).getString("status")).isEqualTo("SOLD");
    }

    @Test
    void theServerNamesNeitherItselfNorItsVersion() throws Exception {
        for (String path : new String[] {"", "api/concerts", "api/nothing-here", "ops/"}) {
            Reply reply = get(path);
            assertThat(reply.headers().firstValue("X-Powered-By")).as(path).isEmpty();
            assertThat(reply.headers().firstValue("Server")).as(path).isEmpty();
        }
        assertThat(get("").headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("script-src 'self'"));
    }

    @Test
    void operationsEndpointsAnswer() throws Exception {
        Reply ready = get("health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("\"database\"").contains("H2");
        assertThat(get("health/live").status()).isEqualTo(200);
        assertThat(get("metrics").status()).isEqualTo(200);
        Reply openapi = get("openapi");
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/concerts/{concertId}/dates", "/api/admin/concerts",
                "/api/queue/tokens", "/api/queue/status", "/api/queue/events", "/api/admin/queue/settings");
        // one server, "/" (wherever the document was read from), not one per listener (the HTTPS one included)
        assertThat(openapi.body()).containsPattern("(?m)^servers:\n- url: /\n[a-z]");
        // the run command's embedded default, as the readiness data names it
        assertThat(ready.body()).contains("\"queue-store\"").contains("\"store\":\"in-process\"");
    }
}
