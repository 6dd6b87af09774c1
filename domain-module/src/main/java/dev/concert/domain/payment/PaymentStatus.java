package dev.concert.domain.payment;

/** A payment is {@code COMPLETED} when made; {@code REFUNDED} is kept for refunds by operators. */
public enum PaymentStatus {
    COMPLETED,
    REFUNDED
}
