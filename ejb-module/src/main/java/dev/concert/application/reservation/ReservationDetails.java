package dev.concert.application.reservation;

import dev.concert.domain.concert.ConcertDate;
import dev.concert.domain.concert.Seat;
import dev.concert.domain.concert.SeatPlace;
import dev.concert.domain.reservation.Reservation;
import dev.concert.domain.reservation.ReservationStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * A reservation with what a fan needs to recognise it without another request: the concert's title
 * and venue, when the show starts, where the seat is, and the payment that made it a ticket.
 */
public record ReservationDetails(String reservationId, Long concertId, LocalDate date, int seatNumber, long price,
                                 ReservationStatus status, Instant heldUntil, String title, String venue,
                                 OffsetDateTime startsAt, String section, String row, int seatInRow, String paymentId) {

    static ReservationDetails of(Reservation reservation, String paymentId, Instant now, ZoneId zone) {
        Seat seat = reservation.seat();
        ConcertDate date = seat.concertDate();
        SeatPlace place = seat.place();
        return new ReservationDetails(reservation.id(), date.concert().id(), date.showDate(), seat.number().value(),
                reservation.price(), reservation.statusAt(now), reservation.heldUntil(), date.concert().title(),
                date.concert().venue(), date.startsAt(zone), place.section().orElse(null), place.row(),
                place.seatInRow(), paymentId);
    }
}
