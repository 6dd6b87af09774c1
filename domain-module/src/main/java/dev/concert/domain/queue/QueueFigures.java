package dev.concert.domain.queue;

/** The queue's live figures, the same from every instance. */
public record QueueFigures(long waiting, long active, long admittedLastMinute, QueueSettings settings) {
}
