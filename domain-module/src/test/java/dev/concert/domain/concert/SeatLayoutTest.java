package dev.concert.domain.concert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concert.domain.shared.DomainException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeatLayoutTest {

    static final LocalDate TODAY = LocalDate.parse("2026-12-01");
    static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    static SeatLayout.Section section(String name, List<String> rows, int seatsPerRow, Long price) {
        return new SeatLayout.Section(name, rows, seatsPerRow, price);
    }

    static final SeatLayout ARENA = SeatLayout.of(List.of(
            section("VIP", List.of("A"), 10, 200_000L),
            section("R", List.of("B", "C", "D", "E"), 10, 150_000L)));

    @Test
    void theStandardLayoutIsFiveRowsOfTenInOneUnnamedSection() {
        SeatLayout standard = SeatLayout.standard();
        assertThat(standard.placeOf(SeatNumber.of(1)).row()).isEqualTo("A");
        assertThat(standard.placeOf(SeatNumber.of(1)).seatInRow()).isEqualTo(1);
        assertThat(standard.placeOf(SeatNumber.of(23)).row()).isEqualTo("C");
        assertThat(standard.placeOf(SeatNumber.of(23)).seatInRow()).isEqualTo(3);
        assertThat(standard.placeOf(SeatNumber.of(50)).row()).isEqualTo("E");
        assertThat(standard.placeOf(SeatNumber.of(50)).section()).isEmpty();
    }

    @Test
    void sectionsFillTheSeatsInOrderFrontRowFirst() {
        assertThat(ARENA.placeOf(SeatNumber.of(10)).section()).contains("VIP");
        assertThat(ARENA.placeOf(SeatNumber.of(11)).section()).contains("R");
        assertThat(ARENA.placeOf(SeatNumber.of(11)).row()).isEqualTo("B");
        assertThat(ARENA.placeOf(SeatNumber.of(11)).seatInRow()).isEqualTo(1);
    }

    @Test
    void sectionsPriceTheirSeatsWhenEveryOneHasAPrice() {
        SeatPricing pricing = ARENA.pricing(Optional.empty());
        assertThat(pricing.priceOf(SeatNumber.of(10))).isEqualTo(200_000);
        assertThat(pricing.priceOf(SeatNumber.of(11))).isEqualTo(150_000);
    }

    @Test
    void pricesComeFromTheSectionsOrFromTheRequestNeverBothNorNeither() {
        assertThatThrownBy(() -> ARENA.pricing(Optional.of(SeatPricing.flat(1))))
                .isInstanceOf(DomainException.class).hasMessageContaining("leave out seatPrice");
        assertThatThrownBy(() -> SeatLayout.standard().pricing(Optional.empty()))
                .isInstanceOf(DomainException.class).hasMessageContaining("Give seatPrice");
        assertThat(SeatLayout.standard().pricing(Optional.of(SeatPricing.flat(7))).priceOf(SeatNumber.of(50)))
                .isEqualTo(7);
    }

    @Test
    void onlySomeSectionsPricedIsRefused() {
        assertThatThrownBy(() -> SeatLayout.of(List.of(section("VIP", List.of("A"), 10, 1L),
                section("R", List.of("B", "C", "D", "E"), 10, null))))
                .isInstanceOf(DomainException.class).hasMessageContaining("every section");
    }

    @Test
    void theRowsMustHoldExactlyFiftySeats() {
        assertThatThrownBy(() -> SeatLayout.of(List.of(section("R", List.of("A", "B"), 10, null))))
                .hasMessageContaining("exactly 50");
        assertThatThrownBy(() -> SeatLayout.of(List.of(section("R", List.of("A", "B", "C", "D", "E", "F"), 10, null))))
                .hasMessageContaining("exactly 50");
    }

    @Test
    void rowLabelsAreShortUniqueAndPlainAndSectionsAreNamed() {
        assertThatThrownBy(() -> SeatLayout.of(List.of(section("R", List.of("A", "A", "C", "D", "E"), 10, null))))
                .hasMessageContaining("Row 'A' is given twice");
        assertThatThrownBy(() -> SeatLayout.of(List.of(section("R", List.of("<b>", "B", "C", "D", "E"), 10, null))))
                .hasMessageContaining("row label");
        assertThatThrownBy(() -> SeatLayout.of(List.of(section(" ", List.of("A", "B", "C", "D", "E"), 10, null))))
                .hasMessageContaining("needs a name");
        assertThatThrownBy(() -> SeatLayout.of(List.of(section("V\u202EIP", List.of("A", "B", "C", "D", "E"), 10, null))))
                .hasMessageContaining("plain text");
        assertThatThrownBy(() -> SeatLayout.of(List.of(section("R", List.of("A"), 10, null),
                section("R", List.of("B", "C", "D", "E"), 10, null)))).hasMessageContaining("given twice");
        assertThatThrownBy(() -> SeatLayout.of(List.of())).hasMessageContaining("at least one section");
    }

    @Test
    void aDateStartsAtItsLocalTimeWithTheOffsetOfWhereTheConcertsHappen() {
        Concert concert = Concert.schedule("t", "v", List.of(LocalDate.parse("2026-12-24")), LocalTime.of(18, 30), ARENA,
                ARENA.pricing(Optional.empty()), TODAY, NOW);
        ConcertDate date = concert.dates().get(0);
        assertThat(date.startsAt(ZoneId.of("Asia/Seoul"))).hasToString("2026-12-24T18:30+09:00");
        assertThat(date.seats().get(0).place().section()).contains("VIP");
        assertThat(date.seats().get(49).price()).isEqualTo(150_000);
    }

    @Test
    void aConcertWithoutAStartTimeStartsAtSevenInTheEvening() {
        Concert concert = Concert.schedule("t", "v", List.of(LocalDate.parse("2026-12-24")), SeatPricing.flat(1), TODAY, NOW);
        assertThat(concert.dates().get(0).startTime()).isEqualTo(LocalTime.of(19, 0));
        assertThat(new DateAvailability(LocalDate.parse("2026-07-01"), 3).startsAt(ZoneId.of("Europe/London")))
                .hasToString("2026-07-01T19:00+01:00");
    }
}
