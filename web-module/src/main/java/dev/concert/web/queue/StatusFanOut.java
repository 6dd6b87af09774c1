package dev.concert.web.queue;

import dev.concert.application.queue.QueueService;
import dev.concert.application.queue.QueueView;
import dev.concert.web.api.QueueJson;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pushes status changes to every open SSE stream and WebSocket of this instance. One scheduled
 * task, once a second, reads the statuses of all subscribed tokens in pipelined batches and hands
 * a write to the writer pool for each stream whose status changed (new status, better position,
 * new end): at most one message a second per client, and no stream holds a thread between writes.
 *
 * <p>Each stream has at most one write in flight. A client that stops reading ties up one writer,
 * never the tick; a write stuck for {@link #STUCK} gives the client up. A stream idle for 14 s gets
 * a comment (SSE) or a ping (WebSocket), so none goes 15 s without a write, even while the store is
 * down. A token that lapsed or left ends its streams.
 */
@ApplicationScoped
public class StatusFanOut {

    private static final Logger LOG = Logger.getLogger(StatusFanOut.class.getName());
    static final Duration TICK = Duration.ofSeconds(1);
    /** Under 15 s: with one tick a second, no stream goes more than 15 s without a write. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(14);
    static final Duration STUCK = Duration.ofSeconds(30);

    /** One subscriber's state: what it last got, when it was last written to, whether a write is under way. */
    private static final class Stream {
        final StatusSubscriber subscriber;
        volatile QueueView sent;
        volatile Instant lastWrite;
        final AtomicReference<Instant> writingSince = new AtomicReference<>();

        Stream(StatusSubscriber subscriber, QueueView sent, Instant lastWrite) {
            this.subscriber = subscriber;
            this.sent = sent;
            this.lastWrite = lastWrite;
        }
    }

    private final Map<StatusSubscriber, Stream> streams = new ConcurrentHashMap<>();

    @Inject
    QueueService queue;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Runs the writes; the container's default managed executor. */
    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    Executor writers;

    private ScheduledFuture<?> ticking;

    @PostConstruct
    void start() {
        ticking = scheduler.scheduleWithFixedDelay(this::tickSafely, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (ticking != null) {
            ticking.cancel(false);
        }
        streams.keySet().forEach(subscriber -> quietly(subscriber, StatusSubscriber::goAway));
        streams.clear();
    }

    /** Sends {@code current} at once (on the caller's thread) and follows the token from now on. */
    public void subscribe(StatusSubscriber subscriber, QueueView current) {
        subscriber.send(QueueJson.of(current));
        streams.put(subscriber, new Stream(subscriber, current, Instant.now()));
    }

    public void unsubscribe(StatusSubscriber subscriber) {
        streams.remove(subscriber);
    }

    public int streams() {
        return streams.size();
    }

    private void tickSafely() {
        try {
            tick(Instant.now());
        } catch (RuntimeException unexpected) {
            LOG.log(Level.WARNING, "Status fan-out tick failed", unexpected);
        }
    }

    void tick(Instant now) {
        streams.keySet().removeIf(subscriber -> !subscriber.isOpen());
        if (streams.isEmpty()) {
            return;
        }
        List<Stream> open = List.copyOf(streams.values());
        Map<String, QueueView> views = statuses(open);
        for (Stream stream : open) {
            Instant writing = stream.writingSince.get();
            if (writing != null) {
                if (!now.isBefore(writing.plus(STUCK))) {
                    // closing from another thread unblocks the stuck write
                    streams.remove(stream.subscriber);
                    execute(() -> quietly(stream.subscriber, StatusSubscriber::goAway));
                }
                continue;
            }
            QueueView view = views == null ? null : views.get(stream.subscriber.token());
            if (views != null && view == null) {
                streams.remove(stream.subscriber);
                write(stream, now, StatusSubscriber::lapse);
            } else if (view != null && view.isNewsSince(stream.sent)) {
                stream.sent = view;
                QueueJson json = QueueJson.of(view);
                write(stream, now, subscriber -> subscriber.send(json));
            } else if (!now.isBefore(stream.lastWrite.plus(KEEP_ALIVE))) {
                write(stream, now, StatusSubscriber::keepAlive);
            }
        }
    }

    /** The statuses of the streams' tokens; null when the store cannot be read (streams are kept alive meanwhile). */
    private Map<String, QueueView> statuses(List<Stream> open) {
        try {
            return queue.statuses(open.stream().map(stream -> stream.subscriber.token()).distinct().toList());
        } catch (RuntimeException storeDown) {
            LOG.log(Level.FINE, "Status fan-out could not read the queue store", storeDown);
            return null;
        }
    }

    private void write(Stream stream, Instant now, Consumer<StatusSubscriber> action) {
        if (!stream.writingSince.compareAndSet(null, now)) {
            return;
        }
        stream.lastWrite = now;
        boolean queued = execute(() -> {
            try {
                action.accept(stream.subscriber);
            } catch (RuntimeException clientGone) {
                streams.remove(stream.subscriber);
                quietly(stream.subscriber, StatusSubscriber::goAway);
            } finally {
                stream.writingSince.set(null);
            }
        });
        if (!queued) {
            stream.writingSince.set(null);   // try again next tick
        }
    }

    private boolean execute(Runnable task) {
        try {
            writers.execute(task);
            return true;
        } catch (RejectedExecutionException saturated) {
            return false;
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
