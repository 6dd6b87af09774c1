package dev.concert.application.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concert.domain.concert.SeatNumber;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DemoConcertTest {

    @Test
    void autoSeedsOnlyTheEmbeddedDatabase() {
        assertThat(DemoConcert.wanted("auto", "jdbc:h2:./concert-db")).isTrue();
        assertThat(DemoConcert.wanted("auto", "jdbc:mysql://db/concert")).isFalse();
    }

    @Test
    void anOperatorCanAskForOrRefuseDemoData() {
        assertThat(DemoConcert.wanted("TRUE", "jdbc:mysql://db/concert")).isTrue();
        assertThat(DemoConcert.wanted("false", "jdbc:h2:./concert-db")).isFalse();
    }

    @Test
    void demoDatesAreAllInTheFuture() {
        LocalDate today = LocalDate.parse("2026-11-25");
        assertThat(DemoConcert.dates(today)).hasSize(4).allMatch(today::isBefore).isSorted();
    }

    @Test
    void demoPricesFollowTheSections() {
        var pricing = DemoConcert.layout().pricing(java.util.Optional.empty());
        assertThat(pricing.priceOf(SeatNumber.of(1))).isEqualTo(165_000);
        assertThat(pricing.priceOf(SeatNumber.of(30))).isEqualTo(143_000);
        assertThat(pricing.priceOf(SeatNumber.of(50))).isEqualTo(121_000);
    }

    @Test
    void demoSeatsSitInNamedSectionsAndRows() {
        var layout = DemoConcert.layout();
        assertThat(layout.placeOf(SeatNumber.of(1)).section()).contains("VIP");
        assertThat(layout.placeOf(SeatNumber.of(30)).row()).isEqualTo("C");
        assertThat(layout.placeOf(SeatNumber.of(30)).seatInRow()).isEqualTo(10);
        assertThat(layout.placeOf(SeatNumber.of(31)).section()).contains("S");
    }
}
