package dev.concert.domain.concert;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The concerts, their dates and seats, as stored. */
public interface ConcertRepository {

    List<Concert> all();

    Optional<Concert> find(long concertId);

    Optional<ConcertDate> findDate(long concertId, LocalDate date);

    /**
     * The dates from {@code today} on with at least one seat available at {@code now}, ascending,
     * counted by the same rule as {@link Seat#statusAt(Instant)}.
     */
    List<DateAvailability> bookableDates(long concertId, LocalDate today, Instant now);

    void add(Concert concert);

    boolean isEmpty();
}
