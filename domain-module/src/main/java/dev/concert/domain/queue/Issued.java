package dev.concert.domain.queue;

/** The outcome of asking for a token: the user's ticket, and whether it was made just now. */
public record Issued(QueueTicket ticket, boolean created) {
}
