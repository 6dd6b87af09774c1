package dev.concert.domain.wallet;

import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.Reason;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A user's prepaid balance (잔액), in won. Every change returns the {@link LedgerEntry} that records
 * it; the caller stores both in one transaction, with the wallet's row locked, so concurrent changes
 * never lose an update. The balance never goes below zero (and the database's CHECK agrees).
 */
@Entity
@Table(name = "wallet")
public class Wallet {

    @Id
    @Column(name = "user_id", length = 36)
    private String userId;

    @Column(nullable = false)
    private long balance;

    @Version
    private long version;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Wallet() {
        // for JPA
    }

    /** An empty wallet, for tests; the repository creates stored ones. */
    public static Wallet empty(String userId, Instant now) {
        Wallet wallet = new Wallet();
        wallet.userId = userId;
        wallet.updatedAt = now;
        return wallet;
    }

    /**
     * Adds {@code amount} won.
     *
     * @throws DomainException {@code VALIDATION_FAILED} for an amount outside 1..maxCharge, or one
     *                         that would take the balance past what a long holds
     */
    public LedgerEntry charge(long amount, long maxCharge, Instant now) {
        requireChargeable(amount, maxCharge);
        long after;
        try {
            after = Math.addExact(balance, amount);
        } catch (ArithmeticException overflow) {
            throw DomainException.invalid("A balance cannot grow past " + Long.MAX_VALUE + " won");
        }
        return change(LedgerKind.CHARGE, amount, after, now);
    }

    /**
     * What one charge may be: 1..maxCharge won. Checked by {@link #charge} and, before a wallet is locked, by
     * whoever refuses a bad amount early.
     *
     * @throws DomainException {@code VALIDATION_FAILED} for an amount outside 1..maxCharge
     */
    public static void requireChargeable(long amount, long maxCharge) {
        if (amount < 1 || amount > maxCharge) {
            throw DomainException.invalid("amount must be between 1 and " + maxCharge + " won, was " + amount);
        }
    }

    public boolean canAfford(long amount) {
        return amount <= balance;
    }

    /**
     * Takes {@code amount} won for payment {@code paymentId}.
     *
     * @throws DomainException {@code INSUFFICIENT_BALANCE} when the balance is lower
     */
    public LedgerEntry pay(long amount, String paymentId, Instant now) {
        if (amount < 1) {
            throw new IllegalArgumentException("a payment is positive: " + amount);
        }
        if (!canAfford(amount)) {
            throw insufficient(amount);
        }
        return change(LedgerKind.PAYMENT, -amount, balance - amount, now).forPayment(paymentId);
    }

    public DomainException insufficient(long amount) {
        return new DomainException(Reason.INSUFFICIENT_BALANCE,
                "The balance is " + balance + " won and the seat costs " + amount + " won; charge "
                        + (amount - balance) + " won more");
    }

    private LedgerEntry change(LedgerKind kind, long amount, long after, Instant now) {
        this.balance = after;
        this.updatedAt = now;
        return new LedgerEntry(userId, kind, amount, after, now);
    }

    public String userId() {
        return userId;
    }

    public long balance() {
        return balance;
    }
}
