package dev.concert.application.wallet;

import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.IdempotencyKey;
import dev.concert.domain.shared.IdempotentRequest;
import dev.concert.application.shared.StoredTime;
import dev.concert.domain.wallet.LedgerEntry;
import dev.concert.domain.wallet.Wallet;
import dev.concert.domain.wallet.WalletRepository;
import dev.concert.application.config.Settings;
import dev.concert.application.resilience.UsesDatabase;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Prepaid balances (잔액): read one, charge one. A charge locks the wallet's row, adds a ledger entry
 * and the new balance in one transaction: concurrent charges queue on the row, none is lost.
 */
@UsesDatabase
@Stateless
public class WalletService {

    @Inject
    WalletRepository wallets;

    @Inject
    Settings settings;

    @Inject
    Clock clock;

    public WalletService() {
    }

    public WalletService(WalletRepository wallets, Settings settings, Clock clock) {
        this.wallets = wallets;
        this.settings = settings;
        this.clock = clock;
    }

    /** The outcome of {@link #charge}: the balance after it, and whether this request made it or repeated it. */
    public record Charged(long balance, boolean replayed) {
    }

    /** The balance in won; 0 for a user who never charged. */
    public long balance(String userId) {
        return wallets.find(userId).map(Wallet::balance).orElse(0L);
    }

    /**
     * The charge this key made for this user with this amount, answered again (the balance it left):
     * the retry of a charge whose token lapsed or was spent meanwhile. Empty when the key made no such
     * charge; changes nothing and locks nothing.
     */
    public Optional<Charged> replayOf(String userId, long amount, IdempotencyKey key) {
        String fingerprint = fingerprint(amount);
        return wallets.chargeWithKey(userId, key.value())
                .filter(first -> first.madeBy(fingerprint))
                .map(first -> new Charged(first.balanceAfter(), true));
    }

    /** What identifies a charge's request under its key: the amount. */
    private static String fingerprint(long amount) {
        return IdempotencyKey.fingerprint("charge", Long.toString(amount));
    }

    /**
     * Adds {@code amount} won and answers the new balance. With a key, a retry of the same charge
     * answers the balance the first one left and changes nothing.
     *
     * @throws DomainException {@code VALIDATION_FAILED} for an amount outside 1..{@code wallet.max-charge};
     *         {@code IDEMPOTENCY_CONFLICT} for a key used before with another amount
     */
    public Charged charge(String userId, long amount, Optional<IdempotencyKey> key) {
        Wallet.requireChargeable(amount, settings.maxCharge());   // before the wallet is locked: bad input locks nothing
        Instant now = StoredTime.now(clock);
        String fingerprint = fingerprint(amount);
        Wallet wallet = wallets.lock(userId, now);
        if (key.isPresent()) {
            // looked up under the wallet's lock: a retry racing its original finds it here
            Optional<LedgerEntry> first = IdempotentRequest.retryOf(wallets.chargeWithKey(userId, key.get().value()), fingerprint);
            if (first.isPresent()) {
                return new Charged(first.get().balanceAfter(), true);
            }
        }
        LedgerEntry entry = wallet.charge(amount, settings.maxCharge(), now);
        key.ifPresent(k -> entry.requestedWith(k.value(), fingerprint));
        wallets.add(entry);
        return new Charged(wallet.balance(), false);
    }
}
