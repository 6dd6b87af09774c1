package dev.concert.domain.wallet;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Wallets and their ledger, as stored. */
public interface WalletRepository {

    /** The wallet as it is now, without a lock; empty for a user who never had one. */
    Optional<Wallet> find(String userId);

    /**
     * The user's wallet with its row locked ({@code PESSIMISTIC_WRITE}) until the transaction ends,
     * created empty first if the user has none. Also the lock that serialises one user's holds.
     */
    Wallet lock(String userId, Instant now);

    /**
     * Locks the user's wallet row until the transaction ends, creating it empty if missing, without reading
     * it: what serialises one user's holds, so that their count is exact.
     */
    void lockWithoutReading(String userId, Instant now);

    /** The entry a charge with this key made for this user, if any. */
    Optional<LedgerEntry> chargeWithKey(String userId, String idempotencyKey);

    void add(LedgerEntry entry);

    /** The debit a payment made from the user's wallet, if any. */
    Optional<LedgerEntry> entryOfPayment(String userId, String paymentId);

    /** Every debit the user's payments made. */
    List<LedgerEntry> paymentEntriesOf(String userId);
}
