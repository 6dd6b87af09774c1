package dev.concert.application.catalog;

import dev.concert.domain.concert.ConcertDate;
import dev.concert.domain.concert.SeatStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Every seat of one concert date with the status a fan sees at one instant. */
public record SeatMap(Long concertId, LocalDate date, List<SeatView> seats) {

    public record SeatView(int number, long price, SeatStatus status) {
    }

    static SeatMap of(ConcertDate date, Instant now) {
        return new SeatMap(date.concert().id(), date.showDate(), date.seats().stream()
                .map(seat -> new SeatView(seat.number().value(), seat.price(), seat.statusAt(now)))
                .toList());
    }
}
