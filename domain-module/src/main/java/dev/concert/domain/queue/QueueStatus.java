package dev.concert.domain.queue;

/** Where a queue token stands: still in line, or admitted to book until its time runs out. */
public enum QueueStatus {
    WAITING,
    ACTIVE
}
