package dev.concert.infrastructure.persistence;

import dev.concert.domain.wallet.LedgerEntry;
import dev.concert.domain.wallet.LedgerKind;
import dev.concert.domain.wallet.Wallet;
import dev.concert.domain.wallet.WalletRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaWalletRepository implements WalletRepository {

    @PersistenceContext(unitName = "concert")
    EntityManager em;

    public JpaWalletRepository() {
    }

    public JpaWalletRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<Wallet> find(String userId) {
        return Optional.ofNullable(em.find(Wallet.class, userId));
    }

    /**
     * One locking read when the wallet exists (every charge and payment after the first hold or charge).
     * When it does not, the row is created and locked by {@link #lockWithoutReading} and then read: two
     * first charges of a new user both find nothing (READ COMMITTED takes no gap lock), the one statement
     * that creates the row lets only one insert, and no shared lock is ever upgraded (which could deadlock).
     */
    @Override
    public Wallet lock(String userId, Instant now) {
        Wallet existing = em.find(Wallet.class, userId, LockModeType.PESSIMISTIC_WRITE);
        if (existing != null) {
            return existing;
        }
        lockWithoutReading(userId, now);
        return em.find(Wallet.class, userId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Creates the row if it is missing and locks it, in one statement: {@code INSERT ... ON DUPLICATE
     * KEY UPDATE} takes the row's exclusive lock whether it inserts or not.
     */
    @Override
    public void lockWithoutReading(String userId, Instant now) {
        em.createNativeQuery("""
                        INSERT INTO wallet (user_id, balance, version, updated_at) VALUES (?, 0, 0, ?)
                        ON DUPLICATE KEY UPDATE user_id = user_id""")
                .setParameter(1, userId)
                .setParameter(2, LocalDateTime.ofInstant(now, ZoneOffset.UTC))
                .executeUpdate();
    }

    @Override
    public Optional<LedgerEntry> entryOfPayment(String userId, String paymentId) {
        return em.createQuery("""
                        SELECT e FROM LedgerEntry e
                        WHERE e.userId = :user AND e.paymentId = :payment AND e.kind = :debit""", LedgerEntry.class)
                .setParameter("user", userId)
                .setParameter("payment", paymentId)
                .setParameter("debit", LedgerKind.PAYMENT)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<LedgerEntry> paymentEntriesOf(String userId) {
        return em.createQuery("SELECT e FROM LedgerEntry e WHERE e.userId = :user AND e.kind = :debit", LedgerEntry.class)
                .setParameter("user", userId)
                .setParameter("debit", LedgerKind.PAYMENT)
                .getResultList();
    }

    @Override
    public Optional<LedgerEntry> chargeWithKey(String userId, String idempotencyKey) {
        return em.createQuery("""
                        SELECT e FROM LedgerEntry e
                        WHERE e.userId = :user AND e.request.key = :key""", LedgerEntry.class)
                .setParameter("user", userId)
                .setParameter("key", idempotencyKey)
                .getResultStream()
                .findFirst();
    }

    @Override
    public void add(LedgerEntry entry) {
        em.persist(entry);
    }
}
