package dev.concert.web.api;

import dev.concert.application.reservation.ReservationView;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.time.LocalDate;

/** A reservation, field for field as the contract names them. */
@JsonbPropertyOrder({"reservationId", "concertId", "date", "seatNumber", "price", "status", "heldUntil"})
public record ReservationJson(String reservationId, String concertId, LocalDate date, int seatNumber, long price,
                              String status, Instant heldUntil) {

    static ReservationJson of(ReservationView view) {
        return new ReservationJson(view.reservationId(), String.valueOf(view.concertId()), view.date(), view.seatNumber(),
                view.price(), view.status().name(), view.heldUntil());
    }
}
