import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many Server-Sent Events streams one instance holds, and at what cost. Opens N streams (one
 * token each) against a running server, holds them, and reports the server's threads, resident
 * memory and CPU before and while they are open.
 *
 *   java documents/bench/SseStreams.java http://localhost:8080 <server pid> 2000 30
 *
 * Bounded: N streams, held for the given seconds, then closed. Loopback only.
 */
public class SseStreams {

    static final Pattern TOKEN = Pattern.compile("\"token\":\"([A-Za-z0-9_-]{43})\"");

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        long pid = Long.parseLong(args[1]);
        int streams = Integer.parseInt(args[2]);
        int holdSeconds = Integer.parseInt(args[3]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();

        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            HttpResponse<String> issued = client.send(HttpRequest.newBuilder(base.resolve("/api/queue/tokens"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + UUID.randomUUID() + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = TOKEN.matcher(issued.body());
            if (!m.find()) {
                throw new IllegalStateException("no token: " + issued.statusCode() + " " + issued.body());
            }
            tokens.add(m.group(1));
        }
        System.out.printf("before: %s%n", server(pid));
        double cpuBefore = cpuSeconds(pid);

        AtomicLong events = new AtomicLong();
        AtomicLong comments = new AtomicLong();
        List<CompletableFuture<HttpResponse<Void>>> open = new ArrayList<>();
        long start = System.nanoTime();
        for (String token : tokens) {
            open.add(client.sendAsync(HttpRequest.newBuilder(base.resolve("/api/queue/events?token=" + token))
                            .header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.fromLineSubscriber(new java.util.concurrent.Flow.Subscriber<String>() {
                        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                            s.request(Long.MAX_VALUE);
                        }

                        public void onNext(String line) {
                            if (line.startsWith("event: status")) {
                                events.incrementAndGet();
                            } else if (line.startsWith(":")) {
                                comments.incrementAndGet();
                            }
                        }

                        public void onError(Throwable t) {
                        }

                        public void onComplete() {
                        }
                    })));
        }
        while (events.get() < streams && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(120)) {
            Thread.sleep(100);
        }
        System.out.printf("%d streams open, first events after %d ms%n", events.get(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        double cpuOpen = cpuSeconds(pid);
        Thread.sleep(holdSeconds * 1000L);
        double cpuHeld = cpuSeconds(pid);
        System.out.printf("while open: %s%n", server(pid));
        System.out.printf("server CPU while holding %d streams idle: %.1f%% of one core (%.2f s in %d s)%n",
                streams, 100 * (cpuHeld - cpuOpen) / holdSeconds, cpuHeld - cpuOpen, holdSeconds);
        System.out.printf("keep-alive comments received: %d; CPU to open the streams: %.2f s%n",
                comments.get(), cpuOpen - cpuBefore);
        open.forEach(f -> f.cancel(true));
        System.exit(0);
    }

    static String server(long pid) throws Exception {
        long threads;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            threads = tasks.count();
        }
        String rss = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith("VmRSS")).findFirst().orElse("VmRSS: ?").replaceAll("\\s+", " ");
        long fds;
        try (var fd = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            fds = fd.count();
        }
        return "threads " + threads + ", " + rss + ", open files " + fds;
    }

    static double cpuSeconds(long pid) throws Exception {
        String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
        return (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / 100.0;
    }
}
