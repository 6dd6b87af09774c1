package dev.concert.domain.payment;

import java.util.List;
import java.util.Optional;

/** Payments as stored. */
public interface PaymentRepository {

    void add(Payment payment);

    Optional<Payment> ofReservation(String reservationId);

    /** The payment this user made with this key, if any. */
    Optional<Payment> withKey(String userId, String idempotencyKey);

    /** The user's payments, newest first. */
    List<Payment> history(String userId);
}
