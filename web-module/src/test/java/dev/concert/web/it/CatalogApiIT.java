package dev.concert.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The catalog and admin API over HTTP, on Payara Micro, against the database {@link TestStores} chose
 * (MariaDB here and in CI). Every test makes its own concert, so the tests share a database safely.
 */
class CatalogApiIT extends ApiIT {
    /** Today where the concerts happen (catalog.time-zone's default). */
    static final LocalDate TODAY = LocalDate.now(java.time.ZoneId.of("Asia/Seoul"));

    private JsonObject schedule(String title, LocalDate... dates) {
        StringBuilder json = new StringBuilder("{\"title\":\"" + title + "\",\"venue\":\"Olympic Hall\",\"dates\":[");
        for (int i = 0; i < dates.length; i++) {
            json.append(i > 0 ? "," : "").append('"').append(dates[i]).append('"');
        }
        json.append("],\"seatPrice\":150000}");
        Http.Reply reply = http.post("api/admin/concerts", json.toString(), "Authorization", ADMIN);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.object();
    }

    @Test
    void aScheduledConcertIsListedWithItsDatesAndSeats() {
        String title = "IT " + UUID.randomUUID();
        JsonObject created = schedule(title, TODAY.plusDays(10), TODAY.plusDays(3));
        String id = created.getString("id");
        assertThat(created.getJsonArray("dates")).hasSize(2);
        assertThat(created.getJsonArray("dates").getJsonObject(0).getJsonArray("seats")).hasSize(50);

        Http.Reply list = http.get("api/concerts");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.contentType()).startsWith("application/json");
        assertThat(list.array().getValuesAs(JsonObject.class))
                .anySatisfy(concert -> {
                    assertThat(concert.getString("id")).isEqualTo(id);
                    assertThat(concert.getString("title")).isEqualTo(title);
                    assertThat(concert.getString("venue")).isEqualTo("Olympic Hall");
                });

        Http.Reply dates = http.get("api/concerts/" + id + "/dates");
        assertThat(dates.status()).isEqualTo(200);
        assertThat(dates.array().getValuesAs(JsonObject.class))
                .extracting(date -> date.getString("date"), date -> date.getInt("availableSeats"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TODAY.plusDays(3).toString(), 50),
                        org.assertj.core.groups.Tuple.tuple(TODAY.plusDays(10).toString(), 50));

