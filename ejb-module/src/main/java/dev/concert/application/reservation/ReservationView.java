package dev.concert.application.reservation;

import dev.concert.domain.concert.Seat;
import dev.concert.domain.reservation.Reservation;
import dev.concert.domain.reservation.ReservationStatus;
import java.time.Instant;
import java.time.LocalDate;

/** A reservation as its owner sees it at one instant: a lapsed hold shows {@code EXPIRED} at once. */
public record ReservationView(String reservationId, Long concertId, LocalDate date, int seatNumber, long price,
                              ReservationStatus status, Instant heldUntil) {

    public static ReservationView of(Reservation reservation, Instant now) {
        Seat seat = reservation.seat();
        return new ReservationView(reservation.id(), seat.concertDate().concertId(), seat.concertDate().showDate(),
                seat.number().value(), reservation.price(), reservation.statusAt(now), reservation.heldUntil());
    }
}
