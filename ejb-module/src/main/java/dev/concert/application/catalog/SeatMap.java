package dev.concert.application.catalog;

import dev.concert.domain.concert.ConcertDate;
import dev.concert.domain.concert.SeatPlace;
import dev.concert.domain.concert.SeatStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/** Every seat of one concert date with the status a fan sees at one instant, and where each seat is. */
public record SeatMap(Long concertId, LocalDate date, OffsetDateTime startsAt, List<SeatView> seats) {

    /** A seat: its number, price and status, and its section (null in an unnamed hall), row and place in the row. */
    public record SeatView(int number, long price, SeatStatus status, String section, String row, int seatInRow) {
    }

    /** A map with no start time or places, for tests of what keeps maps. */
    public SeatMap(Long concertId, LocalDate date, List<SeatView> seats) {
        this(concertId, date, null, seats);
    }

    static SeatMap of(ConcertDate date, Instant now, ZoneId zone) {
        return new SeatMap(date.concertId(), date.showDate(), date.startsAt(zone), date.seats().stream()
                .map(seat -> {
                    SeatPlace place = seat.place();
                    return new SeatView(seat.number().value(), seat.price(), seat.statusAt(now),
                            place.section().orElse(null), place.row(), place.seatInRow());
                })
                .toList());
    }
}
