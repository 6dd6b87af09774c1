package dev.concert.domain.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concert.domain.concert.Concert;
import dev.concert.domain.concert.Seat;
import dev.concert.domain.concert.SeatPricing;
import dev.concert.domain.concert.SeatStatus;
import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.Reason;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReservationTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final Duration HOLD = Duration.ofMinutes(5);
    static final String FAN = "6f1c2b0e-8d3a-4c51-9a1e-0b7d2f4e6a10";
    static final String OTHER = "0b7d2f4e-6a10-4c51-9a1e-6f1c2b0e8d3a";

    final Seat seat = Concert.schedule("t", "v", List.of(LocalDate.parse("2026-12-24")), SeatPricing.flat(150_000),
            LocalDate.parse("2026-11-25"), NOW).dates().get(0).seats().get(11);

    static Reason reasonOf(Runnable action) {
        try {
            action.run();
        } catch (DomainException refused) {
            return refused.reason();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void aHoldHoldsTheSeatForItsUserUntilItsTime() {
        Reservation hold = Reservation.hold(seat, FAN, NOW, HOLD);

        assertThat(hold.id()).startsWith("r-");
        assertThat(hold.statusAt(NOW)).isEqualTo(ReservationStatus.HELD);
        assertThat(hold.heldUntil()).isEqualTo(NOW.plus(HOLD));
        assertThat(hold.price()).isEqualTo(150_000);
        assertThat(seat.statusAt(NOW)).isEqualTo(SeatStatus.HELD);
        assertThat(seat.isHeldBy(FAN, NOW)).isTrue();
    }

    @Test
    void aSecondHoldOnALiveHoldIsRefused() {
        Reservation.hold(seat, FAN, NOW, HOLD);

        assertThat(reasonOf(() -> Reservation.hold(seat, OTHER, NOW.plusSeconds(10), HOLD))).isEqualTo(Reason.SEAT_UNAVAILABLE);
        assertThatThrownBy(() -> Reservation.hold(seat, FAN, NOW.plusSeconds(10), HOLD)).hasMessageContaining("by you");
    }

    @Test
    void aLapsedHoldIsExpiredAtOnceAndTheSeatCanBeHeldAgain() {
        Reservation first = Reservation.hold(seat, FAN, NOW, HOLD);
        Instant lapse = first.heldUntil();

        assertThat(first.statusAt(lapse.minusMillis(1))).isEqualTo(ReservationStatus.HELD);
        assertThat(first.statusAt(lapse)).isEqualTo(ReservationStatus.EXPIRED);
        Reservation second = Reservation.hold(seat, OTHER, lapse, HOLD);
        assertThat(second.statusAt(lapse)).isEqualTo(ReservationStatus.HELD);
    }

    @Test
    void payingConfirmsTheHoldAndSellsTheSeat() {
        Reservation hold = Reservation.hold(seat, FAN, NOW, HOLD);

        hold.confirm(NOW.plusSeconds(60));

        assertThat(hold.statusAt(NOW.plus(Duration.ofDays(365)))).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(seat.statusAt(NOW.plus(Duration.ofDays(365)))).isEqualTo(SeatStatus.SOLD);
        assertThat(reasonOf(() -> hold.confirm(NOW.plusSeconds(61)))).isEqualTo(Reason.ALREADY_PAID);
        assertThat(reasonOf(() -> hold.cancel(NOW.plusSeconds(61)))).isEqualTo(Reason.ALREADY_PAID);
        assertThat(hold.expire(NOW.plus(Duration.ofDays(1)))).isFalse();
    }

    @Test
    void aLapsedHoldCannotBePaid() {
        Reservation hold = Reservation.hold(seat, FAN, NOW, HOLD);

        assertThat(reasonOf(() -> hold.confirm(hold.heldUntil()))).isEqualTo(Reason.HOLD_EXPIRED);
        assertThat(seat.statusAt(hold.heldUntil())).isEqualTo(SeatStatus.AVAILABLE);
    }

    @Test
    void cancellingFreesTheSeatAndIsFinal() {
        Reservation hold = Reservation.hold(seat, FAN, NOW, HOLD);

        hold.cancel(NOW.plusSeconds(5));

        assertThat(hold.statusAt(NOW.plusSeconds(5))).isEqualTo(ReservationStatus.CANCELLED);
        assertThat(seat.statusAt(NOW.plusSeconds(5))).isEqualTo(SeatStatus.AVAILABLE);
        assertThat(reasonOf(() -> hold.confirm(NOW.plusSeconds(6)))).isEqualTo(Reason.HOLD_EXPIRED);
        assertThat(reasonOf(() -> hold.cancel(NOW.plusSeconds(6)))).isEqualTo(Reason.HOLD_EXPIRED);
    }

    @Test
    void expiringClosesOnlyALapsedHold() {
        Reservation hold = Reservation.hold(seat, FAN, NOW, HOLD);

        assertThat(hold.expire(NOW.plusSeconds(1))).isFalse();
        assertThat(seat.statusAt(NOW.plusSeconds(1))).isEqualTo(SeatStatus.HELD);
        assertThat(hold.expire(hold.heldUntil())).isTrue();
        assertThat(hold.expire(hold.heldUntil())).isFalse();
        assertThat(seat.userId()).isNull();
    }

    @Test
    void onlyItsUserOwnsAReservation() {
        Reservation hold = Reservation.hold(seat, FAN, NOW, HOLD);
        assertThat(hold.isOwnedBy(FAN)).isTrue();
        assertThat(hold.isOwnedBy(OTHER)).isFalse();
    }
}
