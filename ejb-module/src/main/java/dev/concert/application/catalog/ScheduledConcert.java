package dev.concert.application.catalog;

import java.util.List;

/** A concert just scheduled, with the seat map of each of its dates. */
public record ScheduledConcert(ConcertSummary concert, List<SeatMap> dates) {
}
