package dev.concert.application.catalog;

import dev.concert.application.resilience.UsesDatabase;
import dev.concert.domain.concert.Concert;
import dev.concert.domain.concert.ConcertDate;
import dev.concert.domain.concert.ConcertRepository;
import dev.concert.domain.concert.SeatLayout;
import dev.concert.domain.concert.SeatPricing;
import dev.concert.domain.shared.DomainException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What fans browse before they queue (concerts, bookable dates, seat maps) and how operators
 * schedule a concert. Each call is one short transaction; reads lock nothing.
 */
@UsesDatabase
@Stateless
public class ConcertCatalog {

    private static final Logger LOG = Logger.getLogger(ConcertCatalog.class.getName());

    @Inject
    ConcertRepository concerts;

    @Inject
    Clock clock;

    @Inject
    SeatMapCache seatMaps = SeatMapCache.off();

    @Inject
    BookableDatesCache datesCache = BookableDatesCache.off();

    public ConcertCatalog() {
    }

    ConcertCatalog(ConcertRepository concerts, Clock clock) {
        this.concerts = concerts;
        this.clock = clock;
    }

    /** Every concert, oldest first, without its dates (each concert's dates are a query of their own). */
    public List<ListedConcert> concerts() {
        return concerts.all().stream().map(ListedConcert::of).toList();
    }

    /** Dates from today on with at least one available seat, ascending. */
    public List<DateView> bookableDates(long concertId) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        List<DateView> dates = datesCache.get(concertId, today, () -> concerts.bookableDates(concertId, today, now).stream()
                .map(date -> DateView.of(date, clock.getZone()))
                .toList());
        if (dates.isEmpty()) {
            requireConcert(concertId);   // only when there is none: an unknown concert is 404, not an empty list
        }
        return dates;
    }

    /** All 50 seats of a date, as a fan would see them now. */
    public SeatMap seatMap(long concertId, LocalDate date) {
        return seatMaps.get(concertId, date, () -> {
            ConcertDate concertDate = concerts.findDate(concertId, date).orElseThrow(() -> {
                requireConcert(concertId);   // only when there is no such date: which of the two is missing
                return DomainException.notFound("Concert " + concertId + " on " + date);
            });
            return SeatMap.of(concertDate, clock.instant(), clock.getZone());
        });
    }

    /** Schedules a concert with its dates and 50 seats on each; answers with every seat map. */
    public ScheduledConcert schedule(String title, String venue, List<LocalDate> dates, SeatPricing pricing) {
        return schedule(title, venue, dates, Concert.DEFAULT_START, SeatLayout.standard(), Optional.of(pricing));
    }

    /**
     * Schedules a concert whose shows start at {@code startTime} (local time where the concerts happen),
     * with its seats placed by {@code layout} and priced by the layout's sections or by {@code pricing}.
     */
    public ScheduledConcert schedule(String title, String venue, List<LocalDate> dates, LocalTime startTime,
                                     SeatLayout layout, Optional<SeatPricing> pricing) {
        Instant now = clock.instant();
        Concert concert = Concert.schedule(title, venue, dates, startTime, layout, layout.pricing(pricing),
                LocalDate.ofInstant(now, clock.getZone()), now);
        concerts.add(concert);
        LOG.info(() -> "Scheduled concert " + concert.id() + " '" + concert.title() + "' on " + dates.size() + " date(s)");
        return new ScheduledConcert(ConcertSummary.of(concert),
                concert.dates().stream().map(date -> SeatMap.of(date, now, clock.getZone())).toList());
    }

    private void requireConcert(long concertId) {
        if (concerts.find(concertId).isEmpty()) {
            throw DomainException.notFound("Concert " + concertId);
        }
    }
}
