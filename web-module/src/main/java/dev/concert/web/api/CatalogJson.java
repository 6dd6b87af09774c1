package dev.concert.web.api;

import dev.concert.application.catalog.DateView;
import dev.concert.application.catalog.ListedConcert;
import dev.concert.application.catalog.SeatMap;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON bodies of the catalog, field for field as the contract names them. Ids are strings. */
final class CatalogJson {

    private CatalogJson() {
    }

    @JsonbPropertyOrder({"id", "title", "venue"})
    public record ConcertJson(String id, String title, String venue) {
        static ConcertJson of(ListedConcert concert) {
            return new ConcertJson(String.valueOf(concert.id()), concert.title(), concert.venue());
        }
    }

    @JsonbPropertyOrder({"date", "startsAt", "availableSeats"})
    public record DateJson(LocalDate date,
                           @Schema(description = "When the show starts, with the offset where the concerts happen "
                                   + "(catalog.time-zone)", example = "2026-12-24T19:00:00+09:00")
                           OffsetDateTime startsAt,
                           long availableSeats) {
        static DateJson of(DateView date) {
            return new DateJson(date.date(), date.startsAt(), date.availableSeats());
        }
    }

    @JsonbPropertyOrder({"number", "price", "status", "section", "row", "seatInRow"})
    public record SeatJson(int number, long price, String status,
                           @Schema(description = "The seat's section; absent in a hall of one unnamed section",
                                   example = "VIP") String section,
                           @Schema(description = "The seat's row label", example = "A") String row,
                           @Schema(description = "The seat's place in its row, 1 first", example = "3") int seatInRow) {
        static SeatJson of(SeatMap.SeatView seat) {
            return new SeatJson(seat.number(), seat.price(), seat.status().name(), seat.section(), seat.row(),
                    seat.seatInRow());
        }
    }

    @JsonbPropertyOrder({"concertId", "date", "startsAt", "seats"})
    public record SeatMapJson(String concertId, LocalDate date, OffsetDateTime startsAt, List<SeatJson> seats) {
        static SeatMapJson of(SeatMap map) {
            return new SeatMapJson(String.valueOf(map.concertId()), map.date(), map.startsAt(),
                    map.seats().stream().map(SeatJson::of).toList());
        }
    }
}
