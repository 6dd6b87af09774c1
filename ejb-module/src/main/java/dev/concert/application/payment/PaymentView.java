package dev.concert.application.payment;

import dev.concert.domain.payment.Payment;
import dev.concert.domain.payment.PaymentStatus;
import java.time.Instant;

/** A payment as its payer sees it; {@code balance} is the payer's balance just after it. */
public record PaymentView(String paymentId, String reservationId, long amount, PaymentStatus status, Instant paidAt,
                          Long balance) {

    public static PaymentView of(Payment payment, Long balance) {
        return new PaymentView(payment.id(), payment.reservationId(), payment.amount(), payment.status(), payment.paidAt(),
                balance);
    }
}
