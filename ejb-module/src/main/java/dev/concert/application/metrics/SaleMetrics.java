package dev.concert.application.metrics;

import dev.concert.domain.queue.AdmissionResult;
import dev.concert.domain.queue.QueueFigures;
import dev.concert.domain.queue.QueueStore;
import dev.concert.domain.shared.TooManyRequests.Limit;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The figures of a sale, for Prometheus: what happened on this instance (counters, added up across
 * instances with {@code sum}) and the line as the shared store sees it (gauges that every instance
 * exports with the same value: aggregate them with {@code max}, never {@code sum}). Names follow
 * Prometheus' conventions; tags are few and fixed (no user, token or seat). documents/operations.md
 * lists every name with its meaning.
 *
 * <p>Each call costs one striped-counter increment; nothing here touches a store on the request path.
 * The cluster-wide gauges read the store when scraped, at most once a second.
 */
@ApplicationScoped
public class SaleMetrics {

    /** The endpoint of status polls, which {@link #answered} also counts by answer. */
    public static final String STATUS_POLL = "GET /api/queue/status";
    /** How long one read of the line's figures serves the gauges: scrapes never hammer Redis. */
    static final Duration FIGURES_FRESH_FOR = Duration.ofSeconds(1);

    /** Which backing store could not answer. */
    public enum Store {
        DATABASE, QUEUE_STORE
    }

    @Inject
    MetricRegistry registry;

    @Inject
    QueueStore store;

    @Inject
    Clock clock;

    private Counter tokensIssued;
    private Counter polls200;
    private Counter polls304;
    private Counter admitted;
    private Counter abandoned;
    private Counter idleWaiting;
    private Counter idleActive;
    private Counter passesOk;
    private Counter passesFailed;
    private volatile long lastPassAdmitted;
    private volatile double lastPassEpochSeconds = Double.NaN;
    private volatile double lastPassSeconds = Double.NaN;
    private Counter held;
    private Counter stalledStreams;
    private Counter refused;
    private Counter lapsed;
    private Counter cancelledByFan;
    private Counter cancelledByDecline;
    private Counter charges;
    private Counter chargedWon;
    private Counter paymentsCompleted;
    private Counter paymentsDeclined;
    private Counter paidWon;
    private Counter chargeReplays;
    private Counter paymentReplays;
    private final Map<Limit, Counter> rateLimited = new ConcurrentHashMap<>();
    private final Map<Store, Counter> unavailable = new ConcurrentHashMap<>();
    private final Map<Store, Boolean> ready = new ConcurrentHashMap<>();
    private final Map<String, Counter> lockWaitTimeouts = new ConcurrentHashMap<>();
    private final Map<String, LatencyHistogram> latency = new ConcurrentHashMap<>();
    /** Per endpoint, its answers' counters by status code (100..599), made on first use. */
    private final Map<String, AtomicReferenceArray<Counter>> responses = new ConcurrentHashMap<>();

    private volatile QueueFigures figures;
    private volatile Instant figuresReadAt = Instant.EPOCH;

    public SaleMetrics() {
    }

    /** For tests: metrics in the given registry, the line read from the given store. */
    public SaleMetrics(MetricRegistry registry, QueueStore store, Clock clock) {
        this.registry = registry;
        this.store = store;
        this.clock = clock;
        register();
    }

    /** Registered when the application starts, so that every name is on /metrics before its first event. */
    void startUp(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // observed on the bean's own instance: creating it registered everything
    }

