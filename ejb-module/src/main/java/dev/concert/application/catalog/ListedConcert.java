package dev.concert.application.catalog;

import dev.concert.domain.concert.Concert;

/**
 * A concert as the list shows it: no dates. Reading every concert's dates for the list was 40 % of the
 * server's profile samples during the booking journey (documents/performance.md); a fan asks for one concert's dates.
 */
public record ListedConcert(Long id, String title, String venue) {

    static ListedConcert of(Concert concert) {
        return new ListedConcert(concert.id(), concert.title(), concert.venue());
    }
}
