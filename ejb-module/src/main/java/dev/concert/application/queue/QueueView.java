package dev.concert.application.queue;

import dev.concert.domain.queue.QueueStatus;
import dev.concert.domain.queue.QueueTicket;
import java.time.Instant;

/**
 * A token's status as its user sees it: the ticket, with the wait estimated from the measured
 * admission rate and the advised poll interval.
 *
 * @param estimatedWaitSeconds null while the queue is paused: the wait cannot be told
 */
public record QueueView(String token, String userId, QueueStatus status, long position,
                        Long estimatedWaitSeconds, int pollAfterSeconds, Instant activeUntil) {

    public static QueueView of(QueueTicket ticket, Long estimatedWaitSeconds, int pollAfterSeconds) {
        return new QueueView(ticket.token(), ticket.userId(), ticket.status(), ticket.position(),
                estimatedWaitSeconds, pollAfterSeconds, ticket.activeUntil());
    }

    public boolean isActive() {
        return status == QueueStatus.ACTIVE;
    }

    /** Whether a client that saw {@code before} has something new to see: a new status, a better place, a new end. */
    public boolean isNewsSince(QueueView before) {
        return before == null
                || status != before.status
                || position < before.position
                || !java.util.Objects.equals(activeUntil, before.activeUntil);
    }

    /** The part of the status a client acts on; changes of the estimate alone do not count. */
    public String visibleState() {
        return status.name() + "-" + position + "-" + (activeUntil == null ? 0 : activeUntil.toEpochMilli());
    }
}
