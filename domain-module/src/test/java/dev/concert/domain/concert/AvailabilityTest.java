package dev.concert.domain.concert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvailabilityTest {

    static final LocalDate TODAY = LocalDate.parse("2026-11-25");
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final String FAN = "6f1c2b0e-8d3a-4c51-9a1e-0b7d2f4e6a10";

    private ConcertDate date(LocalDate day) {
        return Concert.schedule("t", "v", List.of(day), SeatPricing.flat(10_000), TODAY, NOW).dates().get(0);
    }

    private Seat seat(ConcertDate date, int number) {
        return date.seats().get(number - 1);
    }

    @Test
    void aLiveHoldIsHeldAndNotCounted() {
        ConcertDate date = date(TODAY.plusDays(1));
        seat(date, 12).hold(FAN, NOW.plusSeconds(300), NOW);

        assertThat(seat(date, 12).statusAt(NOW)).isEqualTo(SeatStatus.HELD);
        assertThat(date.availableSeatsAt(NOW)).isEqualTo(49);
    }

    @Test
    void aHoldIsAvailableAgainTheMomentItLapsesWithoutASweep() {
        ConcertDate date = date(TODAY.plusDays(1));
        Instant until = NOW.plusSeconds(300);
        seat(date, 12).hold(FAN, until, NOW);

        assertThat(seat(date, 12).statusAt(until.minusMillis(1))).isEqualTo(SeatStatus.HELD);
        assertThat(seat(date, 12).statusAt(until)).isEqualTo(SeatStatus.AVAILABLE);
        assertThat(date.availableSeatsAt(until)).isEqualTo(50);
    }

    @Test
    void aSoldSeatStaysSoldForever() {
        ConcertDate date = date(TODAY.plusDays(1));
        seat(date, 1).sell(FAN);

        assertThat(seat(date, 1).statusAt(NOW.plusSeconds(86_400 * 365L))).isEqualTo(SeatStatus.SOLD);
        assertThat(date.availableSeatsAt(NOW)).isEqualTo(49);
    }

    @Test
    void aSoldOutDateIsNotBookable() {
        ConcertDate date = date(TODAY.plusDays(1));
        date.seats().forEach(seat -> seat.sell(FAN));

        assertThat(date.isBookable(TODAY, NOW)).isFalse();
    }

    @Test
    void aPastDateIsNotBookableButTodayIs() {
        ConcertDate today = date(TODAY);
        assertThat(today.isBookable(TODAY, NOW)).isTrue();
        assertThat(today.isBookable(TODAY.plusDays(1), NOW)).isFalse();
    }
}
