package dev.concert.web.queue;

import dev.concert.application.config.Settings;
import dev.concert.application.metrics.SaleMetrics;
import dev.concert.application.queue.LineView;
import dev.concert.application.queue.QueueService;
import dev.concert.application.queue.QueueView;
import dev.concert.domain.queue.QueueStatus;
import dev.concert.domain.shared.TooManyRequests;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pushes status changes to every open SSE stream and WebSocket of this instance. One scheduled
 * task, once a second, reads the statuses of all subscribed tokens in pipelined batches and hands
 * the writer pool, in batches, a write for each stream whose status changed (new status, better
 * position, new end), and no stream holds a thread. Right after each read of this instance's
 * {@link LineView} (twice a second), the streams of the fans it shows no longer waiting are told their
 * new status at once (admitted, or ended when the token lapsed or left) rather than at the next tick: an
 * admission reaches its fan within a read and a pass, and a better place alone waits for the tick, so
 * a stream is told its place at most once a second.
 *
 * <p>Each stream has at most one write in flight; the tick never waits for one, and no write blocks a
 * thread: a subscriber's write returns a stage that stays pending while its client does not read. A
 * stream whose write is still pending after {@link #STUCK} is given up (closed and forgotten), so a
 * stalled reader costs one pending message and the transport's buffers, never a thread. Streams idle
 * for {@link #KEEP_ALIVE} get a comment (SSE) or a ping (WebSocket, pending until the client's pong)
 * before the statuses are read, so a slow or unreachable store cannot push the gap past the
 * contract's 15 s. A token that lapsed or left ends its streams.
 */
@ApplicationScoped
public class StatusFanOut {

    private static final Logger LOG = Logger.getLogger(StatusFanOut.class.getName());
    static final Duration TICK = Duration.ofSeconds(1);
    /**
     * Well under 15 s: a tick comes every second plus its own duration, which the store's 2 s
     * timeout bounds, so no stream goes 15 s without a write.
     */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(10);
    static final Duration STUCK = Duration.ofSeconds(30);
    /** Writes handed to the writer pool in one task. */
    static final int BATCH = 256;

    /** One subscriber's state: what it last got, when it was last written to, whether a write is under way. */
    private static final class Stream {
        final StatusSubscriber subscriber;
        volatile QueueView sent;
        volatile Instant lastWrite;
        final AtomicReference<Instant> writingSince = new AtomicReference<>();
        /** A change of status found while a write was under way: sent as soon as that write is done. */
        final AtomicReference<QueueView> owed = new AtomicReference<>();

        Stream(StatusSubscriber subscriber, QueueView sent, Instant lastWrite) {
            this.subscriber = subscriber;
            this.sent = sent;
            this.lastWrite = lastWrite;
        }
    }

    /** Seconds a client refused a stream should wait before it asks again (polling meanwhile). */
    static final int RETRY_STREAM_AFTER_SECONDS = 10;

    private final Map<StatusSubscriber, Stream> streams = new ConcurrentHashMap<>();
    /**
     * Held while a stream is counted and added or forgotten, so that two opened at once cannot both pass a cap;
     * guards the two indexes below, which let a subscription count its token's and its address's streams
     * without walking all of them.
     */
    private final Object subscribing = new Object();
    private final Map<String, Set<StatusSubscriber>> byToken = new HashMap<>();
    private final Map<String, Set<StatusSubscriber>> byClient = new HashMap<>();
    private volatile boolean stopped;
    private volatile double lastTickSeconds = Double.NaN;
    /** Held by a tick and by a pass after a read of the line, so that the two never decide for one stream at once. */
    private final Object passing = new Object();
    /** Set while a pass after a read of the line is waiting to run or running: reads coming faster are skipped. */
    private final AtomicBoolean telling = new AtomicBoolean();
    private final Runnable afterRead = this::tellSoon;

    /** The caps of live streams per token and per client address (ratelimit.streams.*). */
    @Inject
    Settings settings;

    @Inject
    QueueService queue;

    /** This instance's view of the line: after each read, who stopped waiting is told at once. */
    @Inject
    LineView line;

    @Inject
    SaleMetrics metrics;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Runs the writes; the container's default managed executor. */
    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    Executor writers;

    private ScheduledFuture<?> ticking;

    /** Started with the application, so that the streams' gauges are on /metrics before the first stream. */
    void startUp(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // observed on the bean's own instance: creating it started the tick
    }

    @PostConstruct
    void start() {
        if (metrics != null) {
            metrics.streams("sse", () -> count(SseSubscriber.class));
            metrics.streams("websocket", () -> streams() - count(SseSubscriber.class));
            metrics.streamTick(() -> lastTickSeconds);
        }
        ticking = scheduler.scheduleWithFixedDelay(this::tickSafely, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        line.afterEachRead(afterRead);
    }

    @PreDestroy
    void stop() {
        stopped = true;
        if (line != null) {
            line.stopRunning(afterRead);
        }
        if (ticking != null) {
            ticking.cancel(false);
        }
        List.copyOf(streams.keySet()).forEach(subscriber -> {
            forget(subscriber);
            quietly(subscriber, StatusSubscriber::goAway);
        });
    }

    /**
     * Starts sending {@code current} at once (from the caller's thread) and follows the token from now on.
     *
     * @throws TooManyRequests when the token, or the client address, already has as many live streams on this
     *         instance as it may; nothing was sent
     */
    public void subscribe(StatusSubscriber subscriber, QueueView current) {
        if (stopped) {
            quietly(subscriber, StatusSubscriber::goAway);
            return;
        }
        synchronized (subscribing) {
            refuseAtCap(byToken, subscriber.token(), settings.streamsPerToken(), "This token");
            if (subscriber.client() != null) {
                refuseAtCap(byClient, subscriber.client(), settings.streamsPerClient(), "This address");
            }
            Stream stream = new Stream(subscriber, current, Instant.now());
            stream.writingSince.set(stream.lastWrite);
            streams.put(subscriber, stream);
            byToken.computeIfAbsent(subscriber.token(), token -> new HashSet<>()).add(subscriber);
            if (subscriber.client() != null) {
                byClient.computeIfAbsent(subscriber.client(), client -> new HashSet<>()).add(subscriber);
            }
        }
        Stream stream = streams.get(subscriber);
        try {
            finish(stream, subscriber.send(QueueJson.of(current)));
        } catch (RuntimeException gone) {
            forget(subscriber);
            throw gone;
        }
    }

    /** Refuses a stream when {@code key} (a token or an address) already holds {@code cap} open ones; closed ones are forgotten first. */
    private void refuseAtCap(Map<String, Set<StatusSubscriber>> index, String key, int cap, String who) {
        Set<StatusSubscriber> held = index.get(key);
        if (held == null) {
            return;
        }
        List.copyOf(held).stream().filter(stream -> !stream.isOpen()).forEach(this::forget);
        int open = index.getOrDefault(key, Set.of()).size();
        if (open >= cap) {
            throw new TooManyRequests(TooManyRequests.Limit.STREAMS, who + " already has " + open
                    + " live status streams here, as many as it may; poll GET /api/queue/status instead",
                    RETRY_STREAM_AFTER_SECONDS);
        }
    }

    public void unsubscribe(StatusSubscriber subscriber) {
        forget(subscriber);
    }

    /** Stops following a stream (without ending it) and uncounts it. */
    private void forget(StatusSubscriber subscriber) {
        synchronized (subscribing) {
            if (streams.remove(subscriber) != null) {
                unindex(byToken, subscriber.token(), subscriber);
                if (subscriber.client() != null) {
                    unindex(byClient, subscriber.client(), subscriber);
                }
            }
        }
    }

    private static void unindex(Map<String, Set<StatusSubscriber>> index, String key, StatusSubscriber subscriber) {
        Set<StatusSubscriber> held = index.get(key);
        if (held != null && held.remove(subscriber) && held.isEmpty()) {
            index.remove(key);
        }
    }

    public int streams() {
        return streams.size();
    }

    private long count(Class<? extends StatusSubscriber> kind) {
        return streams.keySet().stream().filter(kind::isInstance).count();
    }

    void tickSafely() {
        try {
            long started = System.nanoTime();
            tick(Instant.now());
            lastTickSeconds = (System.nanoTime() - started) / 1e9;
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable unexpected) {
            // anything escaping would cancel every later tick of the scheduled task, silently
            LOG.log(Level.WARNING, "Status fan-out tick failed", unexpected);
        }
    }

    void tick(Instant now) {
        synchronized (passing) {
            tickPassing(now);
        }
    }

    private void tickPassing(Instant now) {
        streams.keySet().stream().filter(subscriber -> !subscriber.isOpen()).toList().forEach(this::forget);
        if (streams.isEmpty()) {
            return;
        }
        List<Stream> open = List.copyOf(streams.values());
        List<Runnable> writes = new ArrayList<>();
        giveUpStuckWrites(open, now, writes);
        keepIdleStreamsAlive(open, now, writes);
        dispatch(writes);   // before the store is read, however long that takes
        Map<String, QueueView> views = statuses(open.stream().map(stream -> stream.subscriber.token()).distinct().toList());
        if (views == null) {
            return;
        }
        writes = new ArrayList<>();
        for (Stream stream : open) {
            if (!streams.containsKey(stream.subscriber)) {
                continue;
            }
            QueueView view = views.get(stream.subscriber.token());
            if (stream.writingSince.get() != null) {
                if (view != null && stream.sent != null && view.status() != stream.sent.status()) {
                    sendOrOwe(stream, view, now, writes);   // a new status goes right after the write under way
                }
                continue;   // other news waits for the write under way; the next tick sends it
            }
            if (view == null) {
                end(stream, StatusSubscriber::lapse, writes);
            } else if (view.isNewsSince(stream.sent)) {
                send(stream, view, now, writes);
            }
        }
        dispatch(writes);
    }

    /** Runs {@link #tellWhoStoppedWaiting} on the scheduler, unless a run of it is already due. */
    private void tellSoon() {
        if (stopped || streams.isEmpty() || !telling.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.execute(() -> {
                try {
                    tellWhoStoppedWaiting(Instant.now());
                } catch (RuntimeException unexpected) {
                    LOG.log(Level.WARNING, "Status fan-out could not tell the admitted", unexpected);
                } finally {
                    telling.set(false);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            telling.set(false);
        }
    }

    /**
     * Tells the streams last told WAITING whose fans the view no longer shows waiting their new status:
     * ACTIVE (admitted), or the end of the stream (the token lapsed or left). Asks the store only about
     * those fans; a stream with a write under way is owed its new status, sent when that write is done.
     */
    void tellWhoStoppedWaiting(Instant now) {
        synchronized (passing) {
            Map<String, List<Stream>> waiting = new HashMap<>();
            for (Stream stream : streams.values()) {
                QueueView sent = stream.sent;
                if (sent != null && sent.status() == QueueStatus.WAITING) {
                    waiting.computeIfAbsent(stream.subscriber.token(), token -> new ArrayList<>()).add(stream);
                }
            }
            List<String> moved = line.noLongerWaiting(waiting.keySet());
            Map<String, QueueView> views = moved.isEmpty() ? null : statuses(moved);
            if (views == null) {
                return;
            }
            List<Runnable> writes = new ArrayList<>();
            for (String token : moved) {
                QueueView view = views.get(token);
                for (Stream stream : waiting.getOrDefault(token, List.of())) {
                    if (!streams.containsKey(stream.subscriber)) {
                        continue;
                    }
                    if (view == null) {
                        end(stream, StatusSubscriber::lapse, writes);
                    } else if (view.status() != QueueStatus.WAITING) {
                        sendOrOwe(stream, view, now, writes);
                    }
                }
            }
            dispatch(writes);
        }
    }

    private void giveUpStuckWrites(List<Stream> open, Instant now, List<Runnable> writes) {
        for (Stream stream : open) {
            Instant writing = stream.writingSince.get();
            if (writing != null && !now.isBefore(writing.plus(STUCK))) {
                if (metrics != null) {
                    metrics.streamStalled();
                }
                end(stream, StatusSubscriber::goAway, writes);
            }
        }
    }

    private void keepIdleStreamsAlive(List<Stream> open, Instant now, List<Runnable> writes) {
        for (Stream stream : open) {
            if (stream.writingSince.get() == null && !now.isBefore(stream.lastWrite.plus(KEEP_ALIVE))) {
                write(stream, now, StatusSubscriber::keepAlive, writes);
            }
        }
    }

    /** The statuses of the tokens; null when the store cannot be read now (the next tick tries again). */
    private Map<String, QueueView> statuses(Collection<String> tokens) {
        try {
            return queue.statuses(tokens);
        } catch (RuntimeException storeDown) {
            LOG.log(Level.FINE, "Status fan-out could not read the queue store", storeDown);
            return null;
        }
    }

    /** Forgets a stream and adds its ending to {@code writes}. */
    private void end(Stream stream, Consumer<StatusSubscriber> ending, List<Runnable> writes) {
        forget(stream.subscriber);
        writes.add(() -> quietly(stream.subscriber, ending));
    }

    /**
     * Sends {@code view} if the stream has no write under way, else owes it to the stream: {@link #finish} sends
     * it the moment that write is done (a place, most likely), without waiting for the next tick.
     */
    private void sendOrOwe(Stream stream, QueueView view, Instant now, List<Runnable> writes) {
        if (send(stream, view, now, writes)) {
            return;
        }
        stream.owed.set(view);
        if (stream.writingSince.get() == null && stream.owed.compareAndSet(view, null)) {
            send(stream, view, now, writes);   // that write was done in the meantime
        }
    }

    /** Adds the write of {@code view} to {@code writes}, as {@link #write} does, and takes it as sent. */
    private boolean send(Stream stream, QueueView view, Instant now, List<Runnable> writes) {
        if (!write(stream, now, subscriber -> subscriber.send(QueueJson.of(view)), writes)) {
            return false;
        }
        stream.sent = view;
        stream.owed.set(null);
        return true;
    }

    /**
     * Adds one write to {@code writes} for a stream that has none under way; false when it has one. The write
     * is under way until the stage it returns completes, which no thread waits for.
     */
    private boolean write(Stream stream, Instant now, Function<StatusSubscriber, CompletionStage<Void>> action,
                          List<Runnable> writes) {
        if (!stream.writingSince.compareAndSet(null, now)) {
            return false;
        }
        stream.lastWrite = now;
        writes.add(() -> {
            CompletionStage<Void> written;
            try {
                written = action.apply(stream.subscriber);
            } catch (RuntimeException clientGone) {
                written = CompletableFuture.failedFuture(clientGone);
            }
            finish(stream, written);
        });
        return true;
    }

    /**
     * When {@code written} completes, the stream may be written to again, and a change of status owed to it
     * goes to the writer pool at once; when it fails, the client is gone.
     */
    private void finish(Stream stream, CompletionStage<Void> written) {
        written.whenComplete((done, clientGone) -> {
            if (clientGone != null) {
                forget(stream.subscriber);
                quietly(stream.subscriber, StatusSubscriber::goAway);
            }
            stream.writingSince.set(null);
            QueueView owed = stream.owed.getAndSet(null);
            if (clientGone == null && owed != null && streams.containsKey(stream.subscriber)) {
                List<Runnable> writes = new ArrayList<>(1);
                send(stream, owed, Instant.now(), writes);
                dispatch(writes);
            }
        });
    }

    /**
     * Runs the writes on the writer pool, {@link #BATCH} to a task: a managed executor sets up the
     * application's context for every task it runs (measured: most of the fan-out's CPU at 10,000 streams
     * with one task a write). A batch the pool refuses runs here: no write blocks.
     */
    private void dispatch(List<Runnable> writes) {
        for (int from = 0; from < writes.size(); from += BATCH) {
            List<Runnable> batch = writes.subList(from, Math.min(from + BATCH, writes.size()));
            Runnable task = () -> batch.forEach(Runnable::run);
            try {
                writers.execute(task);
            } catch (RejectedExecutionException saturated) {
                task.run();
            }
        }
    }

    private static void quietly(StatusSubscriber subscriber, Consumer<StatusSubscriber> action) {
        try {
            action.accept(subscriber);
        } catch (RuntimeException alreadyGone) {
            LOG.log(Level.FINEST, "Stream already gone", alreadyGone);
        }
    }
}
