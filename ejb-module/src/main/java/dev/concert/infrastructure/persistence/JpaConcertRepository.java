package dev.concert.infrastructure.persistence;

import dev.concert.domain.concert.Concert;
import dev.concert.domain.concert.ConcertDate;
import dev.concert.domain.concert.ConcertRepository;
import dev.concert.domain.concert.DateAvailability;
import dev.concert.domain.concert.Seat;
import dev.concert.domain.concert.SeatNumber;
import dev.concert.domain.concert.SeatStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaConcertRepository implements ConcertRepository {

    @PersistenceContext(unitName = "concert")
    EntityManager em;

    public JpaConcertRepository() {
    }

    public JpaConcertRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public List<Concert> all() {
        return em.createQuery("SELECT c FROM Concert c ORDER BY c.id", Concert.class).getResultList();
    }

    @Override
    public Optional<Concert> find(long concertId) {
        return Optional.ofNullable(em.find(Concert.class, concertId));
    }

    @Override
    public Optional<ConcertDate> findDate(long concertId, LocalDate date) {
        // one query for the date, its concert and its 50 seats in order (the seat map), not one each;
        // the join repeats the date once per seat, and findFirst takes one
        return em.createQuery("""
                        SELECT d FROM ConcertDate d JOIN FETCH d.concert LEFT JOIN FETCH d.seats s
                        WHERE d.concert.id = :concertId AND d.showDate = :date
                        ORDER BY s.number""", ConcertDate.class)
                .setParameter("concertId", concertId)
                .setParameter("date", date)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Optional<Seat> findSeat(long concertId, LocalDate date, SeatNumber number) {
        return em.createQuery("""
                        SELECT s FROM Seat s JOIN FETCH s.concertDate d JOIN FETCH d.concert
                        WHERE d.concert.id = :concertId AND d.showDate = :date AND s.number = :number""", Seat.class)
                .setParameter("concertId", concertId)
                .setParameter("date", date)
                .setParameter("number", number.value())
                .getResultStream()
                .findFirst();
    }

    /** One aggregate query: the rule of {@code Seat.statusAt}, counted by the database. */
    @Override
    public List<DateAvailability> bookableDates(long concertId, LocalDate today, Instant now) {
        return em.createQuery("""
                        SELECT NEW dev.concert.domain.concert.DateAvailability(d.showDate, d.startTime, COUNT(s))
                        FROM Seat s JOIN s.concertDate d
                        WHERE d.concert.id = :concertId AND d.showDate >= :today
                          AND (s.status = :available OR (s.status = :held AND s.heldUntil <= :now))
                        GROUP BY d.showDate, d.startTime
                        ORDER BY d.showDate""", DateAvailability.class)
                .setParameter("concertId", concertId)
                .setParameter("today", today)
                .setParameter("available", SeatStatus.AVAILABLE)
                .setParameter("held", SeatStatus.HELD)
                .setParameter("now", now)
                .getResultList();
    }

    @Override
    public void add(Concert concert) {
        em.persist(concert);
        em.flush(); // IDENTITY keys are assigned on flush: the caller reports the new id
    }

    @Override
    public boolean isEmpty() {
        return em.createQuery("SELECT c.id FROM Concert c", Long.class).setMaxResults(1).getResultList().isEmpty();
    }
}
