package dev.concert.domain.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.Reason;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WalletTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final long MAX = 10_000_000;

    final Wallet wallet = Wallet.empty("6f1c2b0e-8d3a-4c51-9a1e-0b7d2f4e6a10", NOW);

    @Test
    void aChargeAddsAndIsRecorded() {
        LedgerEntry entry = wallet.charge(50_000, MAX, NOW);

        assertThat(wallet.balance()).isEqualTo(50_000);
        assertThat(entry.kind()).isEqualTo(LedgerKind.CHARGE);
        assertThat(entry.amount()).isEqualTo(50_000);
        assertThat(entry.balanceAfter()).isEqualTo(50_000);
    }

    @Test
    void aChargeIsOneWonToTheLimit() {
        wallet.charge(1, MAX, NOW);
        wallet.charge(MAX, MAX, NOW);
        for (long amount : new long[] {0, -1, MAX + 1, Long.MIN_VALUE}) {
            assertThatThrownBy(() -> wallet.charge(amount, MAX, NOW)).isInstanceOf(DomainException.class)
                    .extracting(e -> ((DomainException) e).reason()).isEqualTo(Reason.VALIDATION_FAILED);
        }
        assertThat(wallet.balance()).isEqualTo(MAX + 1);
    }

    @Test
    void aBalanceCannotOverflow() {
        wallet.charge(Long.MAX_VALUE, Long.MAX_VALUE, NOW);
        assertThatThrownBy(() -> wallet.charge(1, Long.MAX_VALUE, NOW)).isInstanceOf(DomainException.class);
        assertThat(wallet.balance()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aPaymentTakesThePriceAndNamesThePayment() {
        wallet.charge(200_000, MAX, NOW);

        LedgerEntry entry = wallet.pay(150_000, "p-1", NOW);

        assertThat(wallet.balance()).isEqualTo(50_000);
        assertThat(entry.kind()).isEqualTo(LedgerKind.PAYMENT);
        assertThat(entry.amount()).isEqualTo(-150_000);
        assertThat(entry.balanceAfter()).isEqualTo(50_000);
        assertThat(entry.paymentId()).isEqualTo("p-1");
    }

    @Test
    void theBalanceNeverGoesBelowZero() {
        wallet.charge(149_999, MAX, NOW);

        assertThat(wallet.canAfford(150_000)).isFalse();
        assertThatThrownBy(() -> wallet.pay(150_000, "p-1", NOW)).isInstanceOf(DomainException.class)
                .hasMessageContaining("149999").extracting(e -> ((DomainException) e).reason())
                .isEqualTo(Reason.INSUFFICIENT_BALANCE);
        assertThat(wallet.balance()).isEqualTo(149_999);
        wallet.pay(149_999, "p-2", NOW);
        assertThat(wallet.balance()).isZero();
    }
}
