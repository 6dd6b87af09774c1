package dev.concert.application.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.concert.application.metrics.SaleMetrics.Store;
import dev.concert.domain.queue.AdmissionResult;
import dev.concert.domain.queue.QueueFigures;
import dev.concert.domain.queue.QueueSettings;
import dev.concert.domain.queue.QueueStore;
import dev.concert.domain.queue.QueueStoreUnavailable;
import dev.concert.domain.shared.TooManyRequests.Limit;
import dev.concert.infrastructure.queue.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SaleMetricsTest {

    static final QueueSettings SETTINGS = new QueueSettings(100, 1_000, false);

    /** What the registry was given: each counter's count, each gauge, each timer, by "name{tag=value}". */
    final Map<String, long[]> counters = new TreeMap<>();
    final Map<String, Supplier<Number>> gauges = new HashMap<>();
    final QueueStore store = mock(QueueStore.class);
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    SaleMetrics metrics;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void registry() {
        MetricRegistry registry = mock(MetricRegistry.class);
        when(registry.counter(any(Metadata.class), any(Tag[].class))).thenAnswer(call -> {
            long[] count = counters.computeIfAbsent(key(call.getArgument(0), tags(call.getArguments())), name -> new long[1]);
            Counter counter = mock(Counter.class);
            org.mockito.Mockito.doAnswer(inc -> ++count[0]).when(counter).inc();
            org.mockito.Mockito.doAnswer(inc -> count[0] += (long) inc.getArgument(0)).when(counter).inc(org.mockito.ArgumentMatchers.anyLong());
            return counter;
        });
        when(registry.gauge(any(Metadata.class), any(Supplier.class), any(Tag[].class))).thenAnswer(call -> {
            gauges.put(key(call.getArgument(0), tags(call.getArguments())), call.getArgument(1));
            return null;
        });
        when(store.figures()).thenReturn(new QueueFigures(42, 7, 300, SETTINGS));
        metrics = new SaleMetrics(registry, store, clock);
    }

    static Tag[] tags(Object[] arguments) {
        return Arrays.stream(arguments).skip(1).filter(Tag.class::isInstance).map(Tag.class::cast).toArray(Tag[]::new);
    }

    static String key(Metadata metadata, Tag... tags) {
        StringBuilder key = new StringBuilder(metadata.getName());
        for (Tag tag : tags) {
            key.append('{').append(tag.getTagName()).append('=').append(tag.getTagValue()).append('}');
        }
        return key.toString();
    }

    long count(String key) {
        assertThat(counters).as("registered: " + counters.keySet()).containsKey(key);
        return counters.get(key)[0];
    }

    double gauge(String key) {
        assertThat(gauges).as("registered: " + gauges.keySet()).containsKey(key);
        return gauges.get(key).get().doubleValue();
    }

    @Test
    void everyNameIsRegisteredBeforeItsFirstEvent() {
        assertThat(counters).containsKeys("concert_queue_tokens_issued", "concert_queue_status_polls{answer=200}",
                "concert_queue_status_polls{answer=304}", "concert_queue_admitted", "concert_queue_places_abandoned",
                "concert_queue_fans_gone_idle{status=WAITING}", "concert_queue_fans_gone_idle{status=ACTIVE}",
                "concert_reservation_holds{outcome=held}", "concert_reservation_holds{outcome=refused}",
                "concert_reservation_holds_lapsed", "concert_reservation_holds_cancelled{reason=fan}",
                "concert_reservation_holds_cancelled{reason=payment_declined}", "concert_wallet_charges",
                "concert_payments{outcome=completed}", "concert_payments{outcome=declined}",
                "concert_idempotent_replays{operation=charge}", "concert_idempotent_replays{operation=payment}",
                "concert_rate_limited{limit=token_issue}", "concert_rate_limited{limit=writes}", "concert_rate_limited{limit=live_holds}",
                "concert_store_unavailable{store=database}", "concert_store_unavailable{store=queue_store}");
        assertThat(counters.values()).allMatch(count -> count[0] == 0);
        assertThat(gauges).containsKeys("concert_queue_waiting_fans", "concert_queue_active_fans", "concert_queue_active_cap_fans",
                "concert_queue_admission_paused", "concert_store_ready{store=database}", "concert_queue_admission_last_run_timestamp_seconds");
    }

    @Test
    void aReplayIsCountedAsAReplayNotAsMoreMoney() {
        metrics.charged(5_000, false);
        metrics.charged(5_000, true);
        metrics.paid(150_000, false);
        metrics.paid(150_000, true);

        assertThat(count("concert_wallet_charges")).isEqualTo(1);
        assertThat(count("concert_wallet_charged_won")).isEqualTo(5_000);
        assertThat(count("concert_idempotent_replays{operation=charge}")).isEqualTo(1);
        assertThat(count("concert_payments{outcome=completed}")).isEqualTo(1);
        assertThat(count("concert_payments_won")).isEqualTo(150_000);
        assertThat(count("concert_idempotent_replays{operation=payment}")).isEqualTo(1);
    }

    @Test
    void aDeclinedPaymentIsAlsoACancelledHold() {
        metrics.paymentDeclined();

        assertThat(count("concert_payments{outcome=declined}")).isEqualTo(1);
        assertThat(count("concert_reservation_holds_cancelled{reason=payment_declined}")).isEqualTo(1);
        assertThat(count("concert_reservation_holds_cancelled{reason=fan}")).isZero();
    }

    @Test
    void anAdmissionPassCountsItsFansItsLapsesAndItsTime() {
        clock.advance(Duration.ofSeconds(3));
        metrics.admissionPass(new AdmissionResult(12, 2, 40, 200, 500, SETTINGS, 7, 3, 7, 7, 900), Duration.ofMillis(4));
        metrics.admissionPassFailed();

        assertThat(count("concert_queue_admitted")).isEqualTo(12);
        assertThat(count("concert_queue_places_abandoned")).isEqualTo(2);
        assertThat(count("concert_queue_fans_gone_idle{status=WAITING}")).isEqualTo(7);
        assertThat(count("concert_queue_fans_gone_idle{status=ACTIVE}")).isEqualTo(3);
        assertThat(count("concert_queue_admission_passes{result=ok}")).isEqualTo(1);
        assertThat(count("concert_queue_admission_passes{result=failed}")).isEqualTo(1);
        assertThat(gauge("concert_queue_admission_last_pass_fans")).isEqualTo(12);
        assertThat(gauge("concert_queue_admission_last_pass_seconds")).isEqualTo(0.004);
        assertThat(gauge("concert_queue_admission_last_run_timestamp_seconds"))
                .isEqualTo(Instant.parse("2026-12-02T10:00:03Z").getEpochSecond());
    }

    @Test
    void refusalsAreCountedByLimitAndByStore() {
        metrics.rateLimited(Limit.LIVE_HOLDS);
        metrics.storeUnavailable(Store.QUEUE_STORE);
        metrics.lockWaitTimedOut("POST /api/reservations");
        metrics.lockWaitTimedOut("POST /api/reservations");

        assertThat(count("concert_rate_limited{limit=live_holds}")).isEqualTo(1);
        assertThat(count("concert_rate_limited{limit=writes}")).isZero();
        assertThat(count("concert_store_unavailable{store=queue_store}")).isEqualTo(1);
        assertThat(count("concert_database_lock_wait_timeouts{endpoint=POST /api/reservations}")).isEqualTo(2);
    }

    @Test
    void anAnswerIsTimedUnderItsEndpointInCumulativeBucketsAndCountedByStatus() {
        String endpoint = "{endpoint=GET /api/queue/status}";
        metrics.answered("GET /api/queue/status", 200, Duration.ofMillis(3));
        metrics.answered("GET /api/queue/status", 304, Duration.ofNanos(400_000));
        metrics.answered("GET /api/queue/status", 200, Duration.ofSeconds(30));

        assertThat(gauge("concert_http_server_request_duration_seconds_bucket" + endpoint + "{le=0.001}")).isEqualTo(1);
        assertThat(gauge("concert_http_server_request_duration_seconds_bucket" + endpoint + "{le=0.002}")).isEqualTo(1);
        assertThat(gauge("concert_http_server_request_duration_seconds_bucket" + endpoint + "{le=0.005}")).isEqualTo(2);
        assertThat(gauge("concert_http_server_request_duration_seconds_bucket" + endpoint + "{le=10.0}")).isEqualTo(2);
        assertThat(gauge("concert_http_server_request_duration_seconds_bucket" + endpoint + "{le=+Inf}")).isEqualTo(3);
        assertThat(gauge("concert_http_server_request_duration_seconds_count" + endpoint)).isEqualTo(3);
        assertThat(gauge("concert_http_server_request_duration_seconds_sum" + endpoint)).isCloseTo(30.0034, within(1e-9));
        assertThat(count("concert_http_server_responses" + endpoint + "{status=304}")).isEqualTo(1);
        assertThat(count("concert_http_server_responses" + endpoint + "{status=200}")).isEqualTo(2);
        assertThat(count("concert_queue_status_polls{answer=200}")).isEqualTo(2);
        assertThat(count("concert_queue_status_polls{answer=304}")).isEqualTo(1);
    }

    @Test
    void bucketsOnlyEverGrow() {
        LatencyHistogram histogram = new LatencyHistogram();
        long[] before = new long[LatencyHistogram.BOUNDS.length];
        for (int n = 0; n < 5_000; n++) {
            histogram.record(Duration.ofNanos((n * 7_919L) % 3_000_000_000L));
            if (n % 1_000 == 999) {
                for (int bound = 0; bound < before.length; bound++) {
                    assertThat(histogram.atMost(bound)).isGreaterThanOrEqualTo(before[bound]);
                    before[bound] = histogram.atMost(bound);
                }
            }
        }
        assertThat(histogram.atMost(LatencyHistogram.BOUNDS.length - 1)).isEqualTo(histogram.count()).isEqualTo(5_000);
    }

    @Test
    void theLinesFiguresAreReadAtMostOnceASecondAndAreNaNWhileTheStoreIsDown() {
        assertThat(gauge("concert_queue_waiting_fans")).isEqualTo(42);
        assertThat(gauge("concert_queue_active_fans")).isEqualTo(7);
        assertThat(gauge("concert_queue_active_cap_fans")).isEqualTo(1_000);
        assertThat(gauge("concert_queue_admission_paused")).isZero();
        verify(store, times(1)).figures();

        when(store.figures()).thenThrow(new QueueStoreUnavailable("down", new RuntimeException()));
        clock.advance(Duration.ofSeconds(2));
        assertThat(gauge("concert_queue_waiting_fans")).isNaN();
    }

    @Test
    void aStoreIsReadyUntilTheHeartbeatFindsItNot() {
        assertThat(gauge("concert_store_ready{store=queue_store}")).isEqualTo(1);
        metrics.storeReady(Store.QUEUE_STORE, false);
        assertThat(gauge("concert_store_ready{store=queue_store}")).isZero();
        assertThat(gauge("concert_store_ready{store=database}")).isEqualTo(1);
    }
}
