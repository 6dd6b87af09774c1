package dev.concert.infrastructure.queue;

import java.util.Arrays;

/**
 * Ranks in the line of the in-process store, in O(log n): a Fenwick tree over arrival numbers
 * (1, 2, 3, ...) marking who still waits. The rank of arrival {@code s} is how many of arrivals
 * 1..s still wait. Not thread-safe: the store serialises access.
 */
final class ArrivalRanks {

    private long[] tree = new long[1024];

    void add(long arrival) {
        update(arrival, 1);
    }

    void remove(long arrival) {
        update(arrival, -1);
    }

    /** How many still-waiting arrivals are numbered {@code arrival} or lower. */
    long rank(long arrival) {
        long sum = 0;
        for (long i = Math.min(arrival, tree.length - 1L); i > 0; i -= i & -i) {
            sum += tree[(int) i];
        }
        return sum;
    }

    private void update(long arrival, long delta) {
        if (arrival < 1) {
            throw new IllegalArgumentException("arrivals are numbered from 1");
        }
        while (arrival >= tree.length) {
            grow();
        }
        for (long i = arrival; i < tree.length; i += i & -i) {
            tree[(int) i] += delta;
        }
    }

    /**
     * Doubles the tree. The size is a power of two, so the one new node that covers old arrivals is
     * the first of the upper half, covering all of them; every other new node covers only arrivals
     * not yet made.
     */
    private void grow() {
        int oldLength = tree.length;
        long total = rank(oldLength - 1L);
        tree = Arrays.copyOf(tree, oldLength * 2);
        tree[oldLength] = total;
    }
}
