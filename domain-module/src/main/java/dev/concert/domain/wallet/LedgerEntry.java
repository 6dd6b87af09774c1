package dev.concert.domain.wallet;

import dev.concert.domain.shared.IdempotentRequest;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * One change of a balance, append-only: charges are positive, payments negative, and the amounts of
 * a user's entries add up to the wallet's balance. A charge made with an {@code Idempotency-Key}
 * keeps the key and the request's fingerprint, so a retry finds it and answers {@link #balanceAfter()}.
 */
@Entity
@Table(name = "wallet_ledger")
public class LedgerEntry implements IdempotentRequest.Made {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id", nullable = false, length = 36)
    private String userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private LedgerKind kind;

    @Column(nullable = false)
    private long amount;

    @Column(name = "balance_after", nullable = false)
    private long balanceAfter;

    @Column(name = "payment_id", length = 40)
    private String paymentId;

    @Embedded
    private IdempotentRequest request;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected LedgerEntry() {
        // for JPA
    }

    LedgerEntry(String userId, LedgerKind kind, long amount, long balanceAfter, Instant createdAt) {
        this.userId = userId;
        this.kind = kind;
        this.amount = amount;
        this.balanceAfter = balanceAfter;
        this.createdAt = createdAt;
    }

    LedgerEntry forPayment(String id) {
        this.paymentId = id;
        return this;
    }

    /** Records the key and fingerprint of the request that made this entry. */
    public LedgerEntry requestedWith(String key, String fingerprint) {
        this.request = new IdempotentRequest(key, fingerprint);
        return this;
    }

    @Override
    public Optional<IdempotentRequest> request() {
        return Optional.ofNullable(request);
    }

    public String userId() {
        return userId;
    }

    public LedgerKind kind() {
        return kind;
    }

    public long amount() {
        return amount;
    }

    public long balanceAfter() {
        return balanceAfter;
    }

    public String paymentId() {
        return paymentId;
    }
}
