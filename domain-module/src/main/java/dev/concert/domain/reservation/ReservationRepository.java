package dev.concert.domain.reservation;

import dev.concert.domain.concert.Seat;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reservations as stored, and the seat locks their changes need. */
public interface ReservationRepository {

    Optional<Reservation> find(String reservationId);

    /**
     * The seat with its row locked ({@code PESSIMISTIC_WRITE}) until the transaction ends, read
     * fresh from the database. Waits for another holder of the lock, up to the database's lock timeout.
     */
    Seat lockSeat(Seat seat);

    /** The reservation, read fresh, with its row locked until the transaction ends. */
    Optional<Reservation> lock(String reservationId);

    /**
     * Closes the seat's lapsed hold, if a sweep has not yet, so that a new hold can take the seat's
     * place in the unique key. Call with the seat locked.
     */
    void expireLapsedHoldOn(Seat seat, Instant now);

    /**
     * The user's newest {@code limit} reservations, newest first, in {@code status} as it is at {@code now}
     * (a lapsed hold is EXPIRED at once), or in any status; each with its seat, date and concert read with it.
     */
    List<Reservation> ofUser(String userId, Optional<ReservationStatus> status, Instant now, int limit);

    /** When each of the user's live holds (HELD, not lapsed at {@code now}) lapses, earliest first. */
    List<Instant> liveHoldsOf(String userId, Instant now);

    /**
     * Stores a new reservation at once.
     *
     * @throws dev.concert.domain.shared.DomainException {@code SEAT_UNAVAILABLE} when the database
     *         refuses a second live reservation of the seat
     */
    void add(Reservation reservation);

    /**
     * Closes up to {@code limit} holds lapsed at {@code now} (reservation EXPIRED, seat AVAILABLE)
     * and answers how many seats it freed. Skips seats another transaction has locked: safe when every instance
     * runs it at once; a skipped hold is closed by a later run.
     */
    int expireLapsed(Instant now, int limit);
}
