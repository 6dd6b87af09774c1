package dev.concert.application.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.when;

import dev.concert.domain.concert.Concert;
import dev.concert.domain.concert.ConcertRepository;
import dev.concert.domain.concert.DateAvailability;
import dev.concert.domain.concert.SeatPricing;
import dev.concert.domain.concert.SeatStatus;
import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.Reason;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class ConcertCatalogTest {

    static final Instant NOW = Instant.parse("2026-11-25T23:30:00Z");
    static final LocalDate TODAY = LocalDate.parse("2026-11-25");

    @Mock
    ConcertRepository concerts;

    ConcertCatalog catalog;

    @BeforeEach
    void setUp() {
        catalog = new ConcertCatalog(concerts, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void theListNamesEachConcertAndLeavesItsDatesUnread() {
        Concert concert = org.mockito.Mockito.spy(concert());
        when(concerts.all()).thenReturn(List.of(concert));

        assertThat(catalog.concerts()).containsExactly(new ListedConcert(concert.id(), "T", "V"));
        verify(concert, never()).dates();   // a lazy collection: reading it would be a query per concert
    }

    @Test
    void bookableDatesAskForTodayAndNowFromTheClock() {
        var expected = List.of(new DateAvailability(TODAY.plusDays(3), 37));
        lenient().when(concerts.find(1)).thenReturn(Optional.of(concert()));   // asked only when no date is bookable
        when(concerts.bookableDates(1, TODAY, NOW)).thenReturn(expected);

        assertThat(catalog.bookableDates(1)).containsExactly(
                new DateView(TODAY.plusDays(3), OffsetDateTime.parse("2026-11-28T19:00:00Z"), 37));
    }

    @Test
    void datesOfAnUnknownConcertAreNotFound() {
        when(concerts.find(9)).thenReturn(Optional.empty());

        assertThatThrownBy(() -> catalog.bookableDates(9))
                .isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).reason()).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void seatMapShowsAllFiftySeatsWithTheirStatusNow() {
        Concert concert = concert();
        when(concerts.findDate(1, TODAY.plusDays(3))).thenReturn(Optional.of(concert.dates().get(0)));

        SeatMap map = catalog.seatMap(1, TODAY.plusDays(3));

        org.mockito.Mockito.verify(concerts, org.mockito.Mockito.never()).find(1);   // the date's query says enough

        assertThat(map.date()).isEqualTo(TODAY.plusDays(3));
        assertThat(map.seats()).hasSize(50).allMatch(seat -> seat.status() == SeatStatus.AVAILABLE);
        assertThat(map.seats().get(0).number()).isEqualTo(1);
        assertThat(map.seats().get(0).price()).isEqualTo(88_000);
    }

    @Test
    void aDateTheConcertDoesNotHaveIsNotFound() {
        when(concerts.find(1)).thenReturn(Optional.of(concert()));
        when(concerts.findDate(1, TODAY)).thenReturn(Optional.empty());

        assertThatThrownBy(() -> catalog.seatMap(1, TODAY))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining(TODAY.toString())
                .extracting(e -> ((DomainException) e).reason()).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void schedulingStoresTheConcert() {
        ScheduledConcert scheduled = catalog.schedule("Title", "Venue", List.of(TODAY.plusDays(1)), SeatPricing.flat(1_000));

        verify(concerts).add(any(Concert.class));
        assertThat(scheduled.concert().dates()).containsExactly(TODAY.plusDays(1));
        assertThat(scheduled.dates()).singleElement().satisfies(map -> assertThat(map.seats()).hasSize(50));
    }

    @Test
    void aConcertInThePastIsNeitherScheduledNorStored() {
        assertThatThrownBy(() -> catalog.schedule("T", "V", List.of(TODAY.minusDays(1)), SeatPricing.flat(1_000)))
                .isInstanceOf(DomainException.class);
        verify(concerts, never()).add(any());
    }

    private static Concert concert() {
        return Concert.schedule("T", "V", List.of(TODAY.plusDays(3)), SeatPricing.flat(88_000), TODAY, NOW);
    }
}
