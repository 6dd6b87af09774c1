package dev.concert.application.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.IdempotencyKey;
import dev.concert.domain.shared.Reason;
import dev.concert.domain.wallet.LedgerEntry;
import dev.concert.domain.wallet.Wallet;
import dev.concert.domain.wallet.WalletRepository;
import dev.concert.application.config.Settings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class WalletServiceTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final String FAN = "6f1c2b0e-8d3a-4c51-9a1e-0b7d2f4e6a10";

    @Mock
    WalletRepository wallets;

    WalletService service() {
        return new WalletService(wallets, Settings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aUserWithoutAWalletHasNothing() {
        when(wallets.find(FAN)).thenReturn(Optional.empty());
        assertThat(service().balance(FAN)).isZero();
    }

    @Test
    void aChargeLocksTheWalletAndRecordsTheKey() {
        Wallet wallet = Wallet.empty(FAN, NOW);
        when(wallets.lock(FAN, NOW)).thenReturn(wallet);
        when(wallets.chargeWithKey(FAN, "k-1")).thenReturn(Optional.empty());

        assertThat(service().charge(FAN, 5_000, Optional.of(new IdempotencyKey("k-1"))).balance()).isEqualTo(5_000);

        ArgumentCaptor<LedgerEntry> entry = ArgumentCaptor.forClass(LedgerEntry.class);
        verify(wallets).add(entry.capture());
        assertThat(entry.getValue().madeBy(IdempotencyKey.fingerprint("charge", "5000"))).isTrue();
    }

    @Test
    void aRetryAnswersTheFirstBalanceAndAddsNothing() {
        Wallet wallet = Wallet.empty(FAN, NOW);
        LedgerEntry first = wallet.charge(5_000, 10_000_000, NOW)
                .requestedWith("k-1", IdempotencyKey.fingerprint("charge", "5000"));
        wallet.charge(1_000, 10_000_000, NOW); // a later charge without a key
        when(wallets.lock(FAN, NOW)).thenReturn(wallet);
        when(wallets.chargeWithKey(FAN, "k-1")).thenReturn(Optional.of(first));

        assertThat(service().charge(FAN, 5_000, Optional.of(new IdempotencyKey("k-1"))))
                .as("the first charge's balance, told as a replay").isEqualTo(new WalletService.Charged(5_000, true));
        assertThatThrownBy(() -> service().charge(FAN, 7_000, Optional.of(new IdempotencyKey("k-1"))))
                .extracting(e -> ((DomainException) e).reason()).isEqualTo(Reason.IDEMPOTENCY_CONFLICT);
        verify(wallets, never()).add(any());
        assertThat(wallet.balance()).isEqualTo(6_000);
    }

    @Test
    void aRetryAfterItsTokenWasSpentIsAnsweredWithoutALockOnlyForTheSameAmount() {
        Wallet wallet = Wallet.empty(FAN, NOW);
        LedgerEntry first = wallet.charge(5_000, 10_000_000, NOW)
                .requestedWith("k-1", IdempotencyKey.fingerprint("charge", "5000"));
        when(wallets.chargeWithKey(FAN, "k-1")).thenReturn(Optional.of(first));

        assertThat(service().replayOf(FAN, 5_000, new IdempotencyKey("k-1")))
                .contains(new WalletService.Charged(5_000, true));
        assertThat(service().replayOf(FAN, 7_000, new IdempotencyKey("k-1"))).as("another amount repeats nothing").isEmpty();
        assertThat(service().replayOf(FAN, 5_000, new IdempotencyKey("k-2"))).isEmpty();
        verify(wallets, never()).lock(any(), any());
        verify(wallets, never()).add(any());
    }

    @Test
    void anAmountOutsideTheLimitsIsRefusedBeforeAnyLock() {
        for (long amount : new long[] {0, -1, 10_000_001}) {
            assertThatThrownBy(() -> service().charge(FAN, amount, Optional.empty()))
                    .extracting(e -> ((DomainException) e).reason()).isEqualTo(Reason.VALIDATION_FAILED);
        }
        verify(wallets, never()).lock(any(), any());
    }
}
