package dev.concert.domain.reservation;

/**
 * Where a hold stands. {@code HELD} is the only state that changes: to {@code CONFIRMED} when paid,
 * {@code EXPIRED} when its time passes, {@code CANCELLED} when the user lets it go or a payment is
 * declined. The other three are final.
 */
public enum ReservationStatus {
    HELD,
    CONFIRMED,
    EXPIRED,
    CANCELLED
}
