package dev.concert.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What an operator does before and after a run, over the admin API (not measured): schedules the
 * run's concert, pauses and resumes admission.
 */
final class Operator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String key;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    Operator(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    static Operator fromSettings() {
        return new Operator(LoadSettings.baseUrl(), LoadSettings.adminKey());
    }

    /** A concert scheduled for the run: its id and its dates. */
    record Concert(String id, List<LocalDate> dates) {
        int seats() {
            return dates.size() * 50;
        }
    }

    /**
     * Schedules a concert on {@code days} consecutive dates from tomorrow in the catalog's time zone
     * (so every date is bookable whatever the time of day), every seat at {@code price} won.
     */
    Concert schedule(String title, int days, long price) {
        LocalDate tomorrow = LocalDate.now(ZoneId.of(LoadSettings.catalogTimeZone())).plusDays(1);
        List<String> dates = IntStream.range(0, days).mapToObj(day -> tomorrow.plusDays(day).toString()).toList();
        JsonNode body = JSON.createObjectNode()
                .put("title", title)
                .put("venue", "Gatling Arena")
                .put("seatPrice", price)
                .set("dates", JSON.valueToTree(dates));
        JsonNode concert = call("POST", "/api/admin/concerts", body, 201);
        List<LocalDate> scheduled = new ArrayList<>();
        concert.get("dates").forEach(date -> scheduled.add(LocalDate.parse(date.get("date").asText())));
        return new Concert(concert.get("id").asText(), List.copyOf(scheduled));
    }

    /** Whether admission is paused now (GET /api/admin/queue). */
    boolean admissionPaused() {
        return call("GET", "/api/admin/queue", null, 200).get("paused").asBoolean();
    }

    void pauseAdmission(boolean paused) {
        call("PUT", "/api/admin/queue/settings", JSON.createObjectNode().put("paused", paused), 200);
    }

    private JsonNode call(String method, String path, JsonNode body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode()
                        + " (expected " + expected + "): " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + baseUrl + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
