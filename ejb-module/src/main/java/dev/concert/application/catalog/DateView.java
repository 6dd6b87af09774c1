package dev.concert.application.catalog;

import dev.concert.domain.concert.DateAvailability;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** A bookable date as fans see it: the day, when the show starts there, and the seats left. */
public record DateView(LocalDate date, OffsetDateTime startsAt, long availableSeats) {

    static DateView of(DateAvailability date, ZoneId zone) {
        return new DateView(date.date(), date.startsAt(zone), date.availableSeats());
    }
}
