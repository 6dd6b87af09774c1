package dev.concert.infrastructure.queue;

import dev.concert.domain.queue.Admission;
import dev.concert.domain.queue.AdmissionResult;
import dev.concert.domain.queue.Issued;
import dev.concert.domain.queue.LineSnapshot;
import dev.concert.domain.queue.Presence;
import dev.concert.domain.queue.QueueFigures;
import dev.concert.domain.queue.QueueSample;
import dev.concert.domain.queue.QueueSettings;
import dev.concert.domain.queue.QueueStore;
import dev.concert.domain.queue.QueueTicket;
import dev.concert.domain.queue.RequestCount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The waiting room in this JVM, for the embedded default and for tests: one instance only. Every
 * method holds the store's lock, which makes each call atomic as the Redis scripts are. Time comes
 * from the injected clock.
 */
public class InMemoryQueueStore implements QueueStore {

    private record Entry(String token, String userId, long arrival, String ticketId) {
    }

    /**
     * When an active token lapses (or a fan was last seen); ordered by that time, then by token (two at one
     * instant both stay).
     */
    private record Lapse(Instant until, String token) implements Comparable<Lapse> {
        @Override
        public int compareTo(Lapse other) {
            int byTime = until.compareTo(other.until);
            return byTime != 0 ? byTime : token.compareTo(other.token);
        }
    }

    private final Clock clock;
    private final Duration activeTtl;
    private final Presence presence;
    private QueueSettings settings;

    private long lastArrival;
    private final Map<String, Entry> byToken = new HashMap<>();
    private final Map<String, String> tokenByUser = new HashMap<>();
    private final TreeMap<Long, Entry> waiting = new TreeMap<>();
    private final ArrivalRanks ranks = new ArrivalRanks();
    /** Active tokens and when each lapses; and the same soonest first (a token kept active moves back). */
    private final Map<String, Instant> active = new HashMap<>();
    private final TreeSet<Lapse> lapseOrder = new TreeSet<>();
    /** When each waiting and each active fan was last recorded seen; and the same, least recently seen first. */
    private final Map<String, Instant> seenWaiting = new HashMap<>();
    private final TreeSet<Lapse> seenWaitingOrder = new TreeSet<>();
    private final Map<String, Instant> seenActive = new HashMap<>();
    private final TreeSet<Lapse> seenActiveOrder = new TreeSet<>();
    private final TreeMap<Long, Long> admittedBySecond = new TreeMap<>();
    /** Waiting fans who left the line (gone quiet, or left), by second. */
    private final TreeMap<Long, Long> leftBySecond = new TreeMap<>();
    /** Token requests per client in the current minute; cleared when the minute changes. */
    private final Map<String, Long> requestsThisMinute = new HashMap<>();
    private final Map<String, Map.Entry<Instant, String>> instanceReports = new HashMap<>();
    private final TreeMap<Long, QueueSample> samples = new TreeMap<>();
    private long currentMinute;

    /** A store with the contract's presence defaults (120 s each). */
    public InMemoryQueueStore(Clock clock, QueueSettings defaults, Duration activeTtl) {
        this(clock, defaults, activeTtl, Presence.DEFAULTS);
    }

    public InMemoryQueueStore(Clock clock, QueueSettings defaults, Duration activeTtl, Presence presence) {
        this.clock = clock;
        this.settings = defaults;
        this.activeTtl = activeTtl;
        this.presence = presence;
    }

    @Override
    public synchronized Issued issue(String userId, String candidateToken, String candidateTicketId) {
        String existing = tokenByUser.get(userId);
        if (existing != null) {
            Optional<QueueTicket> live = find(existing);   // a sighting too
            if (live.isPresent()) {
                return new Issued(live.get(), byToken.get(existing).ticketId(), false);
            }
            drop(existing);
        }
        Entry entry = new Entry(candidateToken, userId, ++lastArrival, candidateTicketId);
        byToken.put(candidateToken, entry);
        tokenByUser.put(userId, candidateToken);
        waiting.put(entry.arrival(), entry);
        ranks.add(entry.arrival());
        record(seenWaiting, seenWaitingOrder, candidateToken, clock.instant());
        return new Issued(QueueTicket.waiting(candidateToken, userId, ranks.rank(entry.arrival()), entry.arrival()),
                candidateTicketId, true);
    }

