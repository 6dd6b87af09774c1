package dev.concert.domain.concert;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** A bookable date of a concert, when its show starts (local time) and how many of its seats are available. */
public record DateAvailability(LocalDate date, LocalTime startTime, long availableSeats) {

    /** A date of a show that starts at the default time. */
    public DateAvailability(LocalDate date, long availableSeats) {
        this(date, Concert.DEFAULT_START, availableSeats);
    }

    /** When the show begins, with the offset of {@code zone} (where the concerts happen) on that day. */
    public OffsetDateTime startsAt(ZoneId zone) {
        return ConcertDate.startsAt(date, startTime, zone);
    }
}
