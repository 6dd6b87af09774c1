import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What it costs to tell N waiting fans their place, by one of three channels: polling
 * {@code GET /api/queue/status} at the server's {@code pollAfterSeconds} (with or without
 * {@code If-None-Match}), Server-Sent Events ({@code /api/queue/events}) or WebSocket
 * ({@code /api/queue/ws}); or by none, the baseline: the same line and admission passes, nobody
 * asking. Against a running server with the admin API on and a Redis of its own (its INFO is read):
 *
 *   java documents/bench/StatusChannels.java http://localhost:29080 <server pid> 127.0.0.1:29379 sse 1000 60
 *
 * Arguments: base URL, the server JVM's pid (its CPU, memory and threads are read from /proc), Redis
 * host:port (INFO before and after each phase), mode ({@code poll}, {@code poll-plain} = without
 * If-None-Match, {@code sse}, {@code ws}, {@code none}), fans, seconds of slow admission. System properties:
 * {@code adminKey} (default $ADMIN_API_KEY), {@code pausedSeconds} (30), {@code slowRate} (2 a second),
 * {@code openRate} (10000 a second), {@code ttlSeconds} (600, the server's queue.active.ttl-seconds),
 * {@code maxWaitSeconds} (60), {@code clientPerFan} (true; polling only).
 *
 * Phases: admission paused, N tokens issued and their channels opened (the server's live heap is read
 * with jcmd after a full GC before and after); {@code paused}: nothing changes
 * for pausedSeconds; {@code slow}: slowRate fans admitted a second, so every waiting fan's position
 * changes each second; {@code open}: admission opened wide, until every fan has seen ACTIVE. The
 * latency of a change is, per fan, from the admission pass that admitted it (activeUntil − ttl, on
 * Redis's clock, which is this machine's) to the moment the client saw ACTIVE. At the end every
 * channel is closed, every token deleted and the admission settings restored.
 *
 * Polling fans each have their own HttpClient, so each keeps its own connection as a browser does;
 * streams share one client (a stream is one connection whichever client opens it). Loopback only.
 */
public class StatusChannels {

    static final Pattern TOKEN = Pattern.compile("\"token\":\"([A-Za-z0-9_-]{43})\"");
    static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z]+)\"");
    static final Pattern POLL_AFTER = Pattern.compile("\"pollAfterSeconds\":(\\d+)");
    static final Pattern ACTIVE_UNTIL = Pattern.compile("\"activeUntil\":\"([^\"]+)\"");
    static final Pattern NUMBER = Pattern.compile("\"(admitPerSecond|activeMax)\":(\\d+)");
    static final Pattern PAUSED = Pattern.compile("\"paused\":(true|false)");

    static URI base;
    static long pid;
    static String redisHost;
    static int redisPort;
    static String adminKey;
    static long ttlMillis;
    static final HttpClient SHARED = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();
    static final ExecutorService CLIENT_THREADS = Executors.newCachedThreadPool(daemon());
    static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(2, daemon());

    /** What the client side counts, all fans together. */
    static final AtomicLong requests = new AtomicLong();
    static final AtomicLong notModified = new AtomicLong();
    static final AtomicLong messages = new AtomicLong();
    static final AtomicLong keepAlives = new AtomicLong();
    static final AtomicLong errors = new AtomicLong();
    static final AtomicLong ended = new AtomicLong();
    /** When admission was opened wide (ms): fans admitted by a pass before it were admitted at the slow rate. */
    static volatile long openedAt = Long.MAX_VALUE;

    /** One waiting fan. */
    static final class Fan {
        final String token;
        volatile String etag;
        volatile int pollAfter = 1;
        volatile long admittedAt;   // ms, Redis clock: activeUntil − ttl
        volatile long seenActiveAt; // ms, this machine's clock
        volatile boolean firstStatus;
        volatile boolean closed;
        HttpClient client;
        CompletableFuture<?> stream;
        volatile WebSocket socket;

        Fan(String token) {
            this.token = token;
        }

        /** A status JSON arrived (a 200, an event, a message). */
        void saw(String json) {
            firstStatus = true;
            messages.incrementAndGet();
            Matcher poll = POLL_AFTER.matcher(json);
            if (poll.find()) {
                pollAfter = Integer.parseInt(poll.group(1));
            }
            Matcher status = STATUS.matcher(json);
            if (seenActiveAt == 0 && status.find() && status.group(1).equals("ACTIVE")) {
                seenActiveAt = System.currentTimeMillis();
                Matcher until = ACTIVE_UNTIL.matcher(json);
                if (until.find()) {
                    admittedAt = Instant.parse(until.group(1)).toEpochMilli() - ttlMillis;
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        base = URI.create(args[0]);
        pid = Long.parseLong(args[1]);
        String[] redis = args[2].split(":");
        redisHost = redis[0];
        redisPort = Integer.parseInt(redis[1]);
        String mode = args[3];
        int fans = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        int slowSeconds = args.length > 5 ? Integer.parseInt(args[5]) : 60;
        adminKey = System.getProperty("adminKey", System.getenv("ADMIN_API_KEY"));
        int pausedSeconds = Integer.getInteger("pausedSeconds", 30);
        int slowRate = Integer.getInteger("slowRate", 2);
        int openRate = Integer.getInteger("openRate", 10_000);
        ttlMillis = Integer.getInteger("ttlSeconds", 600) * 1000L;
        int maxWaitSeconds = Integer.getInteger("maxWaitSeconds", 60);
        if (!List.of("poll", "poll-plain", "sse", "ws", "none").contains(mode) || adminKey == null) {
            throw new IllegalArgumentException("mode poll|poll-plain|sse|ws|none, and ADMIN_API_KEY or -DadminKey");
        }

        String before = admin("GET", null);
        admin("PUT", "{\"paused\":true}");
        List<Fan> crowd = new ArrayList<>();
        for (int i = 0; i < fans; i++) {
            crowd.add(new Fan(issue()));
        }
        System.out.printf("%s, %d fans, paused %d s, %d admitted a second for %d s, then %d a second (%s)%n",
                mode, fans, pausedSeconds, slowRate, slowSeconds, openRate, Instant.now());
        long heapIdle = liveHeapKb();
        Snapshot idle = Snapshot.take();

        long opening = System.nanoTime();
        for (Fan fan : crowd) {
            switch (mode) {
                case "poll", "poll-plain" -> startPolling(fan, mode.equals("poll"));
                case "sse" -> openEvents(fan);
                case "ws" -> openSocket(fan);
                default -> fan.firstStatus = true;   // none: the same line, nobody asking (the baseline)
            }
        }
        while (crowd.stream().anyMatch(f -> !f.firstStatus) && System.nanoTime() - opening < TimeUnit.SECONDS.toNanos(120)) {
            Thread.sleep(50);
        }
        System.out.printf("first status on %d of %d channels after %d ms%n", crowd.stream().filter(f -> f.firstStatus).count(),
                fans, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opening));
        Thread.sleep(5_000);   // every poller past its first interval, the opening's work done
        long heapOpen = liveHeapKb();
        Thread.sleep(5_000);   // the full GC out of the way of the first phase

        Snapshot pausedStart = Snapshot.take();
        Thread.sleep(pausedSeconds * 1000L);
        Snapshot pausedEnd = Snapshot.take();
        report("paused", idle, pausedStart, pausedEnd, fans);

        admin("PUT", "{\"paused\":false,\"admitPerSecond\":" + slowRate + "}");
        Snapshot slowStart = Snapshot.take();
        Thread.sleep(slowSeconds * 1000L);
        Snapshot slowEnd = Snapshot.take();
        report("slow", idle, slowStart, slowEnd, fans);

        openedAt = System.currentTimeMillis();
        admin("PUT", "{\"admitPerSecond\":" + openRate + "}");
        Snapshot openStart = Snapshot.take();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxWaitSeconds);
        if (mode.equals("none")) {
            Thread.sleep(3_000);   // nobody to wait for: a few admission passes
        }
        while (!mode.equals("none") && crowd.stream().anyMatch(f -> f.seenActiveAt == 0) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Snapshot openEnd = Snapshot.take();
        report("open", idle, openStart, openEnd, fans);

        System.out.printf("server: idle with tokens %s | channels open (end of slow) %s%n", idle.server(), slowEnd.server());
        System.out.printf("server RSS with the channels open − before they opened: %+d MB (%+d MB per 1,000 fans)%n",
                (slowEnd.rssKb - idle.rssKb) / 1024, (slowEnd.rssKb - idle.rssKb) * 1000 / fans / 1024);
        System.out.printf("server live heap after a full GC: %d MB before the channels opened, %d MB with them open "
                + "(%+d KB a fan)%n", heapIdle / 1024, heapOpen / 1024, (heapOpen - heapIdle) / fans);
        latencies(crowd, true);
        latencies(crowd, false);
        long missed = crowd.stream().filter(f -> f.seenActiveAt == 0).count();
        System.out.printf("never saw ACTIVE: %d; errors %d; channels ended by the server before the end: %d%n",
                missed, errors.get(), ended.get());

        for (Fan fan : crowd) {
            fan.closed = true;
            if (fan.stream != null) {
                fan.stream.cancel(true);
            }
            if (fan.socket != null) {
                fan.socket.abort();
            }
        }
        List<CompletableFuture<?>> leaving = new ArrayList<>();
        for (Fan fan : crowd) {
            leaving.add(SHARED.sendAsync(HttpRequest.newBuilder(base.resolve("/api/queue/tokens/current"))
                    .header("Authorization", "Bearer " + fan.token).DELETE().build(), HttpResponse.BodyHandlers.discarding()));
            if (leaving.size() >= 50) {
                CompletableFuture.allOf(leaving.toArray(CompletableFuture[]::new)).join();
                leaving.clear();
            }
        }
        CompletableFuture.allOf(leaving.toArray(CompletableFuture[]::new)).join();
        admin("PUT", restore(before));
        crowd.forEach(f -> f.client = null);
        System.gc();            // the pollers' clients (JDK 17 has no HttpClient.close) and their connections
        Thread.sleep(35_000);   // past the server's 30 s keep-alive timeout; the fan-out drops closed streams each tick
        System.out.printf("35 s after closing and leaving: %s%n", Snapshot.take().server());
        System.exit(0);
    }

    // ---- the three channels

    /**
     * A browser's loop: ask, wait pollAfterSeconds, ask again; its own client, so its own connection
     * ({@code -DclientPerFan=false}: all fans share one client and its pool of connections).
     */
    static void startPolling(Fan fan, boolean revalidate) {
        fan.client = !Boolean.parseBoolean(System.getProperty("clientPerFan", "true")) ? SHARED
                : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(CLIENT_THREADS)
                .connectTimeout(Duration.ofSeconds(30)).build();
        TIMER.schedule(() -> poll(fan, revalidate), ThreadLocalRandom.current().nextInt(1000), TimeUnit.MILLISECONDS);
    }

    static void poll(Fan fan, boolean revalidate) {
        if (fan.closed) {
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/queue/status"))
                .header("Authorization", "Bearer " + fan.token).timeout(Duration.ofSeconds(30));
        if (revalidate && fan.etag != null) {
            request.header("If-None-Match", fan.etag);
        }
        requests.incrementAndGet();
        fan.client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            long next = fan.pollAfter;
            if (failure != null || (response.statusCode() != 200 && response.statusCode() != 304)) {
                errors.incrementAndGet();
                next = 5;   // as the page does after a failed poll
            } else if (response.statusCode() == 304) {
                notModified.incrementAndGet();
            } else {
                fan.etag = response.headers().firstValue("ETag").orElse(null);
                fan.saw(response.body());
                next = fan.pollAfter;
            }
            if (!fan.closed) {
                TIMER.schedule(() -> poll(fan, revalidate), next, TimeUnit.SECONDS);
            }
        });
    }

    /** One EventSource: events named status, comments as keep-alives. */
    static void openEvents(Fan fan) {
        fan.stream = SHARED.sendAsync(HttpRequest.newBuilder(base.resolve("/api/queue/events?token=" + fan.token))
                        .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
                    public void onSubscribe(Flow.Subscription s) {
                        s.request(Long.MAX_VALUE);
                    }

                    public void onNext(String line) {
                        if (line.startsWith("data:")) {
                            fan.saw(line.substring(5));
                        } else if (line.startsWith(":")) {
                            keepAlives.incrementAndGet();
                        }
                    }

                    public void onError(Throwable t) {
                        if (!fan.closed) {
                            errors.incrementAndGet();
                        }
                    }

                    public void onComplete() {
                        if (!fan.closed) {
                            ended.incrementAndGet();
                        }
                    }
                }));
    }

    /** One WebSocket: a text message per status; the client answers the server's pings (the JDK's WebSocket does). */
    static void openSocket(Fan fan) {
        WebSocket.Listener listener = new WebSocket.Listener() {
            final StringBuilder text = new StringBuilder();

            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    fan.saw(text.toString());
                    text.setLength(0);
                }
                socket.request(1);
                return null;
            }

            public CompletionStage<?> onPing(WebSocket socket, ByteBuffer message) {
                keepAlives.incrementAndGet();
                socket.request(1);
                return null;
            }

            public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                if (!fan.closed) {
                    ended.incrementAndGet();
                }
                return null;
            }

            public void onError(WebSocket socket, Throwable error) {
                if (!fan.closed) {
                    errors.incrementAndGet();
                }
            }
        };
        URI ws = URI.create(base.toString().replaceFirst("^http", "ws") + "/api/queue/ws?token=" + fan.token);
        SHARED.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(ws, listener)
                .whenComplete((socket, failure) -> {
                    if (failure != null) {
                        errors.incrementAndGet();
                    } else {
                        fan.socket = socket;
                    }
                });
    }

    // ---- the server's side

    static String issue() throws Exception {
        HttpResponse<String> issued = SHARED.send(HttpRequest.newBuilder(base.resolve("/api/queue/tokens"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + UUID.randomUUID() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = TOKEN.matcher(issued.body());
        if (!m.find()) {
            throw new IllegalStateException("no token: " + issued.statusCode() + " " + issued.body());
        }
        return m.group(1);
    }

    static String admin(String method, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(json == null ? "/api/admin/queue" : "/api/admin/queue/settings"))
                .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> answer = SHARED.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("admin API: " + answer.statusCode() + " " + answer.body());
        }
        return answer.body();
    }

    /** The settings body that puts back the figures read before the run. */
    static String restore(String figures) {
        StringBuilder body = new StringBuilder("{");
        Matcher n = NUMBER.matcher(figures);
        while (n.find()) {
            body.append('"').append(n.group(1)).append("\":").append(n.group(2)).append(',');
        }
        Matcher p = PAUSED.matcher(figures);
        return body.append("\"paused\":").append(p.find() ? p.group(1) : "false").append('}').toString();
    }

    /** Server, Redis and client figures at one moment. */
    record Snapshot(long nanos, double serverCpu, long rssKb, long threads, long fds, long connections,
                    double redisCpu, long redisCommands, long redisScripts, double loadCpu, long machineBusy, long machineAll,
                    long requests, long notModified, long messages, long keepAlives) {

        static Snapshot take() throws Exception {
            Map<String, String> info = redisInfo();
            String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
            long rss = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1);
            long threads;
            long fds;
            try (var tasks = Files.list(Path.of("/proc/" + pid + "/task")); var fd = Files.list(Path.of("/proc/" + pid + "/fd"))) {
                threads = tasks.count();
                fds = fd.count();
            }
            long[] cpu = Arrays.stream(Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+"))
                    .skip(1).mapToLong(Long::parseLong).toArray();
            long all = Arrays.stream(cpu).limit(8).sum();
            return new Snapshot(System.nanoTime(), (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / 100.0, rss,
                    threads, fds, serverConnections(),
                    Double.parseDouble(info.get("used_cpu_sys")) + Double.parseDouble(info.get("used_cpu_user")),
                    Long.parseLong(info.get("total_commands_processed")), calls(info.get("cmdstat_evalsha")),
                    ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toNanos() / 1e9,
                    all - cpu[3] - cpu[4], all,
                    StatusChannels.requests.get(), StatusChannels.notModified.get(), StatusChannels.messages.get(),
                    StatusChannels.keepAlives.get());
        }

        String server() {
            return String.format("RSS %d MB, threads %d, open files %d, connections %d", rssKb / 1024, threads, fds, connections);
        }
    }

    static void report(String name, Snapshot idle, Snapshot from, Snapshot to, int fans) {
        double minutes = (to.nanos - from.nanos) / 60e9;
        double perFanMinute = fans * minutes;
        long commands = to.redisCommands - from.redisCommands - 1;   // less this tool's own INFO
        System.out.printf("[%s] %.0f s: per fan a minute: %.1f requests (%.1f answered 304), %.1f status messages, "
                        + "%.1f keep-alives; server CPU %.2f ms; Redis CPU %.3f ms, %.1f commands (%.1f EVALSHA)%n",
                name, minutes * 60, (to.requests - from.requests) / perFanMinute, (to.notModified - from.notModified) / perFanMinute,
                (to.messages - from.messages) / perFanMinute, (to.keepAlives - from.keepAlives) / perFanMinute,
                1000 * (to.serverCpu - from.serverCpu) / perFanMinute, 1000 * (to.redisCpu - from.redisCpu) / perFanMinute,
                commands / perFanMinute, (to.redisScripts - from.redisScripts) / perFanMinute);
        System.out.printf("[%s] server %.1f%% of a core, Redis %.1f%%, this load generator %.1f%%, the machine %.0f%% busy "
                        + "(both cores, everything on them); connections the channels hold at the end %d (%.2f a fan); %s%n",
                name, 100 * (to.serverCpu - from.serverCpu) / (minutes * 60), 100 * (to.redisCpu - from.redisCpu) / (minutes * 60),
                100 * (to.loadCpu - from.loadCpu) / (minutes * 60),
                100.0 * (to.machineBusy - from.machineBusy) / Math.max(1, to.machineAll - from.machineAll), to.connections - idle.connections,
                (double) (to.connections - idle.connections) / fans, to.server());
    }

    static void latencies(List<Fan> crowd, boolean slow) {
        String admittedIn = slow ? "slow" : "open";
        long[] ms = crowd.stream().filter(f -> f.admittedAt > 0 && (f.admittedAt < openedAt) == slow)
                .mapToLong(f -> f.seenActiveAt - f.admittedAt).sorted().toArray();
        if (ms.length == 0) {
            System.out.printf("latency of a change (%s phase): nobody admitted%n", admittedIn);
            return;
        }
        System.out.printf("latency of a change (%s phase), admission pass to client seeing ACTIVE, %d fans: "
                        + "median %d ms, p90 %d ms, max %d ms, min %d ms%n", admittedIn, ms.length,
                ms[ms.length / 2], ms[(int) Math.min(ms.length - 1, Math.ceil(ms.length * 0.9) - 1)], ms[ms.length - 1], ms[0]);
    }

    // ---- /proc, jcmd and Redis

    /** The server's heap in use right after a full GC (jcmd GC.run, then GC.heap_info): what its objects hold. */
    static long liveHeapKb() throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, Long.toString(pid), "GC.run").redirectErrorStream(true).start().getInputStream().readAllBytes();
        Process info = new ProcessBuilder(jcmd, Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
        Matcher used = Pattern.compile("used (\\d+)K").matcher(new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        return used.find() ? Long.parseLong(used.group(1)) : -1;
    }

    /** Established TCP connections whose local port is the server's: the server's side of each. */
    static long serverConnections() throws IOException {
        int port = base.getPort();
        long n = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                String local = f[1];
                if (f[3].equals("01") && Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16) == port) {
                    n++;
                }
            }
        }
        return n;
    }

    /** INFO all over a plain socket (RESP), as key → value. */
    static Map<String, String> redisInfo() throws IOException {
        try (Socket socket = new Socket(redisHost, redisPort)) {
            OutputStream out = socket.getOutputStream();
            out.write("*2\r\n$4\r\nINFO\r\n$3\r\nall\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder header = new StringBuilder();
            for (int c; (c = in.read()) != '\n'; ) {
                header.append((char) c);
            }
            int length = Integer.parseInt(header.toString().trim().substring(1));
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            Map<String, String> info = new HashMap<>();
            Arrays.stream(body.split("\r\n")).filter(l -> l.contains(":") && !l.startsWith("#"))
                    .forEach(l -> info.put(l.substring(0, l.indexOf(':')), l.substring(l.indexOf(':') + 1)));
            return info;
        }
    }

    static long calls(String commandStats) {
        if (commandStats == null) {
            return 0;
        }
        Matcher m = Pattern.compile("calls=(\\d+)").matcher(commandStats);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    static java.util.concurrent.ThreadFactory daemon() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "bench-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
