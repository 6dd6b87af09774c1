package dev.concert.application.reservation;

import dev.concert.domain.payment.Payment;
import dev.concert.domain.payment.PaymentRepository;
import dev.concert.domain.reservation.Reservation;
import dev.concert.domain.reservation.ReservationRepository;
import dev.concert.domain.reservation.ReservationStatus;
import dev.concert.application.resilience.UsesDatabase;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A fan's own reservations, for a page that was reloaded or opened in a second tab: the live holds it
 * must show with their countdowns, and the tickets bought. Two reads (reservations with their seats,
 * dates and concerts in one query; the payments of the confirmed ones in another), no lock.
 */
@UsesDatabase
@Stateless
public class ReservationHistory {

    /** A fan has few reservations; a list longer than this is cut to its newest. */
    public static final int MAX_LISTED = 100;

    @Inject
    ReservationRepository reservations;

    @Inject
    PaymentRepository payments;

    @Inject
    Clock clock;

    public ReservationHistory() {
    }

    public ReservationHistory(ReservationRepository reservations, PaymentRepository payments, Clock clock) {
        this.reservations = reservations;
        this.payments = payments;
        this.clock = clock;
    }

    /** The user's newest reservations in {@code status} (as it is now: a lapsed hold is EXPIRED), or all, newest first. */
    public List<ReservationDetails> of(String userId, Optional<ReservationStatus> status) {
        Instant now = clock.instant();
        List<Reservation> found = reservations.ofUser(userId, status, now, MAX_LISTED);
        List<String> confirmed = found.stream()
                .filter(reservation -> reservation.statusAt(now) == ReservationStatus.CONFIRMED)
                .map(Reservation::id)
                .toList();
        Map<String, String> paymentIds = payments.ofReservations(confirmed).stream()
                .collect(Collectors.toMap(Payment::reservationId, Payment::id));
        return found.stream()
                .map(reservation -> ReservationDetails.of(reservation, paymentIds.get(reservation.id()), now,
                        clock.getZone()))
                .toList();
    }
}