        Http.Reply seats = http.get("api/concerts/" + id + "/dates/" + TODAY.plusDays(3) + "/seats");
        assertThat(seats.status()).isEqualTo(200);
        JsonObject map = seats.object();
        assertThat(map.getString("concertId")).isEqualTo(id);
        assertThat(map.getString("date")).isEqualTo(TODAY.plusDays(3).toString());
        assertThat(map.getJsonArray("seats").getValuesAs(JsonObject.class))
                .hasSize(50)
                .allSatisfy(seat -> {
                    assertThat(seat.getJsonNumber("price").longValue()).isEqualTo(150_000L);
                    assertThat(seat.getString("status")).isEqualTo("AVAILABLE");
                })
                .extracting(seat -> seat.getInt("number"))
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 50).boxed().toList());
    }

    @Test
    void datesStartAtTheirLocalTimeAndSeatsSitWhereTheLayoutPutsThem() {
        Http.Reply created = http.post("api/admin/concerts", "{\"title\":\"IT " + UUID.randomUUID()
                + "\",\"venue\":\"Arena\",\"dates\":[\"" + TODAY.plusDays(5) + "\"],\"startTime\":\"18:30\","
                + "\"layout\":{\"sections\":[{\"name\":\"VIP\",\"rows\":[\"A\"],\"seatsPerRow\":10,\"price\":165000},"
                + "{\"name\":\"R\",\"rows\":[\"B\",\"C\",\"D\",\"E\"],\"seatsPerRow\":10,\"price\":99000}]}}",
                "Authorization", ADMIN);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.object().getString("id");
        String startsAt = TODAY.plusDays(5) + "T18:30:00+09:00";   // catalog.time-zone: Asia/Seoul
        assertThat(created.object().getJsonArray("dates").getJsonObject(0).getString("startsAt")).isEqualTo(startsAt);
        assertThat(http.get("api/concerts/" + id + "/dates").array().getJsonObject(0).getString("startsAt")).isEqualTo(startsAt);

        JsonObject map = http.get("api/concerts/" + id + "/dates/" + TODAY.plusDays(5) + "/seats").object();
        assertThat(map.getString("startsAt")).isEqualTo(startsAt);
        JsonObject ten = map.getJsonArray("seats").getJsonObject(9);
        JsonObject eleven = map.getJsonArray("seats").getJsonObject(10);
        assertThat(List.of(ten.getString("section"), ten.getString("row"), ten.getInt("seatInRow"), ten.getInt("price")))
                .containsExactly("VIP", "A", 10, 165_000);
        assertThat(List.of(eleven.getString("section"), eleven.getString("row"), eleven.getInt("seatInRow"), eleven.getInt("price")))
                .containsExactly("R", "B", 1, 99_000);

        JsonObject plain = schedule("IT " + UUID.randomUUID(), TODAY.plusDays(6));   // no layout, no start time
        JsonObject seat = plain.getJsonArray("dates").getJsonObject(0).getJsonArray("seats").getJsonObject(22);
        assertThat(plain.getJsonArray("dates").getJsonObject(0).getString("startsAt")).isEqualTo(TODAY.plusDays(6) + "T19:00:00+09:00");
        assertThat(seat.containsKey("section")).isFalse();
        assertThat(List.of(seat.getString("row"), seat.getInt("seatInRow"))).containsExactly("C", 3);
    }

    @Test
    void aLayoutOrStartTimeThatCannotBeIsA400AndSchedulesNothing() {
        String dates = "\"dates\":[\"" + TODAY.plusDays(5) + "\"]";
        String[] bodies = {
            "{\"title\":\"x\",\"venue\":\"v\"," + dates + ",\"seatPrice\":1,\"startTime\":\"25:00\"}",
            "{\"title\":\"x\",\"venue\":\"v\"," + dates + ",\"seatPrice\":1,\"startTime\":\"7pm\"}",
            "{\"title\":\"x\",\"venue\":\"v\"," + dates + ",\"seatPrice\":1,\"layout\":{\"sections\":[{\"name\":\"R\","
                    + "\"rows\":[\"A\",\"B\"],\"seatsPerRow\":10}]}}",
            "{\"title\":\"x\",\"venue\":\"v\"," + dates + ",\"seatPrice\":1,\"layout\":{\"sections\":[{\"name\":\"R\","
                    + "\"rows\":[\"A\",\"A\",\"C\",\"D\",\"E\"],\"seatsPerRow\":10}]}}",
            "{\"title\":\"x\",\"venue\":\"v\"," + dates + ",\"seatPrice\":1,\"layout\":{\"sections\":[{\"name\":\"R\","
                    + "\"rows\":[\"A\",\"B\",\"C\",\"D\",\"E\"],\"seatsPerRow\":10,\"price\":5}]}}",
            "{\"title\":\"x\",\"venue\":\"v\"," + dates + ",\"layout\":{\"sections\":[{\"name\":\"R\","
                    + "\"rows\":[\"A\",\"B\",\"C\",\"D\",\"E\"],\"seatsPerRow\":10}]}}",
            "{\"title\":\"x\",\"venue\":\"v\"," + dates + ",\"seatPrice\":1,\"layout\":{\"sections\":[]}}",
        };
        int before = http.get("api/concerts").array().size();
        for (String body : bodies) {
            Http.Reply refused = http.post("api/admin/concerts", body, "Authorization", ADMIN);
            assertThat(refused.status()).as(body + " -> " + refused.body()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.object().getString("code")).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(http.get("api/concerts").array().size()).isEqualTo(before);
    }

    @Test
    void perSeatPricesAreKeptSeatBySeat() {
        var prices = new java.util.ArrayList<Long>(Collections.nCopies(50, 99_000L));
        prices.set(0, 220_000L);
        String json = "{\"title\":\"IT per-seat\",\"venue\":\"Hall\",\"dates\":[\"" + TODAY.plusDays(5)
                + "\"],\"seatPrices\":" + prices + "}";
        Http.Reply reply = http.post("api/admin/concerts", json, "Authorization", ADMIN);
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("Location")).endsWith("/api/concerts/" + reply.object().getString("id") + "/dates");

        var seats = http.get("api/concerts/" + reply.object().getString("id") + "/dates/" + TODAY.plusDays(5) + "/seats")
                .object().getJsonArray("seats");
        assertThat(seats.getJsonObject(0).getJsonNumber("price").longValue()).isEqualTo(220_000L);
        assertThat(seats.getJsonObject(1).getJsonNumber("price").longValue()).isEqualTo(99_000L);
    }

    @Test
    void badInputIsA400ProblemAndChangesNothing() {
        int before = http.get("api/concerts").array().size();
        String[] bodies = {
                "{",                                                                     // malformed JSON
                "[1,2]",                                                                 // wrong shape
                "{\"title\":\"t\",\"venue\":\"v\",\"dates\":[\"2026-13-40\"],\"seatPrice\":1}",   // no such day
                "{\"title\":\"t\",\"venue\":\"v\",\"dates\":[\"" + TODAY.plusDays(1) + "\"],\"seatPrice\":\"x\"}", // wrong type
                "{\"title\":\"t\",\"venue\":\"v\",\"dates\":[\"" + TODAY.plusDays(1) + "\"],\"seatPrice\":0}",    // not positive
                "{\"title\":\"t\",\"venue\":\"v\",\"dates\":[\"" + TODAY.minusDays(1) + "\"],\"seatPrice\":1}",   // past
                "{\"venue\":\"v\",\"dates\":[\"" + TODAY.plusDays(1) + "\"],\"seatPrice\":1}",                    // missing field
                "{\"title\":\"t\",\"venue\":\"v\",\"dates\":[\"" + TODAY.plusDays(1) + "\",\"" + TODAY.plusDays(1)
                        + "\"],\"seatPrice\":1}",                                                                   // twice
        };
        for (String body : bodies) {
            Http.Reply reply = http.post("api/admin/concerts", body, "Authorization", ADMIN);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.contentType()).as(body).startsWith("application/problem+json");
            assertThat(reply.object().getString("code")).as(body).isEqualTo("VALIDATION_FAILED");
            assertThat(reply.body()).as(body).doesNotContain("Exception", "java.", "dev.concert", "SQL");
        }
        assertThat(http.get("api/concerts").array()).hasSize(before);
    }

    @Test
    void unknownConcertsDatesAndPathsAreNotFound() {
        String id = schedule("IT 404", TODAY.plusDays(2)).getString("id");
        for (String path : new String[] {"api/concerts/999999999/dates", "api/concerts/abc/dates",
                "api/concerts/" + id + "/dates/" + TODAY.plusDays(4) + "/seats", "api/no-such-thing"}) {
            Http.Reply reply = http.get(path);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.object().getString("code")).as(path).isEqualTo("NOT_FOUND");
        }
        Http.Reply badDate = http.get("api/concerts/" + id + "/dates/2026-02-30/seats");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.object().getString("code")).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void theAdminApiWantsItsKey() {
        String body = "{\"title\":\"t\",\"venue\":\"v\",\"dates\":[\"" + TODAY.plusDays(1) + "\"],\"seatPrice\":1}";
        Http.Reply missing = http.post("api/admin/concerts", body);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.object().getString("code")).isEqualTo("TOKEN_MISSING");
        Http.Reply wrong = http.post("api/admin/concerts", body, "Authorization", "Bearer not-the-key");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.object().getString("code")).isEqualTo("TOKEN_INVALID");
    }

    @Test
    void anOversizedBodyIs413() {
        String body = "{\"title\":\"" + "x".repeat(17 * 1024) + "\"}";
        Http.Reply reply = http.post("api/admin/concerts", body, "Authorization", ADMIN);
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.object().getString("code")).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void aDateSoldOutOrPastIsNotBookable() {
        // a concert today only: bookable; the listing never shows dates before today
        String id = schedule("IT today", TODAY).getString("id");
        assertThat(http.get("api/concerts/" + id + "/dates").array().getValuesAs(JsonObject.class))
                .extracting(date -> date.getString("date")).containsExactly(TODAY.toString());
    }

    @Test
    void healthAndOpenApiAnswer() throws Exception {
        URI root = base.toURI().resolve("/");
        Http server = new Http(root);
        Http.Reply ready = server.get("health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("database").contains("UP");
        assertThat(server.get("health/live").status()).isEqualTo(200);
        assertThat(server.get("metrics").status()).isEqualTo(200);
        Http.Reply openapi = server.get("openapi");
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/concerts/{concertId}/dates/{date}/seats", "/api/admin/concerts",
                "VALIDATION_FAILED", "NOT_FOUND", "/api/reservations", "/api/reservations/{reservationId}",
                "/api/users/{userId}/balance", "/api/users/{userId}/balance/charges", "/api/users/{userId}/payments",
                "/api/payments", "Idempotency-Key", "INSUFFICIENT_BALANCE", "HOLD_EXPIRED");
    }

    @Test
    void everyAnswerCarriesARequestIdAndATrustedProxysOwnIsKept() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (String path : new String[] {"", "api/concerts", "api/nothing-here", "css/app.css"}) {
            Http.Reply reply = http.get(path);
            assertThat(reply.header("X-Request-Id")).as(path).matches("[0-9a-f-]{36}");
            ids.add(reply.header("X-Request-Id"));
        }
        assertThat(ids).as("one id a request").hasSize(4);
        // the test client is one of the server's trusted proxies (TestStores), as a balancer would be
        assertThat(http.get("api/concerts", "X-Request-Id", "lb-it-7f3a").header("X-Request-Id")).isEqualTo("lb-it-7f3a");
        assertThat(http.get("api/concerts", "X-Request-Id", "not a plain word").header("X-Request-Id"))
                .matches("[0-9a-f-]{36}");
    }

    @Test
    void theServedOpenApiDocumentIsTheCommittedOne() throws Exception {
        Http.Reply served = new Http(base.toURI().resolve("/")).get("openapi");
        assertThat(served.status()).isEqualTo(200);
        java.util.Map<String, Object> document = OpenApiDocument.parse(served.body());
        if (OpenApiDocument.writeWanted()) {
            OpenApiDocument.commit(document);
        }
        assertThat(document).as("/openapi against documents/openapi.yaml (after an API change, write it anew: "
                + "-Dopenapi.write=true, see OpenApiDocument)").usingRecursiveComparison().isEqualTo(OpenApiDocument.committed());
    }

    @Test
    void pagesAndAnswersCarryTheSecurityHeadersAndNoServerBanner() {
        Http.Reply page = http.get("");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'", "frame-ancestors 'none'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.body()).doesNotContainPattern("<script>[^<]");   // no inline script
        Http.Reply api = http.get("api/concerts");
        assertThat(api.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
        for (Http.Reply reply : new Http.Reply[] {page, api, http.get("api/nothing-here")}) {
            assertThat(reply.header("X-Powered-By")).isNull();
            assertThat(reply.header("Server")).isNull();
            assertThat(reply.header("Access-Control-Allow-Origin")).as("CORS is off unless configured").isNull();
        }
        Http.Reply preflight = http.send("OPTIONS", "api/reservations", null, "Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST");
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    }
}
