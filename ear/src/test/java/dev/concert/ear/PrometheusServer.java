package dev.concert.ear;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Prometheus (Debian's {@code /usr/bin/prometheus}) for a test: it scrapes the given targets every
 * second as job "concert" and evaluates the project's alerting rules (docker/prometheus/alerts.yml) every
 * second, with each rule's {@code for:} shortened to one second so that a test need not wait out
 * production's patience. The expressions are the shipped ones, unchanged.
 */
final class PrometheusServer implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/prometheus");
    static final Path RULES = Path.of("../docker/prometheus/alerts.yml");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final URI base;

    private PrometheusServer(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    static PrometheusServer start(Path directory, int port, List<String> targets) throws Exception {
        Files.createDirectories(directory);
        String rules = Files.readString(RULES).replaceAll("(?m)^(\\s+)for:\\s*\\S+", "$1for: 1s");
        Files.writeString(directory.resolve("alerts.yml"), rules);
        Files.writeString(directory.resolve("prometheus.yml"), String.join("\n",
                "global: {scrape_interval: 1s, evaluation_interval: 1s}",
                "rule_files: [alerts.yml]",
                "scrape_configs:",
                "  - job_name: concert",
                "    metrics_path: /metrics",
                "    static_configs:",
                "      - targets: [" + targets.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", ")) + "]",
                ""));
        Process process = new ProcessBuilder(BINARY.toString(),
                "--config.file=" + directory.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(directory.resolve("prometheus.log").toFile()).start();
        PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port + "/"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!server.ready()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new IllegalStateException("Prometheus did not start: " + Files.readString(directory.resolve("prometheus.log")));
            }
            Thread.sleep(200);
        }
        return server;
    }

    private boolean ready() {
        try {
            return get("-/ready").statusCode() == 200;
        } catch (IOException | InterruptedException notYet) {
            return false;
        }
    }

    /** An instant query through the HTTP API: its {@code data} object; fails on an error answer. */
    JsonObject query(String promql) throws Exception {
        HttpResponse<String> response = get("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonObject answer = json(response.body());
        if (response.statusCode() != 200 || !"success".equals(answer.getString("status"))) {
            throw new AssertionError("query " + promql + " failed: " + response.body());
        }
        return answer.getJsonObject("data");
    }

    /** The single value of a query whose result is one sample; NaN when it has none. */
    double value(String promql) throws Exception {
        var result = query(promql).getJsonArray("result");
        return result.isEmpty() ? Double.NaN
                : Double.parseDouble(result.getJsonObject(0).getJsonArray("value").getString(1));
    }

    /** The alerts pending or firing now, as the API lists them. */
    List<JsonObject> alerts() throws Exception {
        return json(get("api/v1/alerts").body()).getJsonObject("data").getJsonArray("alerts").getValuesAs(JsonObject.class);
    }

    /** The state ("pending", "firing") of the alert named {@code name}; "inactive" when it is not listed. */
    String alert(String name) throws Exception {
        return alerts().stream().filter(alert -> name.equals(alert.getJsonObject("labels").getString("alertname")))
                .map(alert -> alert.getString("state")).findFirst().orElse("inactive");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
