package dev.concert.domain.concert;

import dev.concert.domain.shared.DomainException;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** A seat's number on one concert date: every date has exactly the seats 1..50. */
public record SeatNumber(int value) implements Comparable<SeatNumber> {

    public static final int FIRST = 1;
    public static final int LAST = 50;
    public static final int SEATS_PER_DATE = LAST - FIRST + 1;

    public SeatNumber {
        if (value < FIRST || value > LAST) {
            throw DomainException.invalid("Seat number must be between " + FIRST + " and " + LAST + ", was " + value);
        }
    }

    public static SeatNumber of(int value) {
        return new SeatNumber(value);
    }

    /** All seat numbers of a date, in ascending order. */
    public static Stream<SeatNumber> all() {
        return IntStream.rangeClosed(FIRST, LAST).mapToObj(SeatNumber::new);
    }

    @Override
    public int compareTo(SeatNumber other) {
        return Integer.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
