package dev.concert.application.operations;

import dev.concert.application.resilience.UsesDatabase;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Sales per concert date for operators: one aggregate query over the seats, read without locks. */
@UsesDatabase
@Stateless
public class SalesReport {

    @PersistenceContext(unitName = "concert")
    EntityManager em;

    @Inject
    Clock clock;

    public SalesReport() {
    }

    public SalesReport(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    private static LocalDate date(Object value) {
        return value instanceof java.sql.Date sql ? sql.toLocalDate() : (LocalDate) value;
    }

    /** Every concert date with seats sold, seats held by a live hold, and revenue; by date, then concert. */
    public List<DateSales> byDate() {
        // native: EclipseLink binds the CASE literals as parameters, which H2 cannot sum; SUM's type
        // differs by database (BIGINT on H2, DECIMAL on MySQL), hence the rows of numbers
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT c.id, c.title, d.show_date,
                          SUM(CASE WHEN s.status = 'SOLD' THEN 1 ELSE 0 END),
                          SUM(CASE WHEN s.status = 'HELD' AND s.held_until > ? THEN 1 ELSE 0 END),
                          SUM(CASE WHEN s.status = 'SOLD' THEN s.price ELSE 0 END)
                        FROM seat s JOIN concert_date d ON d.id = s.concert_date_id JOIN concert c ON c.id = d.concert_id
                        GROUP BY c.id, c.title, d.show_date
                        ORDER BY d.show_date, c.id""")
                .setParameter(1, LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .getResultList();
        return rows.stream().map(row -> new DateSales(((Number) row[0]).longValue(), (String) row[1], date(row[2]),
                ((Number) row[3]).longValue(), ((Number) row[4]).longValue(), ((Number) row[5]).longValue())).toList();
    }
}
