package dev.concert.application.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.concert.domain.concert.Concert;
import dev.concert.domain.concert.Seat;
import dev.concert.domain.concert.SeatPricing;
import dev.concert.domain.concert.SeatStatus;
import dev.concert.domain.payment.Payment;
import dev.concert.domain.payment.PaymentRepository;
import dev.concert.domain.reservation.Reservation;
import dev.concert.domain.reservation.ReservationRepository;
import dev.concert.domain.reservation.ReservationStatus;
import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.IdempotencyKey;
import dev.concert.domain.shared.Reason;
import dev.concert.domain.wallet.LedgerEntry;
import dev.concert.domain.wallet.LedgerKind;
import dev.concert.domain.wallet.Wallet;
import dev.concert.domain.wallet.WalletRepository;
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
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class PaymentServiceTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:01:00Z");
    static final String FAN = "6f1c2b0e-8d3a-4c51-9a1e-0b7d2f4e6a10";
    static final String OTHER = "0b7d2f4e-6a10-4c51-9a1e-6f1c2b0e8d3a";
    static final long PRICE = 150_000;

    @Mock
    ReservationRepository reservations;
    @Mock
    WalletRepository wallets;
    @Mock
    PaymentRepository payments;

    Seat seat;
    Reservation hold;
    Wallet wallet;
    PaymentService service;

    @BeforeEach
    void setUp() {
        seat = Concert.schedule("t", "v", List.of(LocalDate.parse("2026-12-24")), SeatPricing.flat(PRICE),
                LocalDate.parse("2026-11-25"), NOW).dates().get(0).seats().get(0);
        hold = Reservation.hold(seat, FAN, NOW.minusSeconds(60), Duration.ofMinutes(5));
        wallet = Wallet.empty(FAN, NOW);
        service = new PaymentService(reservations, wallets, payments, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void holdFoundAndLocked() {
        when(reservations.find(hold.id())).thenReturn(Optional.of(hold));
        when(reservations.lock(hold.id())).thenReturn(Optional.of(hold));
    }

    @Test
    void aPaymentDebitsSellsConfirmsAndLocksInTheDocumentedOrder() {
        holdFoundAndLocked();
        wallet.charge(200_000, Long.MAX_VALUE, NOW);
        when(wallets.lock(FAN, NOW)).thenReturn(wallet);

        PaymentService.Paid paid = service.pay(FAN, hold.id(), Optional.empty());

        assertThat(paid.replayed()).isFalse();
        assertThat(paid.payment().amount()).isEqualTo(PRICE);
        assertThat(paid.payment().paidAt()).isEqualTo(NOW);
        assertThat(wallet.balance()).isEqualTo(50_000);
        assertThat(hold.statusAt(NOW)).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(seat.statusAt(NOW)).isEqualTo(SeatStatus.SOLD);
        ArgumentCaptor<LedgerEntry> entry = ArgumentCaptor.forClass(LedgerEntry.class);
        verify(wallets).add(entry.capture());
        assertThat(entry.getValue().kind()).isEqualTo(LedgerKind.PAYMENT);
        assertThat(entry.getValue().paymentId()).isEqualTo(paid.payment().paymentId());
        InOrder order = inOrder(reservations, wallets, payments);
        order.verify(reservations).lockSeat(seat);
        order.verify(reservations).lock(hold.id());
        order.verify(wallets).lock(FAN, NOW);
        order.verify(payments).add(any(Payment.class));
    }

    @Test
    void tooLowABalanceCancelsTheHoldAndChangesNoMoney() {
        holdFoundAndLocked();
        wallet.charge(PRICE - 1, Long.MAX_VALUE, NOW);
        when(wallets.lock(FAN, NOW)).thenReturn(wallet);

        assertThatThrownBy(() -> service.pay(FAN, hold.id(), Optional.empty())).isInstanceOf(PaymentDeclined.class)
                .hasMessageContaining("cancelled").extracting(e -> ((DomainException) e).reason())
                .isEqualTo(Reason.INSUFFICIENT_BALANCE);
        assertThat(hold.statusAt(NOW)).isEqualTo(ReservationStatus.CANCELLED);
        assertThat(seat.statusAt(NOW)).isEqualTo(SeatStatus.AVAILABLE);
        assertThat(wallet.balance()).isEqualTo(PRICE - 1);
        verify(payments, never()).add(any());
        verify(wallets, never()).add(any());
    }

    @Test
    void aLapsedHoldIsNotPaid() {
        holdFoundAndLocked();
        PaymentService late = new PaymentService(reservations, wallets, payments,
                Clock.fixed(hold.heldUntil(), ZoneOffset.UTC));

        assertThatThrownBy(() -> late.pay(FAN, hold.id(), Optional.empty())).extracting(e -> ((DomainException) e).reason())
                .isEqualTo(Reason.HOLD_EXPIRED);
        verify(wallets, never()).lock(any(), any());
    }

    @Test
    void aPaidHoldIsAlreadyPaid() {
        holdFoundAndLocked();
        hold.confirm(NOW);

        assertThatThrownBy(() -> service.pay(FAN, hold.id(), Optional.empty())).extracting(e -> ((DomainException) e).reason())
                .isEqualTo(Reason.ALREADY_PAID);
    }

    @Test
    void anotherUsersReservationIsNotFound() {
        when(reservations.find(hold.id())).thenReturn(Optional.of(hold));

        assertThatThrownBy(() -> service.pay(OTHER, hold.id(), Optional.empty())).extracting(e -> ((DomainException) e).reason())
                .isEqualTo(Reason.NOT_FOUND);
        verify(reservations, never()).lockSeat(any());
    }

    @Test
    void theSameKeyAnswersTheFirstPaymentAndAnotherBodyIsAConflict() {
        IdempotencyKey key = new IdempotencyKey("k-1");
        Payment first = Payment.of(hold, NOW).requestedWith("k-1", IdempotencyKey.fingerprint("payment", hold.id()));
        when(payments.withKey(FAN, "k-1")).thenReturn(Optional.of(first));

        PaymentService.Paid replay = service.pay(FAN, hold.id(), Optional.of(key));

        assertThat(replay.replayed()).isTrue();
        assertThat(replay.payment().paymentId()).isEqualTo(first.id());
        verify(reservations, never()).lockSeat(any());
        assertThatThrownBy(() -> service.pay(FAN, "r-other", Optional.of(key))).extracting(e -> ((DomainException) e).reason())
                .isEqualTo(Reason.IDEMPOTENCY_CONFLICT);
    }

    @Test
    void aRetryWhoseTokenThePaymentSpentIsAnsweredByKeyAndReservationAndChangesNothing() {
        Payment first = Payment.of(hold, NOW).requestedWith("k-3", IdempotencyKey.fingerprint("payment", hold.id()));
        when(payments.ofReservation(hold.id())).thenReturn(Optional.of(first));
        Wallet wallet = Wallet.empty(FAN, NOW);
        wallet.charge(PRICE + 5, 10_000_000, NOW);
        LedgerEntry debit = wallet.pay(PRICE, first.id(), NOW);
        when(wallets.entryOfPayment(FAN, first.id())).thenReturn(Optional.of(debit));

        PaymentService.Paid replay = service.replayOf(hold.id(), new IdempotencyKey("k-3")).orElseThrow();

        assertThat(replay.replayed()).isTrue();
        assertThat(replay.payment().paymentId()).isEqualTo(first.id());
        assertThat(replay.payment().balance()).as("the balance the payment left").isEqualTo(5);
        assertThat(service.replayOf(hold.id(), new IdempotencyKey("k-other"))).as("another key repeats nothing").isEmpty();
        verify(reservations, never()).lockSeat(any());
        verify(wallets, never()).lock(any(), any());
        verify(payments, never()).add(any());
    }

    @Test
    void aTwinThatPaidWhileThisOneWaitedIsAnsweredAsARetry() {
        holdFoundAndLocked();
        IdempotencyKey key = new IdempotencyKey("k-2");
        Payment twin = Payment.of(hold, NOW).requestedWith("k-2", IdempotencyKey.fingerprint("payment", hold.id()));
        when(payments.withKey(FAN, "k-2")).thenReturn(Optional.empty(), Optional.of(twin));
        when(reservations.lockSeat(seat)).thenAnswer(call -> {
            hold.confirm(NOW); // the twin committed while this request waited for the seat
            return seat;
        });

        PaymentService.Paid paid = service.pay(FAN, hold.id(), Optional.of(key));

        assertThat(paid.replayed()).isTrue();
        assertThat(paid.payment().paymentId()).isEqualTo(twin.id());
        verify(wallets, never()).lock(any(), any());
    }
}
