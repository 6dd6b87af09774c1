package dev.concert.application.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram of one endpoint's answer times: cumulative counts of answers at or under each
 * bound, their number and their sum, counted since the start. Payara's MicroProfile Timer is not used
 * for this: it exports its buckets counted over a decaying sample of about a thousand recent values,
 * which is neither cumulative nor monotonic, so Prometheus' {@code rate()} and
 * {@code histogram_quantile()} over several instances would be wrong. Recording is two striped
 * counter increments and one add, without a lock.
 */
public final class LatencyHistogram {

    /** The buckets' upper bounds, in seconds: 1 ms to 10 s. */
    public static final double[] BOUNDS = {0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final long[] BOUNDS_NANOS = new long[BOUNDS.length];

    static {
        for (int i = 0; i < BOUNDS.length; i++) {
            BOUNDS_NANOS[i] = Math.round(BOUNDS[i] * 1e9);
        }
    }

    /** Answers that fell in bucket i (not cumulative); the last slot holds those above every bound. */
    private final LongAdder[] inBucket = new LongAdder[BOUNDS.length + 1];
    private final LongAdder count = new LongAdder();
    private final LongAdder sumNanos = new LongAdder();

    public LatencyHistogram() {
        for (int i = 0; i < inBucket.length; i++) {
            inBucket[i] = new LongAdder();
        }
    }

    public void record(Duration took) {
        long nanos = Math.max(0, took.toNanos());
        int bucket = 0;
        while (bucket < BOUNDS_NANOS.length && nanos > BOUNDS_NANOS[bucket]) {
            bucket++;
        }
        inBucket[bucket].increment();
        count.increment();
        sumNanos.add(nanos);
    }

    /** Answers that took at most {@code BOUNDS[bound]} seconds (Prometheus' {@code le}). */
    public long atMost(int bound) {
        long total = 0;
        for (int i = 0; i <= bound; i++) {
            total += inBucket[i].sum();
        }
        return total;
    }

    public long count() {
        return count.sum();
    }

    public double sumSeconds() {
        return sumNanos.sum() / 1e9;
    }

    /** The {@code le} label of bound i, as Prometheus writes it ("0.001", "1.0", ...). */
    public static String label(int bound) {
        return Double.toString(BOUNDS[bound]);
    }
}
