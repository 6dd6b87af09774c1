import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
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
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * N live status streams of one channel on one instance, a share of them stalled readers (load-test/streams-at-scale.sh
 * starts the instance and explains the figures):
 *
 *   java load-test/lib/StreamCrowd.java BASE_URL SERVER_PID sse|ws STREAMS [STALLED_PERCENT] [MOVING_SECONDS]
 *
 * Pauses admission, issues STREAMS tokens, opens a stream for each in waves: healthy ones on one JDK HttpClient
 * (SSE line subscriber, or JDK WebSocket), stalled readers on raw sockets with a 4 KB receive buffer that send the
 * request and never read. Then the moving phase (2 admitted a second: every waiting fan gets news every second),
 * sampling the server each second (/proc, /metrics) and its threads every 15 s (jcmd Thread.print: threads parked
 * in a socket write); then the open phase (everybody admitted at once: admission → ACTIVE on every healthy stream).
 * Prints a report after "---- report"; exits 1 when a healthy stream failed, was dropped or never saw ACTIVE.
 * SERVER_PID 0: the server is elsewhere (no /proc, jcmd or ss figures).
 *
 * System properties: adminKey ($ADMIN_API_KEY), wave (500), issuers (16 tokens issued at once), slowRate (2),
 * ttlSeconds (600, the server's queue.active.ttl-seconds), activeWaitSeconds (30), dumpEverySeconds (15),
 * hz (100, the kernel's clock ticks), deleteTokens (true).
 */
public class StreamCrowd {

    static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern POSITION = Pattern.compile("\"position\"\\s*:\\s*(\\d+)");
    static final Pattern ACTIVE = Pattern.compile("\"status\"\\s*:\\s*\"ACTIVE\"");
    static final Pattern ACTIVE_UNTIL = Pattern.compile("\"activeUntil\"\\s*:\\s*\"([^\"]+)\"");
    /** Stack frames of a thread writing to a socket; with the thread parked or waiting, a blocked write. */
    static final List<String> WRITE_FRAMES = List.of("OutputBuffer.blockAfterWrite", "socketWrite", "SocketChannelImpl.write",
            "TyrusServletWriter", "ChunkedOutput.flushQueue", "CoyoteOutputStream", "TyrusRemoteEndpoint$Basic");

    static URI base;
    static long pid;
    static String channel;
    static String adminKey = System.getProperty("adminKey", System.getenv("ADMIN_API_KEY"));
    static final long TTL_MS = Long.getLong("ttlSeconds", 600) * 1000;
    static final int HZ = Integer.getInteger("hz", 100);
    static final int WAVE = Integer.getInteger("wave", 500);
    static final int ISSUERS = Integer.getInteger("issuers", 16);
    static final int SLOW_RATE = Integer.getInteger("slowRate", 2);
    static final int ACTIVE_WAIT_SECONDS = Integer.getInteger("activeWaitSeconds", 30);
    static final int DUMP_EVERY_SECONDS = Integer.getInteger("dumpEverySeconds", 15);
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();
    static final AtomicLong healthyMessages = new AtomicLong();
    static final long T0 = System.nanoTime();

    /** One waiting fan and its stream. */
    static final class Fan {
        final String token;
        final boolean stalled;
        volatile long requestedAt, firstStatusAt;   // System.nanoTime()
        volatile long admittedAt, seenActiveAt;     // ms; admittedAt on Redis's clock (activeUntil − ttl), this machine's
        volatile boolean failed, dropped, closing;
        volatile Flow.Subscription events;
        volatile WebSocket socket;
        volatile Socket raw;
        volatile int localPort;

        Fan(String token, boolean stalled) {
            this.token = token;
            this.stalled = stalled;
        }

        boolean settled() {
            return failed || (stalled ? localPort != 0 : firstStatusAt != 0);
        }

        void saw(CharSequence json) {
            healthyMessages.incrementAndGet();
            if (firstStatusAt == 0) {
                firstStatusAt = System.nanoTime();
            }
            Matcher active = ACTIVE_UNTIL.matcher(json);
            if (seenActiveAt == 0 && ACTIVE.matcher(json).find() && active.find()) {
                seenActiveAt = System.currentTimeMillis();
                admittedAt = Instant.parse(active.group(1)).toEpochMilli() - TTL_MS;
            }
        }

        /** The stream ended or failed: before its first status a failed opening, after it a drop, unless this tool closed it. */
        void ended() {
            if (!closing) {
                if (firstStatusAt == 0) {
                    failed = true;
                } else {
                    dropped = true;
                }
            }
        }
    }

    public static void main(String[] args) {
        try {
            System.exit(crowd(args));
        } catch (Exception | Error failure) {
            failure.printStackTrace();
            System.exit(2);
        }
    }

    /** The whole run; 0 when every healthy stream opened, stayed and saw ACTIVE. */
    static int crowd(String[] args) throws Exception {
        base = URI.create(args[0]);
        pid = Long.parseLong(args[1]);
        channel = args[2];
        int n = Integer.parseInt(args[3]);
        double share = args.length > 4 ? Double.parseDouble(args[4]) / 100 : 0.10;
        int moving = args.length > 5 ? Integer.parseInt(args[5]) : 120;
        if (!Set.of("sse", "ws").contains(channel) || adminKey == null) {
            throw new IllegalArgumentException("channel sse|ws, and ADMIN_API_KEY or -DadminKey");
        }
        // a paused line of n fans, and the server idle with it
        String settingsBefore = admin("GET", null);
        admin("PUT", "{\"paused\":true}");

        long issuing = System.nanoTime();
        List<Fan> fans = issue(n, share, ISSUERS);
        List<Fan> healthy = fans.stream().filter(f -> !f.stalled).toList();
        List<Fan> stalled = fans.stream().filter(f -> f.stalled).toList();
        log("%s: %d tokens issued in %.1f s (%d healthy streams, %d stalled readers); the server idles 10 s",
                channel, n, seconds(issuing), healthy.size(), stalled.size());
        Proc idleFrom = Proc.read();
        Thread.sleep(10_000);
        Proc idle = Proc.read();

        // every fan opens its stream, a wave at a time: the next wave once this one's healthy streams have their first status
        long opening = System.nanoTime();
        ExecutorService rawOpeners = Executors.newFixedThreadPool(8);
        for (int from = 0; from < n; from += WAVE) {
            List<Fan> batch = fans.subList(from, Math.min(n, from + WAVE));
            for (Fan fan : batch) {
                fan.requestedAt = System.nanoTime();
                if (fan.stalled) {
                    rawOpeners.execute(() -> openStalled(fan));
                } else if (channel.equals("sse")) {
                    openEvents(fan);
                } else {
                    openSocket(fan);
                }
            }
            long waveDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!batch.stream().allMatch(Fan::settled) && System.nanoTime() < waveDeadline) {
                Thread.sleep(20);
            }
        }
        double openSeconds = seconds(opening);
        rawOpeners.shutdown();
        long[] firstStatus = sortedMillis(healthy, f -> f.firstStatusAt != 0, f -> (f.firstStatusAt - f.requestedAt) / 1_000_000);
        long failedToOpen = fans.stream().filter(f -> f.failed || !f.settled()).count();
        log("opened %d streams in %.1f s; first status %s; failed to open %d", n, openSeconds, spread(firstStatus), failedToOpen);
        Thread.sleep(5_000);
        Proc opened = Proc.read();
        Set<Integer> stalledPorts = stalled.stream().map(f -> f.localPort).filter(p -> p != 0).collect(Collectors.toSet());

        // the moving phase: every waiting fan's place improves once a second
        Map<String, Double> metricsFrom = metrics();
        Dump firstDump = dump();
        log("moving phase: %d admitted a second for %d s (a line every 5 s; threads parked in a socket write every %d s)",
                SLOW_RATE, moving, DUMP_EVERY_SECONDS);
        log("  %4d s: blocked writers %d of %d threads; stalled streams open on the server %s", 0, firstDump.blocked, firstDump.threads,
                pipes(stalledPorts));
        String example = firstDump.example;
        List<String> blockedOverTime = new ArrayList<>(List.of("0 s: " + firstDump.blocked));
        List<Sample> samples = new ArrayList<>();
        long messagesFrom = healthyMessages.get();
        admin("PUT", "{\"paused\":false,\"admitPerSecond\":" + SLOW_RATE + "}");
        long movingStart = System.nanoTime();
        Proc movingFrom = Proc.read();
        for (int s = 1; s <= moving; s++) {
            Thread.sleep(Math.max(0, (movingStart + s * 1_000_000_000L - System.nanoTime()) / 1_000_000));
            Sample sample = new Sample(s, Proc.read(), metrics());
            samples.add(sample);
            if (s % 5 == 0) {
                log("  %4d s: threads %d, RSS %d MB, server CPU %.0f ms/s, streams on the server: sse %.0f, websocket %.0f; tick %s",
                        s, sample.proc.threads, sample.proc.rssKb / 1024,
                        sample.proc.cpuMsPerSecondSince(samples.size() > 5 ? samples.get(samples.size() - 6).proc : movingFrom),
                        sample.metric("concert_queue_streams:sse"),
                        sample.metric("concert_queue_streams:websocket"), ms(sample.metric("concert_queue_stream_tick")));
            }
            if (s % DUMP_EVERY_SECONDS == 0 || s == moving) {
                Dump d = dump();
                blockedOverTime.add(s + " s: " + d.blocked);
                log("  %4d s: blocked writers %d of %d threads; stalled streams open on the server %s", s, d.blocked, d.threads,
                        pipes(stalledPorts));
                if (example == null && d.example != null) {
                    example = d.example;
                    log("  a blocked writer's top frames:%n%s", d.example);
                }
            }
        }
        Proc movingTo = Proc.read();
        long healthyMessagesMoving = healthyMessages.get() - messagesFrom;
        Pipes stalledAtEnd = pipes(stalledPorts);
        Map<String, Double> metricsTo = samples.isEmpty() ? metrics() : samples.get(samples.size() - 1).metrics;
        long droppedMoving = healthy.stream().filter(f -> f.dropped).count();

        // the open phase: everybody still waiting admitted by one pass
        List<Fan> cohort = healthy.stream().filter(f -> f.seenActiveAt == 0 && !f.dropped && !f.failed).toList();
        long admittedMoving = healthy.stream().filter(f -> f.seenActiveAt != 0).count();
        long[] movingLatency = sortedMillis(healthy, f -> f.seenActiveAt != 0, f -> f.seenActiveAt - f.admittedAt);
        admin("PUT", "{\"paused\":false,\"admitPerSecond\":100000,\"activeMax\":1000000}");
        long activeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ACTIVE_WAIT_SECONDS);
        while (cohort.stream().anyMatch(f -> f.seenActiveAt == 0) && System.nanoTime() < activeDeadline) {
            Thread.sleep(50);
        }
        long[] openLatency = sortedMillis(cohort, f -> f.seenActiveAt != 0, f -> f.seenActiveAt - f.admittedAt);
        long neverActive = cohort.stream().filter(f -> f.seenActiveAt == 0).count();
        long dropped = healthy.stream().filter(f -> f.dropped).count();

        // the report
        double movingSeconds = (movingTo.nanos - movingFrom.nanos) / 1e9;
        double cpuMoving = movingTo.cpuMsPerSecondSince(movingFrom);
        double cpuLastHalf = samples.size() < 4 ? Double.NaN : movingTo.cpuMsPerSecondSince(samples.get(samples.size() / 2 - 1).proc);
        List<Double> ticks = samples.stream().map(s -> s.metric("concert_queue_stream_tick")).filter(t -> !t.isNaN()).sorted().toList();
        double gaugeFrom = metricsFrom.getOrDefault("concert_queue_streams_stalled", Double.NaN);
        double gaugeTo = metricsTo.getOrDefault("concert_queue_streams_stalled", Double.NaN);
        String serverStreams = String.format("%.0f", metricsTo.entrySet().stream().filter(e -> e.getKey().startsWith("concert_queue_streams:"))
                .mapToDouble(Map.Entry::getValue).sum());

        System.out.println("---- report");
        report("%s, %d streams, %d of them stalled readers (%.0f %%), moving phase %d s, %s", channel, n, stalled.size(),
                100.0 * stalled.size() / n, moving, Instant.now());
        report("opened: all %d in %.1f s (waves of %d); healthy first status %s; failed to open %d", n, openSeconds, WAVE,
                spread(firstStatus), failedToOpen);
        report("server RSS: %d MB before opening, %d MB after (%+.1f MB per 1,000 streams)", idle.rssKb / 1024, opened.rssKb / 1024,
                (opened.rssKb - idle.rssKb) / 1024.0 * 1000 / n);
        report("server CPU, moving phase: %.0f ms/s = %.1f ms/s per 1,000 streams; its last half %.0f ms/s = %.1f ms/s per 1,000 "
                        + "(idle with the tokens, no streams: %.0f ms/s)", cpuMoving, cpuMoving * 1000 / n, cpuLastHalf, cpuLastHalf * 1000 / n,
                idle.cpuMsPerSecondSince(idleFrom));
        report("healthy streams told a status: %.2f messages a stream a second in the moving phase",
                healthyMessagesMoving / movingSeconds / Math.max(1, healthy.size()));
        report("server threads: %d before opening, %d-%d during the moving phase", idle.threads,
                samples.stream().mapToLong(s -> s.proc.threads).min().orElse(0), samples.stream().mapToLong(s -> s.proc.threads).max().orElse(0));
        report("threads blocked in a socket write (jcmd): %s", String.join(", ", blockedOverTime));
        report("stalled readers (%d) still open on the server at the end of the moving phase: %s; concert_queue_streams_stalled_total %s; "
                        + "live streams on the server %s (healthy %d)", stalled.size(), stalledAtEnd,
                Double.isNaN(gaugeFrom) ? "absent" : String.format("%+.0f", gaugeTo - gaugeFrom), serverStreams,
                healthy.size() - droppedMoving);
        report("healthy streams dropped by the server: %d (must be 0); failed to open: %d", dropped, failedToOpen);
        report("fan-out tick (concert_queue_stream_tick_seconds): %s", ticks.isEmpty() ? "gauge absent"
                : String.format("p50 %s, max %s over %d samples", ms(ticks.get(ticks.size() / 2)), ms(ticks.get(ticks.size() - 1)), ticks.size()));
        report("admission → ACTIVE, moving phase: %d healthy streams, %s", admittedMoving, spread(movingLatency));
        report("admission → ACTIVE, all admitted at once: %d healthy streams, %s; never ACTIVE within %d s: %d", cohort.size(),
                spread(openLatency), ACTIVE_WAIT_SECONDS, neverActive);
        if (example != null) {
            report("a blocked writer's top frames:%n%s", example);
        }
        System.out.println("---- end of report");

        // the end: every stream closed, the tokens left, the settings put back
        for (Fan fan : fans) {
            close(fan);
        }
        if (Boolean.parseBoolean(System.getProperty("deleteTokens", "true"))) {
            deleteTokens(fans, ISSUERS);
        }
        admin("PUT", restore(settingsBefore));
        // the server learns of a closed SSE stream only by writing to it (a keep-alive every 10 s; a write left pending is
        // given up after 30 s), of a closed WebSocket at once: every 5 s until it holds no stream, for at most a minute
        long closed = System.nanoTime();
        Map<String, Double> after;
        do {
            Thread.sleep(5_000);
            after = metrics();
        } while (after.getOrDefault("concert_queue_streams:sse", 0.0) + after.getOrDefault("concert_queue_streams:websocket", 0.0) > 0
                && seconds(closed) < 60);
        log("%.0f s after closing: streams on the server sse %.0f, websocket %.0f; its connections on port %d: %s; %s", seconds(closed),
                after.getOrDefault("concert_queue_streams:sse", Double.NaN), after.getOrDefault("concert_queue_streams:websocket", Double.NaN),
                base.getPort(), connectionStates(), Proc.read());
        return dropped == 0 && failedToOpen == 0 && neverActive == 0 ? 0 : 1;
    }

    // ---- the crowd

    /** n tokens, issued {@code issuers} at a time, in the line's order; every 1/share-th fan a stalled reader. */
    static List<Fan> issue(int n, double share, int issuers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(issuers);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            answers.add(pool.submit(() -> {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/queue/tokens"))
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + UUID.randomUUID() + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 201) {
                    throw new IllegalStateException("token refused: " + r.statusCode() + " " + r.body());
                }
                return r.body();
            }));
        }
        List<String[]> issued = new ArrayList<>();
        for (Future<String> answer : answers) {
            String body = answer.get();
            Matcher token = TOKEN.matcher(body);
            Matcher position = POSITION.matcher(body);
            if (!token.find() || !position.find()) {
                throw new IllegalStateException("no token or position in " + body);
            }
            issued.add(new String[] {token.group(1), position.group(1)});
        }
        pool.shutdown();
        issued.sort((a, b) -> Integer.compare(Integer.parseInt(a[1]), Integer.parseInt(b[1])));
        List<Fan> fans = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fans.add(new Fan(issued.get(i)[0], Math.floor((i + 1) * share) > Math.floor(i * share)));
        }
        return fans;
    }

    /** An EventSource: one connection of the shared client, read line by line on its selector. */
    static void openEvents(Fan fan) {
        HTTP.sendAsync(HttpRequest.newBuilder(base.resolve("/api/queue/events?token=" + fan.token))
                        .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
                    public void onSubscribe(Flow.Subscription subscription) {
                        fan.events = subscription;
                        subscription.request(Long.MAX_VALUE);
                    }

                    public void onNext(String line) {
                        if (line.startsWith("data:")) {
                            fan.saw(line.substring(5));
                        }
                    }

                    public void onError(Throwable failure) {
                        fan.ended();
                    }

                    public void onComplete() {
                        fan.ended();
                    }
                })).whenComplete((response, failure) -> {
                    if (failure != null) {
                        fan.ended();   // no connection; a refusal (not 200) ends the body without a status
                    }
                });
    }

    /** A WebSocket of the shared client; the JDK answers the server's pings itself. */
    static void openSocket(Fan fan) {
        WebSocket.Listener listener = new WebSocket.Listener() {
            final StringBuilder text = new StringBuilder();

            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    fan.saw(text);
                    text.setLength(0);
                }
                socket.request(1);
                return null;
            }

            public CompletionStage<?> onPing(WebSocket socket, ByteBuffer message) {
                socket.request(1);
                return null;
            }

            public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                fan.ended();
                return null;
            }

            public void onError(WebSocket socket, Throwable error) {
                fan.ended();
            }
        };
        URI ws = URI.create(base.toString().replaceFirst("^http", "ws") + "/api/queue/ws?token=" + fan.token);
        HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(ws, listener).whenComplete((socket, failure) -> {
            fan.socket = socket;
            if (failure != null) {
                fan.ended();
            }
        });
    }

    /** A client that stopped reading: asks for the stream with a small receive buffer, then never reads. */
    static void openStalled(Fan fan) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 30_000);
            String host = base.getHost() + ":" + base.getPort();
            String request = channel.equals("sse")
                    ? "GET /api/queue/events?token=" + fan.token + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: text/event-stream\r\n\r\n"
                    : "GET /api/queue/ws?token=" + fan.token + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n"
                      + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + webSocketKey() + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            fan.raw = socket;
            fan.localPort = socket.getLocalPort();
        } catch (IOException e) {
            fan.failed = true;
        }
    }

    static String webSocketKey() {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static void close(Fan fan) {
        fan.closing = true;
        try {
            if (fan.events != null) {
                fan.events.cancel();
            }
            if (fan.socket != null) {
                fan.socket.abort();
            }
            if (fan.raw != null) {
                fan.raw.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // gone already
        }
    }

    static void deleteTokens(List<Fan> fans, int at) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(at);
        for (Fan fan : fans) {
            pool.execute(() -> {
                try {
                    HTTP.send(HttpRequest.newBuilder(base.resolve("/api/queue/tokens/current")).header("Authorization", "Bearer " + fan.token)
                            .DELETE().build(), HttpResponse.BodyHandlers.discarding());
                } catch (IOException | InterruptedException ignored) {
                    // the script empties the line's Redis prefix anyway
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
    }

    // ---- the server

    static String admin(String method, String json) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(base.resolve(json == null ? "/api/admin/queue" : "/api/admin/queue/settings"))
                .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("admin API " + method + " " + json + ": " + answer.statusCode() + " " + answer.body());
        }
        return answer.body();
    }

    /** The settings body that puts back what GET /api/admin/queue said before the run. */
    static String restore(String before) {
        StringBuilder body = new StringBuilder("{");
        Matcher number = Pattern.compile("\"(admitPerSecond|activeMax)\":(\\d+)").matcher(before);
        while (number.find()) {
            body.append('"').append(number.group(1)).append("\":").append(number.group(2)).append(',');
        }
        Matcher paused = Pattern.compile("\"paused\":(true|false)").matcher(before);
        return body.append("\"paused\":").append(paused.find() ? paused.group(1) : "false").append('}').toString();
    }

    /**
     * The server's concert_queue_stream* figures from GET /metrics, keyed by name and, for the streams gauge, its channel:
     * {@code concert_queue_streams:sse}; an empty map when the endpoint does not answer.
     */
    static Map<String, Double> metrics() {
        Map<String, Double> figures = new HashMap<>();
        try {
            String text = HTTP.send(HttpRequest.newBuilder(base.resolve("/metrics")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String line : text.split("\n")) {
                if (!line.startsWith("concert_queue_stream")) {
                    continue;
                }
                int labels = line.indexOf('{');
                String name = line.substring(0, labels < 0 ? line.indexOf(' ') : labels);
                Matcher ch = Pattern.compile("channel=\"([a-z]+)\"").matcher(line);
                String key = name.startsWith("concert_queue_streams_stalled") ? "concert_queue_streams_stalled"
                        : name.startsWith("concert_queue_stream_tick") ? "concert_queue_stream_tick"
                        : ch.find() ? name + ":" + ch.group(1) : name;
                figures.put(key, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        } catch (IOException | InterruptedException | RuntimeException unanswered) {
            // a gap in the samples
        }
        return figures;
    }

    /** The server process from /proc: CPU (utime + stime), resident memory, threads. */
    record Proc(long nanos, long cpuTicks, long rssKb, long threads) {
        static Proc read() throws IOException {
            if (pid == 0) {
                return new Proc(System.nanoTime(), 0, 0, 0);
            }
            String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
            Map<String, Long> status = new HashMap<>();
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:") || line.startsWith("Threads:")) {
                    status.put(line.substring(0, line.indexOf(':')), Long.parseLong(line.replaceAll("\\D", "")));
                }
            }
            return new Proc(System.nanoTime(), Long.parseLong(stat[11]) + Long.parseLong(stat[12]), status.get("VmRSS"), status.get("Threads"));
        }

        double cpuMsPerSecondSince(Proc from) {
            return (cpuTicks - from.cpuTicks) * 1000.0 / HZ / ((nanos - from.nanos) / 1e9);
        }

        @Override
        public String toString() {
            return String.format("server threads %d, RSS %d MB", threads, rssKb / 1024);
        }
    }

    record Sample(int second, Proc proc, Map<String, Double> metrics) {
        double metric(String key) {
            return metrics.getOrDefault(key, Double.NaN);
        }
    }

    /** A thread dump's count of threads, and of threads parked or waiting inside a socket write (with one's top frames). */
    record Dump(int threads, int blocked, String example) {}

    static Dump dump() {
        if (pid == 0) {
            return new Dump(0, 0, null);
        }
        String text = run(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), "Thread.print");
        int threads = 0;
        int blocked = 0;
        String example = null;
        for (String thread : text.split("\n\\s*\n")) {
            if (!thread.startsWith("\"")) {
                continue;
            }
            threads++;
            boolean waiting = thread.contains("State: WAITING") || thread.contains("State: TIMED_WAITING") || thread.contains("State: BLOCKED");
            if (waiting && WRITE_FRAMES.stream().anyMatch(thread::contains)) {
                blocked++;
                if (example == null) {
                    example = thread.lines().limit(28).map(l -> "      " + l.strip()).collect(Collectors.joining("\n"));
                }
            }
        }
        if (threads == 0 && !jcmdFailed) {
            jcmdFailed = true;
            String said = text.strip().replace('\n', ' ');
            log("no thread dump from jcmd %d: %s", pid, said.substring(0, Math.min(200, said.length())));
        }
        return new Dump(threads, blocked, example);
    }

    static boolean jcmdFailed;

    /**
     * Stalled readers' connections the server still holds (ESTABLISHED on its side), the bytes the kernel holds toward them
     * (in the server's send queues and the readers' receive buffers) and the server's send buffers (ss -m: tb), which a
     * send queue must fill before a write toward a stalled reader stays pending.
     */
    record Pipes(int open, long sendQueued, long received, long sendBuffers) {
        @Override
        public String toString() {
            return open < 0 ? "not measured (the server is not on this machine)" : open == 0 ? "0" : String.format("%d; toward each: %.1f KB in the server's send queue (its buffer: %.0f KB) + %.1f KB "
                    + "in the reader's receive buffer", open, sendQueued / 1024.0 / open, sendBuffers / 1024.0 / open, received / 1024.0 / open);
        }
    }

    static Pipes pipes(Set<Integer> stalledPorts) {
        if (pid == 0) {
            return new Pipes(-1, 0, 0, 0);
        }
        int port = base.getPort();
        Map<Integer, long[]> server = new HashMap<>();   // stalled reader's port → {send queue, send buffer}
        Map<Integer, Long> reader = new HashMap<>();     // stalled reader's port → its receive queue
        long[] last = null;
        for (String line : run("ss", "-tnmH", "state", "established", "( sport = :" + port + " or dport = :" + port + " )").split("\n")) {
            String[] f = line.trim().split("\\s+");
            Matcher buffer = Pattern.compile("\\btb(\\d+)").matcher(line);
            if (line.contains("skmem:")) {   // ss -m: on the line after each socket's
                if (last != null && buffer.find()) {
                    last[1] = Long.parseLong(buffer.group(1));
                }
            } else if (f.length >= 4) {
                int local = portOf(f[2]);
                int peer = portOf(f[3]);
                last = local == port && stalledPorts.contains(peer) ? server.computeIfAbsent(peer, p -> new long[2]) : null;
                if (last != null) {
                    last[0] = Long.parseLong(f[1]);
                } else if (peer == port && stalledPorts.contains(local)) {
                    reader.put(local, Long.parseLong(f[0]));
                }
            }
        }
        return new Pipes(server.size(), server.values().stream().mapToLong(q -> q[0]).sum(),
                server.keySet().stream().mapToLong(p -> reader.getOrDefault(p, 0L)).sum(), server.values().stream().mapToLong(q -> q[1]).sum());
    }

    /** The server's connections on its port by TCP state (ESTAB: the client has not closed; CLOSE-WAIT: the server has not). */
    static Map<String, Long> connectionStates() {
        return run("ss", "-tanH", "( sport = :" + base.getPort() + " )").lines().map(line -> line.split("\\s+")[0])
                .filter(state -> !state.equals("LISTEN")).collect(Collectors.groupingBy(state -> state, java.util.TreeMap::new, Collectors.counting()));
    }

    static int portOf(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    // ---- figures

    static long[] sortedMillis(List<Fan> fans, Predicate<Fan> which, ToLongFunction<Fan> value) {
        return fans.stream().filter(which).mapToLong(value).sorted().toArray();
    }

    static long pct(long[] sorted, double p) {
        return sorted[(int) Math.max(0, Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1))];
    }

    /** p50, p99 and max of milliseconds, sorted. */
    static String spread(long[] sorted) {
        return sorted.length == 0 ? "none"
                : String.format("p50 %d ms, p99 %d ms, max %d ms", pct(sorted, 0.5), pct(sorted, 0.99), pct(sorted, 1));
    }

    static String ms(double seconds) {
        return Double.isNaN(seconds) ? "-" : String.format("%.1f ms", seconds * 1000);
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static void log(String format, Object... args) {
        System.out.printf("[%6.1f s] " + format + "%n", prepend(seconds(T0), args));
    }

    static void report(String format, Object... args) {
        System.out.printf("  " + format + "%n", args);
    }

    static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
