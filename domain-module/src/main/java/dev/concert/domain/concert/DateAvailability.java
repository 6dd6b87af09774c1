package dev.concert.domain.concert;

import java.time.LocalDate;

/** A bookable date of a concert and how many of its seats are available. */
public record DateAvailability(LocalDate date, long availableSeats) {
}
