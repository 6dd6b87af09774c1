package dev.concert.ear;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shipped Grafana dashboard (docker/grafana/concert-dashboard.json): its queries, for Prometheus to run. */
final class Dashboard {

    static final Path FILE = Path.of("../docker/grafana/concert-dashboard.json");

    private Dashboard() {
    }

    /** Every panel's query, with Grafana's own variables given the values Grafana would (a 1 m rate window). */
    static List<String> expressions() throws IOException {
        JsonObject dashboard;
        try (var reader = Json.createReader(new StringReader(Files.readString(FILE)))) {
            dashboard = reader.readObject();
        }
        List<String> expressions = new ArrayList<>();
        collect(dashboard.getJsonArray("panels"), expressions);
        if (expressions.isEmpty()) {
            throw new AssertionError("no queries in " + FILE);
        }
        return expressions;
    }

    private static void collect(JsonArray panels, List<String> into) {
        if (panels == null) {
            return;
        }
        for (JsonValue value : panels) {
            JsonObject panel = value.asJsonObject();
            if (panel.containsKey("targets")) {
                for (JsonValue target : panel.getJsonArray("targets")) {
                    String expression = target.asJsonObject().getString("expr", null);
                    if (expression != null && !expression.isBlank()) {
                        into.add(expression.replace("$__rate_interval", "1m").replace("$__interval", "15s")
                                .replace("$__range", "1h"));
                    }
                }
            }
            collect(panel.getJsonArray("panels"), into);   // rows hold panels of their own
        }
    }
}