    @PostConstruct
    void register() {
        tokensIssued = counter("concert_queue_tokens_issued", "Places taken in the line (201 to POST /api/queue/tokens)");
        String polls = "Status polls answered, by answer (200 or 304)";
        polls200 = counter("concert_queue_status_polls", polls, new Tag("answer", "200"));
        polls304 = counter("concert_queue_status_polls", polls, new Tag("answer", "304"));
        admitted = counter("concert_queue_admitted", "Fans made ACTIVE by this instance's admission passes");
        abandoned = counter("concert_queue_places_abandoned", "Active windows that lapsed unused (the fan walked away or "
                + "ran out of time), dropped by this instance's passes");
        String idle = "Fans unseen for their idle time (queue.waiting.idle-seconds, queue.active.idle-seconds), dropped by "
                + "this instance's passes, by status: a WAITING one lost the place, an ACTIVE one freed the slot";
        idleWaiting = counter("concert_queue_fans_gone_idle", idle, new Tag("status", "WAITING"));
        idleActive = counter("concert_queue_fans_gone_idle", idle, new Tag("status", "ACTIVE"));
        String passes = "Admission passes of this instance, by result";
        passesOk = counter("concert_queue_admission_passes", passes, new Tag("result", "ok"));
        passesFailed = counter("concert_queue_admission_passes", passes, new Tag("result", "failed"));
        gauge("concert_queue_admission_last_pass_fans", MetricUnits.NONE, "Fans admitted by this instance's last pass",
                () -> lastPassAdmitted);
        gauge("concert_queue_admission_last_pass_seconds", MetricUnits.SECONDS,
                "How long this instance's last admission pass took, the store's round trip included", () -> lastPassSeconds);
        gauge("concert_queue_admission_last_run_timestamp_seconds", MetricUnits.SECONDS,
                "When this instance's last admission pass succeeded (unix time)", () -> lastPassEpochSeconds);
        String holds = "Hold requests, by outcome (refused: the seat was taken, 409)";
        held = counter("concert_reservation_holds", holds, new Tag("outcome", "held"));
        refused = counter("concert_reservation_holds", holds, new Tag("outcome", "refused"));
        lapsed = counter("concert_reservation_holds_lapsed", "Lapsed holds closed by this instance's sweep");
        String cancelled = "Holds cancelled, by reason";
        cancelledByFan = counter("concert_reservation_holds_cancelled", cancelled, new Tag("reason", "fan"));
        cancelledByDecline = counter("concert_reservation_holds_cancelled", cancelled, new Tag("reason", "payment_declined"));
        charges = counter("concert_wallet_charges", "Balance charges made (replays not counted)");
        chargedWon = counter("concert_wallet_charged_won", "Won charged to balances (replays not counted)");
        String payments = "Payments, by outcome (declined: balance too low, 402)";
        paymentsCompleted = counter("concert_payments", payments, new Tag("outcome", "completed"));
        paymentsDeclined = counter("concert_payments", payments, new Tag("outcome", "declined"));
        paidWon = counter("concert_payments_won", "Won paid for seats (replays not counted)");
        stalledStreams = counter("concert_queue_streams_stalled", "Status streams given up by this instance because their "
                + "client stopped reading (a write pending for 30 s)");
        String replays = "Retries answered from an earlier request with the same Idempotency-Key";
        chargeReplays = counter("concert_idempotent_replays", replays, new Tag("operation", "charge"));
        paymentReplays = counter("concert_idempotent_replays", replays, new Tag("operation", "payment"));
        for (Limit limit : Limit.values()) {
            rateLimited.put(limit, counter("concert_rate_limited", "Requests refused by a rate limit (429), by limit",
                    tag("limit", limit)));
        }
        for (Store which : Store.values()) {
            unavailable.put(which, counter("concert_store_unavailable", "Requests answered 503 because a store was down, "
                    + "unreachable or refused by its circuit breaker or bulkhead, by store (lock waits are counted apart)",
                    tag("store", which)));
            gauge("concert_store_ready", MetricUnits.NONE, "1 while this instance reaches the store (its readiness), else 0",
                    () -> ready.getOrDefault(which, Boolean.TRUE) ? 1 : 0, tag("store", which));
        }
        cluster("concert_queue_waiting_fans", "Fans waiting in the line", QueueFigures::waiting);
        cluster("concert_queue_active_fans", "Fans ACTIVE, admitted and not yet gone", QueueFigures::active);
        cluster("concert_queue_active_cap_fans", "The cap of ACTIVE fans",
                figures -> figures.settings().activeMax());
        cluster("concert_queue_admission_paused", "1 while an operator has paused admission",
                figures -> figures.settings().paused() ? 1 : 0);
        cluster("concert_queue_admit_per_second", "Admissions a second the line may make",
                figures -> figures.settings().admitPerSecond());
        cluster("concert_queue_admitted_last_minute_fans", "Fans admitted in the last 60 s by all instances",
                QueueFigures::admittedLastMinute);
    }

    // --- the line ---

    public void tokenIssued() {
        tokensIssued.inc();
    }


    /** One admission pass of this instance went through, in {@code took}. */
    public void admissionPass(AdmissionResult result, java.time.Duration took) {
        lastPassSeconds = took.toNanos() / 1e9;
        passesOk.inc();
        admitted.inc(result.admitted());
        abandoned.inc(result.lapsed());
        idleWaiting.inc(result.idleWaiting());
        idleActive.inc(result.idleActive());
        lastPassAdmitted = result.admitted();
        lastPassEpochSeconds = clock.millis() / 1000.0;
    }

    /** One admission pass of this instance could not reach the store. */
    public void admissionPassFailed() {
        passesFailed.inc();
    }

    // --- seats and money ---

    public void holdMade() {
        held.inc();
    }

    public void holdRefused() {
        refused.inc();
    }

    public void holdsLapsed(long count) {
        lapsed.inc(count);
    }

    public void holdCancelled() {
        cancelledByFan.inc();
    }

    public void charged(long won, boolean replayed) {
        if (replayed) {
            chargeReplays.inc();
        } else {
            charges.inc();
            chargedWon.inc(won);
        }
    }

    public void paid(long won, boolean replayed) {
        if (replayed) {
            paymentReplays.inc();
        } else {
            paymentsCompleted.inc();
            paidWon.inc(won);
        }
    }

    /** A payment refused for a balance too low: its hold is cancelled with it. */
    public void paymentDeclined() {
        paymentsDeclined.inc();
        cancelledByDecline.inc();
    }

    // --- refusals and stores ---

    public void rateLimited(Limit limit) {
        rateLimited.get(limit).inc();
    }

