package dev.concert.domain.queue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SortedSet;

/**
 * Who waits in the line at one moment, as one bit per arrival number: what an instance keeps to answer
 * the polls of waiting fans without asking the store. Bit {@code i} of {@code bits} (in Redis's SETBIT
 * order: the most significant bit of the first byte is bit 0) is set while arrival {@code first + i}
 * waits. A fan's position is the number of set bits before theirs, plus one: the same rank the store's
 * sorted set gives, because both are ordered by the arrival number.
 *
 * <p>Built once per refresh in O(bits / 64), then each position costs O(1): a prefix count per 64-bit
 * word, and one word's count.
 */
public final class LineSnapshot {

    private static final LineSnapshot EMPTY = new LineSnapshot(0, new byte[0]);

    private final long first;
    private final long[] words;
    /** Set bits in the words before each word. */
    private final int[] before;
    private final int waiting;
    /** The last arrival waiting in this snapshot; first - 1 when nobody waits. */
    private final long last;

    /**
     * @param first the arrival number of the first bit
     * @param bits  the line's bits from {@code first} on; arrivals past its end do not wait
     */
    public LineSnapshot(long first, byte[] bits) {
        this.first = first;
        byte[] padded = Arrays.copyOf(bits, (bits.length + 7) / 8 * 8);
        this.words = new long[padded.length / 8];
        ByteBuffer.wrap(padded).asLongBuffer().get(words);   // big-endian: bit 0 is a word's top bit
        this.before = new int[words.length];
        int count = 0;
        for (int w = 0; w < words.length; w++) {
            before[w] = count;
            count += Long.bitCount(words[w]);
        }
        this.waiting = count;
        long highest = first - 1;
        for (int w = words.length - 1; w >= 0; w--) {
            if (words[w] != 0) {
                highest = first + 64L * w + 63 - Long.numberOfTrailingZeros(words[w]);
                break;
            }
        }
        this.last = highest;
    }

    public static LineSnapshot empty() {
        return EMPTY;
    }

    /** The line of the given waiting arrival numbers, set in the bits as Redis's SETBIT would set them. */
    public static LineSnapshot of(SortedSet<Long> waiting) {
        if (waiting.isEmpty()) {
            return EMPTY;
        }
        long first = waiting.first();
        byte[] bits = new byte[(int) ((waiting.last() - first) / 8 + 1)];
        for (long arrival : waiting) {
            long offset = arrival - first;
            bits[(int) (offset / 8)] |= (byte) (0x80 >>> (offset % 8));
        }
        return new LineSnapshot(first, bits);
    }

    /** The fan's place in line, 1 for the next to be admitted; 0 when arrival {@code arrival} does not wait. */
    public long position(long arrival) {
        long offset = arrival - first;
        if (arrival < 1 || offset < 0 || offset >= 64L * words.length) {
            return 0;
        }
        int w = (int) (offset >>> 6);
        int bit = (int) (offset & 63);
        long word = words[w];
        if ((word << bit) >= 0) {   // the arrival's bit, moved to the sign, is clear
            return 0;
        }
        long above = bit == 0 ? 0 : Long.bitCount(word >>> (64 - bit));
        return before[w] + above + 1;
    }

    /**
     * Whether arrival {@code arrival} came before this snapshot's last waiting fan, so that a clear bit means
     * the fan no longer waits; past it, a fan may simply have arrived after the snapshot was taken.
     */
    public boolean reaches(long arrival) {
        return arrival <= last;
    }

    /** How many fans wait. */
    public int waiting() {
        return waiting;
    }
}
