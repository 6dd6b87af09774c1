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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pushes status changes to every open SSE stream and WebSocket of this instance. One scheduled
 * task, once a second, reads the statuses of all subscribed tokens in pipelined batches and sends
 * to each subscriber whose status changed (new status, better position, new end), so a client gets
 * at most one message a second and no stream holds a thread between messages. Idle SSE streams get
 * a comment (a WebSocket a ping) so that no stream goes 15 s without a write; a lapsed token ends
 * its stream.
 */
@ApplicationScoped
public class StatusFanOut {

    private static final Logger LOG = Logger.getLogger(StatusFanOut.class.getName());
    static final Duration TICK = Duration.ofSeconds(1);
    /** Under 15 s: with one tick a second, no stream goes more than 15 s without a write. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(14);

    /** What was last sent to a subscriber, and when anything was last written to it. */
    private static final class Sent {
        volatile QueueView view;
        volatile Instant at;

        Sent(QueueView view, Instant at) {
            this.view = view;
            this.at = at;
        }
    }

    private final Map<StatusSubscriber, Sent> subscribers = new ConcurrentHashMap<>();

    @Inject
    QueueService queue;

    @Resource
    ManagedScheduledExecutorService scheduler;

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
        subscribers.keySet().forEach(StatusSubscriber::lapse);
        subscribers.clear();
    }

    /** Sends {@code current} at once and follows the token from now on. */
    public void subscribe(StatusSubscriber subscriber, QueueView current) {
        subscriber.send(QueueJson.of(current));
        subscribers.put(subscriber, new Sent(current, Instant.now()));
    }

    public void unsubscribe(StatusSubscriber subscriber) {
        subscribers.remove(subscriber);
    }

    public int streams() {
        return subscribers.size();
    }

    private void tickSafely() {
        try {
            tick(Instant.now());
        } catch (RuntimeException storeDown) {
            // the next tick tries again; streams stay open meanwhile
            LOG.log(Level.FINE, "Status fan-out tick failed", storeDown);
        }
    }

    void tick(Instant now) {
        subscribers.keySet().removeIf(subscriber -> !subscriber.isOpen());
        if (subscribers.isEmpty()) {
            return;
        }
        List<StatusSubscriber> open = List.copyOf(subscribers.keySet());
        Map<String, QueueView> views = queue.statuses(open.stream().map(StatusSubscriber::token).distinct().toList());
        for (StatusSubscriber subscriber : open) {
            Sent sent = subscribers.get(subscriber);
            if (sent == null) {
                continue;
            }
            QueueView view = views.get(subscriber.token());
            if (view == null) {
                subscribers.remove(subscriber);
                subscriber.lapse();
            } else if (view.isNewsSince(sent.view)) {
                subscriber.send(QueueJson.of(view));
                sent.view = view;
                sent.at = now;
            } else if (!now.isBefore(sent.at.plus(KEEP_ALIVE))) {
                subscriber.keepAlive();
                sent.at = now;
            }
        }
    }
}
