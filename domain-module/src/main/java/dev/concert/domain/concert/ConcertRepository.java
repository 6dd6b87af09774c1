package dev.concert.domain.concert;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The concerts, their dates and seats, as stored. */
public interface ConcertRepository {

    List<Concert> all();

    Optional<Concert> find(long concertId);

    /** A concert date with its seats, read in one go (the seat map); empty when there is no such date. */
    Optional<ConcertDate> findDate(long concertId, LocalDate date);

    /** One seat of a concert date, with its date, read without a lock; empty when there is no such date. */
    Optional<Seat> findSeat(long concertId, LocalDate date, SeatNumber number);

    /**
     * The dates from {@code today} on with at least one seat available at {@code now}, ascending,
     * counted by the same rule as {@link Seat#statusAt(Instant)}.
     */
    List<DateAvailability> bookableDates(long concertId, LocalDate today, Instant now);

    void add(Concert concert);

    boolean isEmpty();
}
