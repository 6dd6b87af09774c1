package dev.concert.infrastructure.persistence;

import dev.concert.domain.concert.Seat;
import dev.concert.domain.reservation.Reservation;
import dev.concert.domain.reservation.ReservationRepository;
import dev.concert.domain.reservation.ReservationStatus;
import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Reservations in JPA. Locks are row locks of the database ({@code SELECT ... FOR UPDATE}), held to
 * the end of the caller's transaction; the lock wait is bounded by the session's lock timeout
 * ({@code db.session-sql}, set on every pooled connection).
 */
@ApplicationScoped
public class JpaReservationRepository implements ReservationRepository {

    @PersistenceContext(unitName = "concert")
    EntityManager em;

    public JpaReservationRepository() {
    }

    public JpaReservationRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<Reservation> find(String reservationId) {
        // with its seat and date: every caller reads the seat (to lock it, or to show it with its date), each
        // of which would be a query of its own
        return em.createQuery("SELECT r FROM Reservation r JOIN FETCH r.seat s JOIN FETCH s.concertDate WHERE r.id = :id",
                        Reservation.class)
                .setParameter("id", reservationId)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Seat lockSeat(Seat seat) {
        // EclipseLink re-reads an entity it already manages when asked for a pessimistic lock
        Seat locked = em.find(Seat.class, seat.id(), LockModeType.PESSIMISTIC_WRITE);
        if (locked == null) {
            throw DomainException.notFound("Seat " + seat.id());
        }
        return locked;
    }

    @Override
    public Optional<Reservation> lock(String reservationId) {
        return Optional.ofNullable(em.find(Reservation.class, reservationId, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public void expireLapsedHoldOn(Seat seat, Instant now) {
        if (!seat.hasLapsedHold(now)) {
            return;   // a free or sold seat has no live reservation to close: no query
        }
        List<Reservation> active = em.createQuery("SELECT r FROM Reservation r WHERE r.activeSeatId = :seat", Reservation.class)
                .setParameter("seat", seat.id())
                .getResultList();
        if (active.stream().anyMatch(reservation -> reservation.expire(now))) {
            em.flush(); // the freed unique key before the new hold's insert
        }
    }

    @Override
    public List<Reservation> ofUser(String userId, Optional<ReservationStatus> status, Instant now, int limit) {
        String inStatus = status.map(wanted -> switch (wanted) {
            case HELD -> " AND r.status = :held AND r.heldUntil > :now";
            case EXPIRED -> " AND (r.status = :expired OR (r.status = :held AND r.heldUntil <= :now))";
            case CONFIRMED, CANCELLED -> " AND r.status = :wanted";
        }).orElse("");
        var query = em.createQuery("SELECT r FROM Reservation r JOIN FETCH r.seat s JOIN FETCH s.concertDate d "
                        + "JOIN FETCH d.concert WHERE r.userId = :user" + inStatus + " ORDER BY r.createdAt DESC, r.id",
                        Reservation.class)
                .setParameter("user", userId)
                .setMaxResults(limit);
        status.ifPresent(wanted -> {
            switch (wanted) {
                case HELD -> query.setParameter("held", ReservationStatus.HELD).setParameter("now", now);
                case EXPIRED -> query.setParameter("expired", ReservationStatus.EXPIRED)
                        .setParameter("held", ReservationStatus.HELD).setParameter("now", now);
                case CONFIRMED, CANCELLED -> query.setParameter("wanted", wanted);
            }
        });
        return query.getResultList();
    }

    @Override
    public List<Instant> liveHoldsOf(String userId, Instant now) {
        return em.createQuery("""
                        SELECT r.heldUntil FROM Reservation r
                        WHERE r.userId = :user AND r.status = :held AND r.heldUntil > :now
                        ORDER BY r.heldUntil""", Instant.class)
                .setParameter("user", userId)
                .setParameter("held", ReservationStatus.HELD)
                .setParameter("now", now)
                .getResultList();
    }

    @Override
    public void add(Reservation reservation) {
        try {
            em.persist(reservation);
            em.flush();
        } catch (PersistenceException refused) {
            if (Constraints.violated(refused)) {
                // the second guard: uk_reservation_active_seat refuses a second live hold of a seat
                throw new DomainException(Reason.SEAT_UNAVAILABLE, "Seat " + reservation.seat().number()
                        + " is held by another user");
            }
            throw refused;
        }
    }

    /**
     * Locks up to {@code limit} lapsed seats with {@code SKIP LOCKED} (a seat another instance's
     * sweep, a hold or a payment has locked is left for later), then closes their reservations
     * through the entities, so the sweep applies the same rule as everything else.
     */
    @Override
    public int expireLapsed(Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<Number> seatIds = em.createNativeQuery("""
                        SELECT id FROM seat WHERE status = 'HELD' AND held_until <= ?
                        ORDER BY held_until LIMIT ? FOR UPDATE SKIP LOCKED""")
                .setParameter(1, LocalDateTime.ofInstant(now, ZoneOffset.UTC))
                .setParameter(2, limit)
                .getResultList();
        if (seatIds.isEmpty()) {
            return 0;
        }
        List<Long> ids = seatIds.stream().map(Number::longValue).toList();
        List<Reservation> holds = em.createQuery("""
                        SELECT r FROM Reservation r JOIN FETCH r.seat
                        WHERE r.activeSeatId IN :seats AND r.status = :held""", Reservation.class)
                .setParameter("seats", ids)
                .setParameter("held", ReservationStatus.HELD)
                .getResultList();
        int released = 0;
        java.util.Set<Long> done = new java.util.HashSet<>();
        for (Reservation hold : holds) {
            if (hold.expire(now)) {
                released++;
                done.add(hold.seat().id());
            }
        }
        for (Long seatId : ids) {
            if (!done.contains(seatId)) {
                Seat seat = em.find(Seat.class, seatId);
                if (seat != null && seat.releaseLapsed(now)) {
                    released++;
                }
            }
        }
        return released;
    }
}
