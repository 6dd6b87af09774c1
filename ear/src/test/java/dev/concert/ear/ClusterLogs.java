package dev.concert.ear;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The logs of the cluster that cluster.sh runs: each instance's server.log (JSON lines), the DAS's, nginx's. */
final class ClusterLogs {

    static final Path PAYARA = Path.of("target/payara6/glassfish");
    static final Path NODES = PAYARA.resolve("nodes/localhost-concert-cluster");

    private ClusterLogs() {
    }

    /** The server.log of every instance (rotated ones included). */
    static List<Path> instanceLogs() throws IOException {
        try (Stream<Path> files = Files.walk(NODES)) {
            return files.filter(file -> file.getParent().endsWith("logs") && file.getFileName().toString().startsWith("server.log"))
                    .sorted().toList();
        }
    }

    /** Every log of the cluster: the instances', the DAS's and nginx's. */
    static List<Path> all() throws IOException {
        List<Path> logs = new ArrayList<>(instanceLogs());
        try (Stream<Path> files = Files.walk(PAYARA.resolve("domains/concert-cluster/logs"))) {
            files.filter(Files::isRegularFile).forEach(logs::add);
        }
        logs.add(Path.of("target/cluster-nginx/logs/access.log"));
        return logs;
    }

    /**
     * Every line the instances logged since they run with the JSON formatter (each instance's current
     * server.log: Payara starts a new file when the formatter changes), each parsed as a JSON object;
     * fails on a line that is not one. The one exception is the launcher's record at each start (logger
     * {@code jakarta.enterprise.launcher}: the JVM's command line), which the process that starts the
     * instance writes in Payara's plain format before the instance's own logging applies.
     */
    static List<JsonObject> instanceLines() throws IOException {
        List<JsonObject> lines = new ArrayList<>();
        for (Path log : instanceLogs().stream().filter(file -> file.getFileName().toString().equals("server.log")).toList()) {
            boolean inLauncherRecord = false;
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("[") && line.contains("[jakarta.enterprise.launcher]")) {
                    inLauncherRecord = true;
                }
                if (inLauncherRecord && !line.startsWith("{")) {
                    continue;
                }
                inLauncherRecord = false;
                if (line.isBlank()) {
                    continue;
                }
                try (var reader = Json.createReader(new StringReader(line))) {
                    lines.add(reader.readObject());
                } catch (JsonParsingException notJson) {
                    throw new AssertionError("a line of " + log + " is not JSON: " + line, notJson);
                }
            }
        }
        return lines;
    }

    /** The access line of the request {@code requestId}, once an instance has written it. */
    static JsonObject waitForAccessLine(String requestId, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Optional<JsonObject> found = instanceLines().stream()
                    .filter(line -> "dev.concert.access".equals(line.getString("LoggerName", null)))
                    .filter(line -> requestId.equals(line.getString("requestId", null))).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no access line of request " + requestId + " in " + instanceLogs());
            }
            Thread.sleep(250);
        }
    }

    /** nginx's access log. */
    static String balancer() throws IOException {
        return Files.readString(Path.of("target/cluster-nginx/logs/access.log"));
    }
}