    public void storeUnavailable(Store which) {
        unavailable.get(which).inc();
    }

    /** What this instance last found when it checked the store (the heartbeat, every 5 s). */
    public void storeReady(Store which, boolean answers) {
        ready.put(which, answers);
    }

    /** Live status streams of one channel ("sse", "websocket") on this instance, as counted when scraped. */
    public void streams(String channel, Supplier<Number> live) {
        gauge("concert_queue_streams", MetricUnits.NONE, "Live status streams on this instance, by channel", live,
                new Tag("channel", channel));
    }

    /** How long this instance's last status fan-out tick took (the store's reads included), as read when scraped. */
    public void streamTick(Supplier<Number> lastTickSeconds) {
        gauge("concert_queue_stream_tick_seconds", MetricUnits.SECONDS,
                "How long this instance's last status fan-out tick took: reading every stream's status and starting the writes",
                lastTickSeconds);
    }

    /** A stream was given up because its client stopped reading: a write to it stayed pending too long. */
    public void streamStalled() {
        stalledStreams.inc();
    }

    /** A request gave up waiting for a row lock ({@code endpoint}: "POST /api/reservations"). */
    public void lockWaitTimedOut(String endpoint) {
        lockWaitTimeouts.computeIfAbsent(endpoint, name -> counter("concert_database_lock_wait_timeouts",
                "Requests that gave up waiting for a row lock or lost a deadlock (503), by endpoint",
                new Tag("endpoint", name))).inc();
    }

    /** One answered API request: its latency (a histogram per endpoint) and its status. */
    public void answered(String endpoint, int status, Duration took) {
        LatencyHistogram histogram = latency.get(endpoint);
        if (histogram == null) {
            histogram = latency.computeIfAbsent(endpoint, this::histogram);
        }
        histogram.record(took);
        if (STATUS_POLL.equals(endpoint) && (status == 200 || status == 304)) {
            (status == 304 ? polls304 : polls200).inc();
        }
        var byStatus = responses.computeIfAbsent(endpoint, name -> new AtomicReferenceArray<>(600));
        int code = status >= 100 && status < 600 ? status : 599;
        Counter answers = byStatus.get(code);
        if (answers == null) {
            byStatus.compareAndSet(code, null, counter("concert_http_server_responses", "API answers, by endpoint and status",
                    new Tag("endpoint", endpoint), new Tag("status", Integer.toString(code))));
            answers = byStatus.get(code);
        }
        answers.inc();
    }

    /**
     * The histogram of one endpoint, exported under Prometheus' histogram names
     * ({@code concert_http_server_request_duration_seconds_bucket{le=...}}, {@code _count}, {@code _sum}) as
     * gauges of counts since the start: see {@link LatencyHistogram} for why not Payara's Timer.
     */
    private LatencyHistogram histogram(String endpoint) {
        LatencyHistogram histogram = new LatencyHistogram();
        String name = "concert_http_server_request_duration_seconds";
        String description = "Time to answer an API request, by endpoint (method and path template), since the start";
        Tag tag = new Tag("endpoint", endpoint);
        for (int bound = 0; bound < LatencyHistogram.BOUNDS.length; bound++) {
            int le = bound;
            gauge(name + "_bucket", MetricUnits.NONE, description, () -> histogram.atMost(le), tag,
                    new Tag("le", LatencyHistogram.label(bound)));
        }
        gauge(name + "_bucket", MetricUnits.NONE, description, histogram::count, tag, new Tag("le", "+Inf"));
        gauge(name + "_count", MetricUnits.NONE, description, histogram::count, tag);
        gauge(name + "_sum", MetricUnits.NONE, description, histogram::sumSeconds, tag);
        return histogram;
    }

    // --- registration ---

    private Counter counter(String name, String description, Tag... tags) {
        Metadata metadata = Metadata.builder().withName(name).withDescription(description).withUnit(MetricUnits.NONE).build();
        return registry.counter(metadata, tags);
    }

    private void gauge(String name, String unit, String description, Supplier<Number> value, Tag... tags) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).withUnit(unit).build(), value, tags);
    }

    /** A gauge of the whole line, the same on every instance: its description says to aggregate it with max. */
    private void cluster(String name, String description, ToDoubleFunction<QueueFigures> value) {
        gauge(name, MetricUnits.NONE, description + " (cluster-wide: aggregate with max)", () -> {
            QueueFigures current = figures();
            return current == null ? Double.NaN : value.applyAsDouble(current);
        });
    }

    /** The line's figures, read at most once a second; null while the store cannot answer (the gauges show NaN). */
    QueueFigures figures() {
        Instant now = clock.instant();
        if (figures == null || now.isAfter(figuresReadAt.plus(FIGURES_FRESH_FOR))) {
            try {
                figures = store.figures();
            } catch (RuntimeException storeDown) {
                figures = null;
            }
            figuresReadAt = now;
        }
        return figures;
    }

    private static Tag tag(String name, Enum<?> value) {
        return new Tag(name, value.name().toLowerCase(Locale.ROOT));
    }
}