    /** The live ticket, and a sighting of its fan (recorded at most once per {@link Presence#writeEvery()}). */
    @Override
    public synchronized Optional<QueueTicket> find(String token) {
        Entry entry = byToken.get(token);
        if (entry == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant until = active.get(token);
        if (until != null) {
            if (!until.isAfter(now)) {
                return Optional.empty();
            }
            seen(seenActive, seenActiveOrder, token, now);
            return Optional.of(QueueTicket.active(token, entry.userId(), until));
        }
        seen(seenWaiting, seenWaitingOrder, token, now);
        return Optional.of(QueueTicket.waiting(token, entry.userId(), ranks.rank(entry.arrival()), entry.arrival()));
    }

    /** The waiting arrivals as bits from the first of them: O(span of the line), for one instance's small lines. */
    @Override
    public synchronized LineSnapshot line() {
        return LineSnapshot.of(waiting.navigableKeySet());
    }

    /** As the scripts do: a new record only when the last is at least the interval old; one ahead of now stays. */
    private void seen(Map<String, Instant> seen, TreeSet<Lapse> order, String token, Instant now) {
        Instant last = seen.get(token);
        if (last == null || !now.isBefore(last.plus(presence.writeEvery()))) {
            record(seen, order, token, now);
        }
    }

    /** Records a sighting at {@code at}, replacing the last. */
    private static void record(Map<String, Instant> seen, TreeSet<Lapse> order, String token, Instant at) {
        Instant last = seen.put(token, at);
        if (last != null) {
            order.remove(new Lapse(last, token));
        }
        order.add(new Lapse(at, token));
    }

    private static void forget(Map<String, Instant> seen, TreeSet<Lapse> order, String token) {
        Instant last = seen.remove(token);
        if (last != null) {
            order.remove(new Lapse(last, token));
        }
    }

    @Override
    public synchronized Map<String, QueueTicket> findAll(Collection<String> tokens) {
        Map<String, QueueTicket> found = new HashMap<>();
        for (String token : tokens) {
            find(token).ifPresent(ticket -> found.put(token, ticket));
        }
        return found;
    }

    @Override
    public synchronized boolean remove(String token) {
        Entry entry = byToken.get(token);
        if (entry != null && waiting.containsKey(entry.arrival())) {
            countLeft(clock.instant().getEpochSecond(), 1);
        }
        return drop(token);
    }

    private void countLeft(long second, long fans) {
        if (fans > 0) {
            leftBySecond.merge(second, fans, Long::sum);
        }
    }

    private boolean drop(String token) {
        Entry entry = byToken.remove(token);
        if (entry == null) {
            return false;
        }
        if (waiting.remove(entry.arrival()) != null) {
            ranks.remove(entry.arrival());
        }
        Instant until = active.remove(token);
        if (until != null) {
            lapseOrder.remove(new Lapse(until, token));
        }
        forget(seenWaiting, seenWaitingOrder, token);
        forget(seenActive, seenActiveOrder, token);
        tokenByUser.remove(entry.userId(), token);
        return true;
    }

    @Override
    public synchronized boolean keepActive(String token, Duration atLeast) {
        Instant until = active.get(token);
        Instant now = clock.instant();
        if (until == null || !until.isAfter(now)) {
            return false;
        }
        Instant wanted = now.plus(atLeast);
        if (wanted.isAfter(until)) {
            lapseOrder.remove(new Lapse(until, token));
            activate(token, wanted);
        }
        Instant seenUntilThen = wanted.minus(presence.activeIdle());   // not idle before the hold lapses
        Instant last = seenActive.get(token);
        if (last == null || seenUntilThen.isAfter(last)) {
            record(seenActive, seenActiveOrder, token, seenUntilThen);
        }
        return true;
    }

    private void activate(String token, Instant until) {
        active.put(token, until);
        lapseOrder.add(new Lapse(until, token));
    }

    @Override
    public synchronized AdmissionResult admit() {
        Instant now = clock.instant();
        long idleWaiting = dropIdle(seenWaitingOrder, now.minus(presence.waitingIdle()));
        long idleActive = dropIdle(seenActiveOrder, now.minus(presence.activeIdle()));
        long lapsed = dropLapsed(now);
        long second = now.getEpochSecond();
        countLeft(second, idleWaiting);
        long admittedThisSecond = admittedBySecond.getOrDefault(second, 0L);
        long admissible = Admission.admissible(settings, active.size(), admittedThisSecond);
        long admitted = 0;
        Instant until = now.plus(activeTtl);
        while (admitted < admissible && !waiting.isEmpty()) {
            Entry head = waiting.pollFirstEntry().getValue();
            ranks.remove(head.arrival());
            activate(head.token(), until);
            Instant lastSeen = seenWaiting.get(head.token());   // the last sighting goes with the fan
            forget(seenWaiting, seenWaitingOrder, head.token());
            record(seenActive, seenActiveOrder, head.token(), lastSeen != null ? lastSeen : now);
            admitted++;
        }
        if (admitted > 0) {
            admittedBySecond.merge(second, admitted, Long::sum);
        }
        admittedBySecond.headMap(second - 120).clear();
        leftBySecond.headMap(second - 120).clear();
        return new AdmissionResult(admitted, lapsed, admittedSince(second - 9), admittedSince(second - 59), active.size(),
                settings, idleWaiting, idleActive, sumSince(leftBySecond, second - 9), sumSince(leftBySecond, second - 59),
                waiting.size());
    }

    /** Drops every fan whose last sighting in {@code order} is before {@code seenBefore}; how many. */
    private long dropIdle(TreeSet<Lapse> order, Instant seenBefore) {
        long dropped = 0;
        while (!order.isEmpty() && order.first().until().isBefore(seenBefore)) {
            drop(order.first().token());   // removes it from the order too
            dropped++;
        }
        return dropped;
    }

    private long dropLapsed(Instant now) {
        long lapsed = 0;
        while (!lapseOrder.isEmpty() && !lapseOrder.first().until().isAfter(now)) {
            Lapse soonest = lapseOrder.pollFirst();
            active.remove(soonest.token());
            Entry entry = byToken.remove(soonest.token());
            tokenByUser.remove(entry.userId(), entry.token());
            forget(seenActive, seenActiveOrder, soonest.token());
            lapsed++;
        }
        return lapsed;
    }

    private long admittedSince(long fromSecond) {
        return sumSince(admittedBySecond, fromSecond);
    }

    private static long sumSince(TreeMap<Long, Long> bySecond, long fromSecond) {
        return bySecond.tailMap(fromSecond).values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public synchronized RequestCount countRequest(String client) {
        long second = clock.instant().getEpochSecond();
        if (second / 60 != currentMinute) {
            currentMinute = second / 60;
            requestsThisMinute.clear();
        }
        return new RequestCount(requestsThisMinute.merge(client, 1L, Long::sum), 60 - second % 60);
    }

    @Override
    public synchronized QueueFigures figures() {
        Instant now = clock.instant();
        long live = active.values().stream().filter(until -> until.isAfter(now)).count();
        return new QueueFigures(waiting.size(), live, admittedSince(now.getEpochSecond() - 59), settings);
    }

    @Override
    public synchronized QueueSettings settings() {
        return settings;
    }

    @Override
    public synchronized QueueSettings updateSettings(Integer admitPerSecond, Integer activeMax, Boolean paused) {
        this.settings = settings.with(admitPerSecond, activeMax, paused);
        return settings;
    }

    @Override
    public synchronized void reportInstance(String instanceId, String report, Duration life) {
        instanceReports.put(instanceId, Map.entry(clock.instant().plus(life), report));
    }

    @Override
    public synchronized Map<String, String> instances() {
        Instant now = clock.instant();
        instanceReports.values().removeIf(entry -> !entry.getKey().isAfter(now)); // key: when it lapses
        Map<String, String> reports = new java.util.TreeMap<>();
        instanceReports.forEach((id, entry) -> reports.put(id, entry.getValue()));
        return reports;
    }

    @Override
    public synchronized void recordSample(QueueSample sample, Duration step, Duration keep) {
        samples.putIfAbsent(sample.at().getEpochSecond() / step.toSeconds(), sample);
        long oldest = (sample.at().getEpochSecond() - keep.toSeconds()) / step.toSeconds();
        samples.headMap(oldest).clear();
    }

    @Override
    public synchronized List<QueueSample> samples(Instant from, Instant to, Duration step) {
        return List.copyOf(samples.subMap(from.getEpochSecond() / step.toSeconds(), true,
                to.getEpochSecond() / step.toSeconds(), true).values());
    }
}
