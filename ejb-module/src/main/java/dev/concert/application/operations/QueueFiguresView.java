package dev.concert.application.operations;

/** The operators' view of the queue and of sales, the same from every instance. */
public record QueueFiguresView(long waiting, long active, long admittedLastMinute, int admitPerSecond, int activeMax,
                               boolean paused, Long estimatedDrainSeconds, long holdsLive, long soldLastMinute) {
}
