package dev.concert.web.api;

import dev.concert.application.payment.PaymentView;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** The JSON bodies of balances and payments, field for field as the contract names them. */
final class AccountJson {

    private AccountJson() {
    }

    @JsonbPropertyOrder({"userId", "balance"})
    public record BalanceJson(String userId, long balance) {
    }

    @JsonbPropertyOrder({"paymentId", "reservationId", "amount", "status", "paidAt"})
    public record PaymentJson(String paymentId, String reservationId, long amount, String status, Instant paidAt) {
        static PaymentJson of(PaymentView view) {
            return new PaymentJson(view.paymentId(), view.reservationId(), view.amount(), view.status().name(), view.paidAt());
        }
    }
}
