package dev.concert.domain.concert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concert.domain.shared.DomainException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcertTest {

    static final LocalDate TODAY = LocalDate.parse("2026-11-25");
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void scheduledConcertHasItsDatesInOrderEachWithFiftySeats() {
        Concert concert = Concert.schedule(" IU Golden Hour ", "Olympic Hall",
                List.of(TODAY.plusDays(30), TODAY.plusDays(2)), SeatPricing.flat(99_000), TODAY, NOW);

        assertThat(concert.title()).isEqualTo("IU Golden Hour");
        assertThat(concert.dates()).extracting(ConcertDate::showDate)
                .containsExactly(TODAY.plusDays(2), TODAY.plusDays(30));
        assertThat(concert.dates()).allSatisfy(date -> {
            assertThat(date.seats()).hasSize(50);
            assertThat(date.seats()).extracting(Seat::number).isSorted();
            assertThat(date.availableSeatsAt(NOW)).isEqualTo(50);
        });
    }

    @Test
    void todayCanBeScheduledButNotYesterday() {
        assertThat(Concert.schedule("t", "v", List.of(TODAY), SeatPricing.flat(1), TODAY, NOW).dates()).hasSize(1);
        assertThatThrownBy(() -> Concert.schedule("t", "v", List.of(TODAY.minusDays(1)), SeatPricing.flat(1), TODAY, NOW))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("in the past");
    }

    @Test
    void aDateGivenTwiceIsRefused() {
        assertThatThrownBy(() -> Concert.schedule("t", "v", List.of(TODAY, TODAY), SeatPricing.flat(1), TODAY, NOW))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void aConcertNeedsADate() {
        assertThatThrownBy(() -> Concert.schedule("t", "v", List.of(), SeatPricing.flat(1), TODAY, NOW))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void blankOrOverlongTextIsRefused() {
        List<LocalDate> dates = List.of(TODAY);
        assertThatThrownBy(() -> Concert.schedule("  ", "v", dates, SeatPricing.flat(1), TODAY, NOW))
                .hasMessageContaining("title");
        assertThatThrownBy(() -> Concert.schedule("t", "x".repeat(201), dates, SeatPricing.flat(1), TODAY, NOW))
                .hasMessageContaining("venue");
    }

    @org.junit.jupiter.api.Test
    void titlesArePlainTextThatReadsAsItIs() {
        for (String sneaky : new String[] {"IU\u202Etrecnoc", "IU\u200B Concert", "IU<script>alert(1)</script>",
                "IU\u0000", "IU\ud800", "Line\nbreak", "\uFEFFIU"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Concert.schedule(sneaky, "Hall",
                            java.util.List.of(java.time.LocalDate.parse("2026-12-24")), SeatPricing.flat(1000),
                            java.time.LocalDate.parse("2026-11-25"), java.time.Instant.parse("2026-11-25T00:00:00Z")))
                    .as(sneaky.codePoints().mapToObj(Integer::toHexString).toList().toString())
                    .isInstanceOf(dev.concert.domain.shared.DomainException.class);
        }
        org.assertj.core.api.Assertions.assertThat(Concert.isPlainText("Guns N' Roses \"Live\" 2026 — 서울 & Tokyo 🎸")).isTrue();
    }
}
