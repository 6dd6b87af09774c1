package dev.concert.domain.concert;

/** What a fan sees of a seat. A hold whose time has passed is {@link #AVAILABLE} again. */
public enum SeatStatus {
    AVAILABLE,
    HELD,
    SOLD
}
