package dev.concert.web.api;

import dev.concert.application.reservation.ReservationDetails;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A reservation of the user's list: the reservation's fields, then the concert, the show's start, the seat's place and the payment. */
@JsonbPropertyOrder({"reservationId", "concertId", "date", "seatNumber", "price", "status", "heldUntil", "title", "venue",
        "startsAt", "section", "row", "seatInRow", "paymentId"})
public record ReservationDetailsJson(String reservationId, String concertId, LocalDate date, int seatNumber, long price,
                                     String status, Instant heldUntil, String title, String venue,
                                     @Schema(description = "When the show starts, with the offset where the concerts happen",
                                             example = "2026-12-24T19:00:00+09:00") OffsetDateTime startsAt,
                                     @Schema(description = "The seat's section; absent in a hall of one unnamed section")
                                     String section,
                                     @Schema(description = "The seat's row label") String row,
                                     @Schema(description = "The seat's place in its row, 1 first") int seatInRow,
                                     @Schema(description = "The payment that confirmed it; only on CONFIRMED") String paymentId) {

    static ReservationDetailsJson of(ReservationDetails view) {
        return new ReservationDetailsJson(view.reservationId(), String.valueOf(view.concertId()), view.date(),
                view.seatNumber(), view.price(), view.status().name(), view.heldUntil(), view.title(), view.venue(),
                view.startsAt(), view.section(), view.row(), view.seatInRow(), view.paymentId());
    }
}
