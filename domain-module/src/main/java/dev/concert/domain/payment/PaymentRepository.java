package dev.concert.domain.payment;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Payments as stored. */
public interface PaymentRepository {

    void add(Payment payment);

    Optional<Payment> ofReservation(String reservationId);

    /** The payment this user made with this key, if any. */
    Optional<Payment> withKey(String userId, String idempotencyKey);

    /** The payments of these reservations (each has at most one). */
    List<Payment> ofReservations(Collection<String> reservationIds);

    /** The user's payments, newest first. */
    List<Payment> history(String userId);
}
