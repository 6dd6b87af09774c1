package dev.concert.application.queue;

import dev.concert.application.config.Settings;
import dev.concert.application.shared.Complaint;
import dev.concert.domain.queue.LineSnapshot;
import dev.concert.domain.queue.QueueStatus;
import dev.concert.domain.queue.QueueStore;
import dev.concert.domain.queue.QueueTicket;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * This instance's view of the line, so that the polls of waiting fans (the crowd) cost the store nothing.
 * Twice a second it reads who waits ({@link QueueStore#line()}: one call, its cost set by the length of the
 * line, not by how many fans poll); a fan whose token this instance has seen waiting once is then answered
 * from the view: the position counted in the bits, exact as of the last read.
 *
 * <p>The store still answers everything the view cannot vouch for: a token not seen here yet, a fan whose
 * bit is clear (admitted, gone, or lapsed: the store says which, so a spent token stays unknown everywhere
 * and an admitted fan is told ACTIVE), a view older than {@link #BOUND} (the store down: its 503, never a
 * stale answer), and a fan's poll once per presence interval, which records the fan as present.
 *
 * <p>Whoever must act as soon as fans stop waiting (the status streams: an admitted fan is told at once)
 * registers {@link #afterEachRead}, then asks {@link #noLongerWaiting} which of its fans the read took out.
 */
@ApplicationScoped
public class LineView {

    private static final Logger LOG = Logger.getLogger(LineView.class.getName());
    static final Duration REFRESH = Duration.ofMillis(500);
    /** A view older than this answers nobody: positions are exact as of at most this long ago. */
    static final Duration BOUND = Duration.ofSeconds(1);
    /** Fans known at most; past it, new ones are answered by the store (about 200 bytes a fan). */
    static final int MAX_KNOWN = 2_000_000;
    /** How often fans who are no longer in the view are forgotten. */
    static final Duration SWEEP = Duration.ofSeconds(30);

    /** The line as read, and when it was asked for (a read taking long makes it older, never younger). */
    private record Read(LineSnapshot line, Instant asked) {
    }

    /** A fan this instance has seen waiting, and when this instance last asked the store about the fan. */
    private record Known(String userId, long arrival, Instant askedStore) {
    }

    @Inject
    QueueStore store;

    @Inject
    Clock clock;

    @Inject
    Settings settings;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();
    private final List<Runnable> afterRead = new CopyOnWriteArrayList<>();
    private volatile Read current;
    private volatile Instant lastSweep = Instant.EPOCH;
    private final Complaint unreadable = new Complaint(LOG, Duration.ofMinutes(1));
    private ScheduledFuture<?> refreshing;
    /** Settings do not change while the application runs: worked out once, not on every poll. */
    private volatile Duration presenceEvery;

    public LineView() {
    }

    /** For tests and tools: a view refreshed only when {@link #refresh()} is called. */
    public LineView(QueueStore store, Clock clock, Settings settings) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
    }

    @PostConstruct
    void start() {
        if (scheduler != null) {
            refreshing = scheduler.scheduleWithFixedDelay(this::refreshSafely, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (refreshing != null) {
            refreshing.cancel(false);
        }
    }

    /**
     * Reads the line from the store, then runs the {@link #afterEachRead} listeners; forgets, every
     * {@link #SWEEP}, the fans who are in neither this read nor the one before (so that a listener has had
     * a read in which to see them leave).
     */
    public void refresh() {
        Instant asked = clock.instant();
        Read before = current;
        Read read = new Read(store.line(), asked);
        current = read;
        if (!asked.isBefore(lastSweep.plus(SWEEP))) {
            lastSweep = asked;
            LineSnapshot earlier = before == null ? LineSnapshot.empty() : before.line();
            known.values().removeIf(fan -> read.line().position(fan.arrival()) == 0 && earlier.position(fan.arrival()) == 0);
        }
        afterRead.forEach(Runnable::run);
    }

    /** Runs {@code listener} after each successful read, on the reading thread: it must hand work off, not do it. */
    public void afterEachRead(Runnable listener) {
        afterRead.add(listener);
    }

    public void stopRunning(Runnable listener) {
        afterRead.remove(listener);
    }

    /**
     * Of {@code tokens}, those of fans this instance knows waiting who, as of the last read, wait no longer:
     * admitted, left or lapsed (the store says which). Not a fan who arrived after the last waiting fan of
     * that read (most likely one who joined since). Empty when the view is older than its bound.
     */
    public List<String> noLongerWaiting(Collection<String> tokens) {
        Read read = current;
        if (read == null || clock.instant().isAfter(read.asked().plus(BOUND))) {
            return List.of();
        }
        return tokens.stream().filter(token -> {
            Known fan = known.get(token);
            return fan != null && read.line().reaches(fan.arrival()) && read.line().position(fan.arrival()) == 0;
        }).toList();
    }

    private void refreshSafely() {
        try {
            refresh();
        } catch (RuntimeException storeDown) {
            // the view ages past its bound and every poll goes to the store, which answers 503 while it is down
            unreadable.warn("The line could not be read for this instance's view: {0}", storeDown.toString());
        }
    }

    /**
     * The token's waiting ticket as the view has it; empty when the store must answer: the token not
     * seen waiting here, not waiting in the view, the view too old, or the fan's presence due.
     */
    public Optional<QueueTicket> waiting(String token) {
        Known fan = known.get(token);
        Read read = current;
        if (fan == null || read == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isAfter(read.asked().plus(BOUND)) || !now.isBefore(fan.askedStore().plus(presenceEvery()))) {
            return Optional.empty();
        }
        long position = read.line().position(fan.arrival());
        return position == 0 ? Optional.empty() : Optional.of(QueueTicket.waiting(token, fan.userId(), position, fan.arrival()));
    }

    /**
     * What the store just answered for a token, asked at {@code asked}: a waiting fan is known from now on
     * (and present as of then); any other answer forgets the token.
     */
    public void learned(String token, Optional<QueueTicket> answer, Instant asked) {
        if (answer.isPresent() && answer.get().status() == QueueStatus.WAITING && answer.get().arrival() > 0) {
            if (known.size() < MAX_KNOWN || known.containsKey(token)) {
                known.put(token, new Known(answer.get().userId(), answer.get().arrival(), asked));
            }
        } else {
            known.remove(token);
        }
    }

    /** The fan left: the view stops answering for the token at once on this instance. */
    public void forget(String token) {
        known.remove(token);
    }

    /** Fans this instance knows. */
    public int known() {
        return known.size();
    }

    private Duration presenceEvery() {
        Duration every = presenceEvery;
        if (every == null) {
            every = settings.presence().writeEvery();
            presenceEvery = every;
        }
        return every;
    }
}
