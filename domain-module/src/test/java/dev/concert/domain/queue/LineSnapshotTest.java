package dev.concert.domain.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LineSnapshotTest {

    /** Bits in Redis's SETBIT order: offset 0 is the top bit of the first byte. */
    static byte[] redisBits(long first, Iterable<Long> waiting, int bytes) {
        byte[] bits = new byte[bytes];
        for (long arrival : waiting) {
            long offset = arrival - first;
            bits[(int) (offset / 8)] |= (byte) (0x80 >>> (offset % 8));
        }
        return bits;
    }

    @Test
    void positionsCountTheFansWaitingBeforeAndAGapIsNoPlace() {
        TreeSet<Long> waiting = new TreeSet<>(java.util.List.of(17L, 18L, 20L, 31L));
        LineSnapshot line = new LineSnapshot(16, redisBits(16, waiting, 2));

        assertThat(line.position(17)).isEqualTo(1);
        assertThat(line.position(18)).isEqualTo(2);
        assertThat(line.position(19)).as("left the line").isZero();
        assertThat(line.position(20)).isEqualTo(3);
        assertThat(line.position(31)).isEqualTo(4);
        assertThat(line.position(16)).isZero();
        assertThat(line.position(15)).as("before the first bit: admitted or gone").isZero();
        assertThat(line.position(32)).as("after the last byte: not in this snapshot").isZero();
        assertThat(line.position(1_000_000)).isZero();
        assertThat(line.waiting()).isEqualTo(4);
    }

    @Test
    void aLongLineWithGapsGivesTheSameRanksAsASortedSet() {
        Random random = new Random(7);
        long first = 1_000_000;
        TreeSet<Long> waiting = new TreeSet<>();
        for (long arrival = first; arrival < first + 100_003; arrival++) {
            if (random.nextInt(10) < 7) {
                waiting.add(arrival);
            }
        }
        LineSnapshot line = new LineSnapshot(first, redisBits(first, waiting, 100_003 / 8 + 1));
        for (int i = 0; i < 2_000; i++) {
            long arrival = first + random.nextInt(100_003);
            long expected = waiting.contains(arrival) ? waiting.headSet(arrival).size() + 1 : 0;
            assertThat(line.position(arrival)).as("arrival %d", arrival).isEqualTo(expected);
        }
        assertThat(line.position(waiting.first())).isEqualTo(1);
        assertThat(line.position(waiting.last())).isEqualTo(waiting.size());
        assertThat(line.waiting()).isEqualTo(waiting.size());
    }

    @Test
    void anEmptyLineHasNobody() {
        assertThat(LineSnapshot.empty().position(1)).isZero();
        assertThat(LineSnapshot.empty().waiting()).isZero();
        assertThat(new LineSnapshot(5, new byte[0]).position(5)).isZero();
    }
}
