package dev.concert.web.api;

import dev.concert.application.payment.PaymentView;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON bodies of balances and payments, field for field as the contract names them. */
final class AccountJson {

    private AccountJson() {
    }

    @JsonbPropertyOrder({"userId", "balance"})
    public record BalanceJson(String userId, long balance) {
    }

    @JsonbPropertyOrder({"paymentId", "reservationId", "amount", "status", "paidAt", "balance"})
    public record PaymentJson(String paymentId, String reservationId, long amount, String status, Instant paidAt,
                              @Schema(description = "The payer's balance just after this payment", example = "50000")
                              Long balance) {
        static PaymentJson of(PaymentView view) {
            return new PaymentJson(view.paymentId(), view.reservationId(), view.amount(), view.status().name(), view.paidAt(),
                    view.balance());
        }
    }
}
