package dev.concert.domain.reservation;

import dev.concert.domain.shared.DomainException;

/**
 * The one lock sequence for a change to a fan's existing hold (paying it, cancelling it): the seat's row,
 * then the reservation's, the order every use case keeps (a new hold locks the seat, then the wallet; a
 * payment goes on to the wallet), so no two transactions wait on each other in a cycle.
 */
public final class HoldLock {

    private HoldLock() {
    }

    /**
     * The user's reservation, locked with its seat, read again under the locks.
     *
     * @throws DomainException {@code NOT_FOUND} for a reservation that does not exist or is another user's
     *         (the two are told apart by nobody)
     */
    public static Reservation ownHold(ReservationRepository reservations, String userId, String reservationId) {
        Reservation found = reservations.find(reservationId)
                .filter(reservation -> reservation.isOwnedBy(userId))
                .orElseThrow(() -> DomainException.notFound(Reservation.named(reservationId)));
        reservations.lockSeat(found.seat());
        return reservations.lock(reservationId).orElseThrow();
    }
}
