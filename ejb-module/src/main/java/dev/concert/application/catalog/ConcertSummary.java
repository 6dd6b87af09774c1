package dev.concert.application.catalog;

import dev.concert.domain.concert.Concert;
import dev.concert.domain.concert.ConcertDate;
import java.time.LocalDate;
import java.util.List;

/** A concert as listed, with its dates. */
public record ConcertSummary(Long id, String title, String venue, List<LocalDate> dates) {

    static ConcertSummary of(Concert concert) {
        return new ConcertSummary(concert.id(), concert.title(), concert.venue(),
                concert.dates().stream().map(ConcertDate::showDate).toList());
    }
}
