package dev.concert.domain.queue;

/**
 * The outcome of asking for a place: the user's ticket (keyed by its token's key), the ticket's id
 * (from which the token is made again), and whether it was made just now.
 */
public record Issued(QueueTicket ticket, String ticketId, boolean created) {
}
