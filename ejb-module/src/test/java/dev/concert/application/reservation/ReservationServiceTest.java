package dev.concert.application.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.concert.application.queue.QueueService;
import dev.concert.domain.concert.Concert;
import dev.concert.domain.concert.ConcertRepository;
import dev.concert.domain.concert.Seat;
import dev.concert.domain.concert.SeatNumber;
import dev.concert.domain.concert.SeatPricing;
import dev.concert.domain.reservation.Reservation;
import dev.concert.domain.reservation.ReservationRepository;
import dev.concert.domain.reservation.ReservationStatus;
import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.Reason;
import dev.concert.domain.shared.TooManyRequests;
import dev.concert.domain.wallet.WalletRepository;
import dev.concert.application.config.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.InOrder;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class ReservationServiceTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00.400Z");
    static final Instant SECOND = Instant.parse("2026-11-25T10:00:00Z");
    static final LocalDate SHOW = LocalDate.parse("2026-12-24");
    static final String FAN = "6f1c2b0e-8d3a-4c51-9a1e-0b7d2f4e6a10";
    static final String OTHER = "0b7d2f4e-6a10-4c51-9a1e-6f1c2b0e8d3a";
    static final String TOKEN = "the-fans-queue-token";

    @Mock
    ConcertRepository concerts;
    @Mock
    ReservationRepository reservations;
    @Mock
    WalletRepository wallets;
    @Mock
    QueueService queue;

    Seat seat;
    ReservationService service;

    @BeforeEach
    void setUp() {
        seat = Concert.schedule("t", "v", List.of(SHOW), SeatPricing.flat(150_000), SHOW.minusDays(30), NOW)
                .dates().get(0).seats().get(11);
        service = new ReservationService(concerts, reservations, wallets, queue, Settings.defaults().withMaxHoldsPerUser(2),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void seatFound() {
        when(concerts.findSeat(1L, SHOW, SeatNumber.of(12))).thenReturn(Optional.of(seat));
    }

    @Test
    void aHoldLocksTheSeatThenTheWalletAndLastsTheHoldTimeInWholeSeconds() {
        seatFound();
        when(reservations.lockSeat(seat)).thenReturn(seat);
        when(queue.keepActive(eq(TOKEN), any())).thenReturn(true);

        ReservationView held = service.hold(FAN, TOKEN, 1L, SHOW, 12);

        assertThat(held.status()).isEqualTo(ReservationStatus.HELD);
        assertThat(held.seatNumber()).isEqualTo(12);
        assertThat(held.heldUntil()).isEqualTo(SECOND.plusSeconds(300));
        InOrder order = inOrder(reservations, wallets);
        order.verify(reservations).lockSeat(seat);
        order.verify(reservations).expireLapsedHoldOn(seat, SECOND);
        order.verify(wallets).lockWithoutReading(FAN, SECOND);
        order.verify(reservations).add(any(Reservation.class));
    }

    @Test
    void aHoldKeepsTheFansTokenActiveUntilTheHoldLapsesBeforeItsTransactionEnds() {
        seatFound();
        when(reservations.lockSeat(seat)).thenReturn(seat);
        when(queue.keepActive(eq(TOKEN), any())).thenReturn(true);

        ReservationView held = service.hold(FAN, TOKEN, 1L, SHOW, 12);

        InOrder order = inOrder(reservations, queue);
        order.verify(reservations).add(any(Reservation.class));
        // from the time the hold was decided (the whole second) to its end, and the clocks' margin
        order.verify(queue).keepActive(TOKEN, Duration.between(SECOND, held.heldUntil()).plus(ReservationService.CLOCK_MARGIN));
    }

    @Test
    void aTokenThatLapsedMeanwhileMakesNoHold() {
        seatFound();
        when(reservations.lockSeat(seat)).thenReturn(seat);
        when(queue.keepActive(eq(TOKEN), any())).thenReturn(false);

        assertThatThrownBy(() -> service.hold(FAN, TOKEN, 1L, SHOW, 12)).isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).reason()).isEqualTo(Reason.TOKEN_INVALID);
    }

    @Test
    void aTakenSeatIsRefusedWithoutWaitingForItsLock() {
        seat.hold(OTHER, NOW.plusSeconds(60), NOW);
        seatFound();

        assertThatThrownBy(() -> service.hold(FAN, TOKEN, 1L, SHOW, 12)).isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).reason()).isEqualTo(Reason.SEAT_UNAVAILABLE);
        verify(reservations, never()).lockSeat(any());
    }

    @Test
    void aSeatTakenWhileWaitingForTheLockIsRefused() {
        seatFound();
        when(reservations.lockSeat(seat)).thenAnswer(call -> {
            seat.hold(OTHER, NOW.plusSeconds(60), NOW); // the other hold committed first
            return seat;
        });

        assertThatThrownBy(() -> service.hold(FAN, TOKEN, 1L, SHOW, 12)).isInstanceOf(DomainException.class)
                .hasMessageContaining("another user");
        verify(reservations, never()).add(any());
    }

    @Test
    void aUserAtTheLimitIsToldWhenTheFirstHoldLapses() {
        seatFound();
        when(reservations.lockSeat(seat)).thenReturn(seat);
        when(reservations.liveHoldsOf(FAN, SECOND)).thenReturn(List.of(SECOND.plusSeconds(42), SECOND.plusSeconds(200)));

        assertThatThrownBy(() -> service.hold(FAN, TOKEN, 1L, SHOW, 12)).isInstanceOf(TooManyRequests.class)
                .hasMessageContaining("2 seat(s)")
                .extracting(e -> ((TooManyRequests) e).retryAfterSeconds()).isEqualTo(42L);
        verify(reservations, never()).add(any());
    }

    @Test
    void anUnknownDateOrAPastOneIsBadInput() {
        when(concerts.findSeat(eq(1L), any(), any())).thenReturn(Optional.empty());
        assertThatThrownBy(() -> service.hold(FAN, TOKEN, 1L, SHOW, 12)).extracting(e -> ((DomainException) e).reason())
                .isEqualTo(Reason.VALIDATION_FAILED);

        LocalDate yesterday = LocalDate.parse("2026-11-24");
        when(concerts.findSeat(1L, yesterday, SeatNumber.of(12))).thenReturn(Optional.of(seat));
        assertThatThrownBy(() -> service.hold(FAN, TOKEN, 1L, yesterday, 12)).hasMessageContaining("has passed");
        assertThatThrownBy(() -> service.hold(FAN, TOKEN, 1L, SHOW, 51)).extracting(e -> ((DomainException) e).reason())
                .isEqualTo(Reason.VALIDATION_FAILED);
    }

    @Test
    void anotherUsersReservationIsNotFound() {
        Reservation hold = Reservation.hold(seat, OTHER, SECOND, Duration.ofMinutes(5));
        when(reservations.find(hold.id())).thenReturn(Optional.of(hold));

        assertThatThrownBy(() -> service.find(FAN, hold.id())).extracting(e -> ((DomainException) e).reason())
                .isEqualTo(Reason.NOT_FOUND);
        assertThatThrownBy(() -> service.cancel(FAN, hold.id())).extracting(e -> ((DomainException) e).reason())
                .isEqualTo(Reason.NOT_FOUND);
        assertThat(service.find(OTHER, hold.id()).status()).isEqualTo(ReservationStatus.HELD);
    }

    @Test
    void cancellingLocksTheSeatFirstAndFreesIt() {
        Reservation hold = Reservation.hold(seat, FAN, SECOND, Duration.ofMinutes(5));
        when(reservations.find(hold.id())).thenReturn(Optional.of(hold));
        when(reservations.lock(hold.id())).thenReturn(Optional.of(hold));

        ReservationView cancelled = service.cancel(FAN, hold.id());

        assertThat(cancelled.status()).isEqualTo(ReservationStatus.CANCELLED);
        assertThat(seat.isAvailableAt(NOW)).isTrue();
        InOrder order = inOrder(reservations);
        order.verify(reservations).lockSeat(seat);
        order.verify(reservations).lock(hold.id());
    }
}
