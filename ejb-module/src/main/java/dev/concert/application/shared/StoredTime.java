package dev.concert.application.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * "Now" for anything a use case stores: whole seconds, so that every time read back is the time first
 * answered. (MySQL Connector/J drops the milliseconds of a time sent to MariaDB 10, whose version
 * string it reads as MySQL 5.5; the contract's times are whole seconds anyway.)
 */
public final class StoredTime {

    private StoredTime() {
    }

    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
