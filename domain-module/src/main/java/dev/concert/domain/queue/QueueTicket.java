package dev.concert.domain.queue;

import java.time.Instant;
import java.util.Objects;

/**
 * What the queue store knows of one live token at one moment.
 *
 * @param position    1 for the next user to be admitted; 0 once {@link QueueStatus#ACTIVE}
 * @param activeUntil when an active token lapses; null while waiting
 * @param arrival     the fan's arrival number, fixed at first issue (the order of the line); 0 where the
 *                    store did not say
 */
public record QueueTicket(String token, String userId, QueueStatus status, long position, Instant activeUntil,
                          long arrival) {

    public QueueTicket {
        Objects.requireNonNull(token);
        Objects.requireNonNull(userId);
        Objects.requireNonNull(status);
        if (status == QueueStatus.ACTIVE && (position != 0 || activeUntil == null)) {
            throw new IllegalArgumentException("An active ticket has position 0 and an end");
        }
        if (status == QueueStatus.WAITING && (position < 1 || activeUntil != null)) {
            throw new IllegalArgumentException("A waiting ticket has a position from 1 and no end");
        }
    }

    /** The same ticket under the token itself (the store knows it by the token's key only). */
    public QueueTicket withToken(String token) {
        return new QueueTicket(token, userId, status, position, activeUntil, arrival);
    }

    public static QueueTicket waiting(String token, String userId, long position, long arrival) {
        return new QueueTicket(token, userId, QueueStatus.WAITING, position, null, arrival);
    }

    /** A waiting ticket whose arrival number is not known. */
    public static QueueTicket waiting(String token, String userId, long position) {
        return waiting(token, userId, position, 0);
    }

    public static QueueTicket active(String token, String userId, Instant activeUntil) {
        return new QueueTicket(token, userId, QueueStatus.ACTIVE, 0, activeUntil, 0);
    }

    public boolean isActive() {
        return status == QueueStatus.ACTIVE;
    }
}
