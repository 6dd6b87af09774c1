package dev.concert.domain.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LineSnapshotTest {

    /** Bits in Redis's SETBIT order: offset 0 is the top bit of the first byte. */
    @Test
    void positionsCountTheFansWaitingBeforeAndAGapIsNoPlace() {
        // as Redis's SETBIT sets them from arrival 16: bit 0 is the first byte's most significant bit
        LineSnapshot line = new LineSnapshot(16, new byte[] {0b0110_1000, 0b0000_0001});   // 17, 18, 20 and 31

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
        LineSnapshot line = LineSnapshot.of(waiting);
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
    void aLineBuiltFromArrivalsHasTheBitsRedisWouldHave() {
        LineSnapshot built = LineSnapshot.of(new TreeSet<>(java.util.List.of(17L, 18L, 20L, 31L)));
        LineSnapshot redis = new LineSnapshot(17, new byte[] {(byte) 0b1101_0000, 0b0000_0010});

        for (long arrival = 10; arrival < 40; arrival++) {
            assertThat(built.position(arrival)).as("arrival %d", arrival).isEqualTo(redis.position(arrival));
        }
        assertThat(LineSnapshot.of(new TreeSet<>()).waiting()).isZero();
    }

    @Test
    void aSnapshotReachesUpToItsLastWaitingFan() {
        LineSnapshot line = LineSnapshot.of(new TreeSet<>(java.util.List.of(17L, 18L, 20L, 131L)));

        assertThat(line.reaches(5)).as("admitted or gone before it").isTrue();
        assertThat(line.reaches(19)).as("a gap: left").isTrue();
        assertThat(line.reaches(131)).isTrue();
        assertThat(line.reaches(132)).as("arrived after it, or not at all").isFalse();
        assertThat(LineSnapshot.empty().reaches(1)).isFalse();
        assertThat(new LineSnapshot(16, new byte[] {0, 0}).reaches(16)).as("nobody waits: nothing to tell").isFalse();
    }

    @Test
    void anEmptyLineHasNobody() {
        assertThat(LineSnapshot.empty().position(1)).isZero();
        assertThat(LineSnapshot.empty().waiting()).isZero();
        assertThat(new LineSnapshot(5, new byte[0]).position(5)).isZero();
    }
}
