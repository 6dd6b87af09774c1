package dev.concert.infrastructure.persistence;

import dev.concert.domain.payment.Payment;
import dev.concert.domain.payment.PaymentRepository;
import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.IdempotencyKey;
import dev.concert.domain.shared.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaPaymentRepository implements PaymentRepository {

    @PersistenceContext(unitName = "concert")
    EntityManager em;

    public JpaPaymentRepository() {
    }

    public JpaPaymentRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public void add(Payment payment) {
        try {
            em.persist(payment);
            em.flush();
        } catch (PersistenceException refused) {
            if (!Constraints.violated(refused)) {
                throw refused;
            }
            // the locks make both unreachable; the unique keys are the second guard
            throw payment.request().isPresent() ? IdempotencyKey.conflict()
                    : new DomainException(Reason.ALREADY_PAID, "Reservation " + payment.reservationId() + " is paid already");
        }
    }

    @Override
    public Optional<Payment> ofReservation(String reservationId) {
        return em.createQuery("SELECT p FROM Payment p WHERE p.reservationId = :reservation", Payment.class)
                .setParameter("reservation", reservationId)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Optional<Payment> withKey(String userId, String idempotencyKey) {
        return em.createQuery("SELECT p FROM Payment p WHERE p.userId = :user AND p.request.key = :key", Payment.class)
                .setParameter("user", userId)
                .setParameter("key", idempotencyKey)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<Payment> ofReservations(Collection<String> reservationIds) {
        if (reservationIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT p FROM Payment p WHERE p.reservationId IN :ids", Payment.class)
                .setParameter("ids", reservationIds)
                .getResultList();
    }

    @Override
    public List<Payment> history(String userId) {
        return em.createQuery("SELECT p FROM Payment p WHERE p.userId = :user ORDER BY p.paidAt DESC, p.id", Payment.class)
                .setParameter("user", userId)
                .getResultList();
    }
}
