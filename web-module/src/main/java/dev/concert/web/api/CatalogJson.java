package dev.concert.web.api;

import dev.concert.application.catalog.ListedConcert;
import dev.concert.application.catalog.SeatMap;
import dev.concert.domain.concert.DateAvailability;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.LocalDate;
import java.util.List;

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

    @JsonbPropertyOrder({"date", "availableSeats"})
    public record DateJson(LocalDate date, long availableSeats) {
        static DateJson of(DateAvailability date) {
            return new DateJson(date.date(), date.availableSeats());
        }
    }

    @JsonbPropertyOrder({"number", "price", "status"})
    public record SeatJson(int number, long price, String status) {
        static SeatJson of(SeatMap.SeatView seat) {
            return new SeatJson(seat.number(), seat.price(), seat.status().name());
        }
    }

    @JsonbPropertyOrder({"concertId", "date", "seats"})
    public record SeatMapJson(String concertId, LocalDate date, List<SeatJson> seats) {
        static SeatMapJson of(SeatMap map) {
            return new SeatMapJson(String.valueOf(map.concertId()), map.date(),
                    map.seats().stream().map(SeatJson::of).toList());
        }
    }
}
