package dev.concert.application.payment;

import dev.concert.application.catalog.BookableDatesCache;
import dev.concert.application.catalog.SeatMapCache;
import dev.concert.application.resilience.UsesDatabase;
import dev.concert.domain.payment.Payment;
import dev.concert.domain.payment.PaymentRepository;
import dev.concert.domain.reservation.HoldLock;
import dev.concert.domain.reservation.Reservation;
import dev.concert.domain.reservation.ReservationRepository;
import dev.concert.domain.reservation.ReservationStatus;
import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.IdempotencyKey;
import dev.concert.domain.shared.IdempotentRequest;
import dev.concert.application.shared.StoredTime;
import dev.concert.domain.wallet.LedgerEntry;
import dev.concert.domain.wallet.Wallet;
import dev.concert.domain.wallet.WalletRepository;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Payments (결제). One payment is one container-managed transaction that locks, always in this order,
 * the seat's row, the reservation's row and the payer's wallet row (the order every use case keeps,
 * so no two transactions wait on each other in a cycle); checks the hold is the payer's and live;
 * debits the wallet; writes the payment; sells the seat; confirms the reservation. The caller
 * expires the queue token after the commit.
 */
@UsesDatabase
@Stateless
public class PaymentService {

    /** Told of every change of seats, so that the seat maps show it. */
    @Inject
    SeatMapCache seatMaps = SeatMapCache.off();

    /** Told of a seat a declined payment gives back, so that the bookable dates' counts show it. */
    @Inject
    BookableDatesCache dates = BookableDatesCache.off();

    @Inject
    ReservationRepository reservations;

    @Inject
    WalletRepository wallets;

    @Inject
    PaymentRepository payments;

    @Inject
    Clock clock;

    public PaymentService() {
    }

    public PaymentService(ReservationRepository reservations, WalletRepository wallets, PaymentRepository payments, Clock clock) {
        this.reservations = reservations;
        this.wallets = wallets;
        this.payments = payments;
        this.clock = clock;
    }

    /** The outcome of {@link #pay}: the payment, and whether this request made it or repeated it. */
    public record Paid(PaymentView payment, boolean replayed) {
    }

    /**
     * Pays the user's live hold from their balance.
     *
     * @throws DomainException {@code NOT_FOUND} for a reservation that is not the user's;
     *         {@code HOLD_EXPIRED} when the hold lapsed or was cancelled; {@code ALREADY_PAID} when
     *         paid before (with the same key the original payment is answered instead);
     *         {@code IDEMPOTENCY_CONFLICT} for a key used before for another reservation
     * @throws PaymentDeclined when the balance is too low: the hold is cancelled, and that commits
     */
    public Paid pay(String userId, String reservationId, Optional<IdempotencyKey> key) {
        Instant now = StoredTime.now(clock);
        String fingerprint = IdempotencyKey.fingerprint("payment", reservationId);
        Optional<Paid> replay = replay(userId, key, fingerprint);
        if (replay.isPresent()) {
            return replay.get();
        }
        Reservation reservation = HoldLock.ownHold(reservations, userId, reservationId);
        now = StoredTime.now(clock);   // decide on the time the locks were taken
        if (reservation.statusAt(now) == ReservationStatus.CONFIRMED) {
            // a twin request with the same key may have paid while this one waited for the seat
            replay = replay(userId, key, fingerprint);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        reservation.requirePayable(now);
        Wallet wallet = wallets.lock(userId, now);
        if (!wallet.canAfford(reservation.price())) {
            reservation.cancel(now);
            seatMaps.changed();
            dates.seatsChanged(reservation.seat().concertDate(), +1);
            throw new PaymentDeclined(wallet.insufficient(reservation.price()).getMessage()
                    + ". The hold is cancelled and the seat is free again.");
        }
        Payment payment = Payment.of(reservation, now);
        key.ifPresent(k -> payment.requestedWith(k.value(), fingerprint));
        LedgerEntry debit = wallet.pay(reservation.price(), payment.id(), now);
        wallets.add(debit);
        reservation.confirm(now);
        seatMaps.changed();
        payments.add(payment);
        return new Paid(PaymentView.of(payment, debit.balanceAfter()), false);
    }

    /**
     * The payment this key made for this reservation, answered again to whoever sends both (the key and
     * the reservation's id are the payer's secrets): the retry of a payment whose answer was lost, after
     * the payment spent the token. Empty when the key made no payment of this reservation; changes nothing.
     */
    public Optional<Paid> replayOf(String reservationId, IdempotencyKey key) {
        return payments.ofReservation(reservationId)
                .filter(payment -> payment.madeWithKey(key.value()))
                .map(this::replayed);
    }

    /** A payment answered again, with the balance its debit left. */
    private Paid replayed(Payment payment) {
        Long left = wallets.entryOfPayment(payment.userId(), payment.id()).map(LedgerEntry::balanceAfter).orElse(null);
        return new Paid(PaymentView.of(payment, left), true);
    }

    private Optional<Paid> replay(String userId, Optional<IdempotencyKey> key, String fingerprint) {
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return IdempotentRequest.retryOf(payments.withKey(userId, key.get().value()), fingerprint).map(this::replayed);
    }

    /** The user's payments, newest first, each with the balance it left. */
    public List<PaymentView> history(String userId) {
        Map<String, Long> left = wallets.paymentEntriesOf(userId).stream()
                .collect(Collectors.toMap(LedgerEntry::paymentId, LedgerEntry::balanceAfter, (first, second) -> first));
        return payments.history(userId).stream().map(payment -> PaymentView.of(payment, left.get(payment.id()))).toList();
    }
}
