package dev.concert.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concert.domain.concert.Concert;
import dev.concert.domain.concert.ConcertDate;
import dev.concert.domain.concert.DateAvailability;
import dev.concert.domain.concert.SeatPricing;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real mappings, the real Flyway scripts and the real queries, in Java SE: on an in-memory H2
 * in MySQL mode (the embedded default) always, and on MySQL/MariaDB when {@code DB_URL} is set.
 */
class JpaConcertRepositoryTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final LocalDate TODAY = LocalDate.parse("2026-11-25");
    static EntityManagerFactory factory(String url, String user, String password) {
        return TestDatabases.factory(url, user, password);
    }

    private static void inTransaction(EntityManagerFactory emf, Consumer<JpaConcertRepository> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            work.accept(new JpaConcertRepository(em));
            em.getTransaction().commit();
        } finally {
            em.close();
        }
    }

    private static long schedule(EntityManagerFactory emf, List<LocalDate> dates) {
        long[] id = new long[1];
        inTransaction(emf, concerts -> {
            Concert concert = Concert.schedule("Test " + UUID.randomUUID(), "Hall", dates, SeatPricing.flat(50_000), TODAY, NOW);
            concerts.add(concert);
            id[0] = concert.id();
        });
        return id[0];
    }

    private static void setSeat(EntityManagerFactory emf, long concertId, LocalDate date, int number, String status, Instant heldUntil) {
        inTransaction(emf, concerts -> concerts.em.createNativeQuery("""
                        UPDATE seat SET status = ?1, held_until = ?2, user_id = ?3
                        WHERE seat_number = ?4 AND concert_date_id =
                          (SELECT id FROM concert_date WHERE concert_id = ?5 AND show_date = ?6)""")
                .setParameter(1, status)
                .setParameter(2, heldUntil == null ? null : LocalDateTime.ofInstant(heldUntil, ZoneOffset.UTC))
                .setParameter(3, UUID.randomUUID().toString())
                .setParameter(4, number)
                .setParameter(5, concertId)
                .setParameter(6, date)
                .executeUpdate());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.concert.infrastructure.persistence.TestDatabases#all")
    void aScheduledConcertIsStoredWithFiftySeatsPerDate(String name, String url, String user, String password) {
        EntityManagerFactory emf = factory(url, user, password);
        long id = schedule(emf, List.of(TODAY.plusDays(1), TODAY.plusDays(2)));

        inTransaction(emf, concerts -> {
            ConcertDate date = concerts.findDate(id, TODAY.plusDays(2)).orElseThrow();
            assertThat(date.seats()).hasSize(50);
            assertThat(date.seats().get(49).number().value()).isEqualTo(50);
            assertThat(concerts.find(id)).isPresent();
            assertThat(concerts.all()).extracting(Concert::id).contains(id);
            assertThat(concerts.isEmpty()).isFalse();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.concert.infrastructure.persistence.TestDatabases#all")
    void theListHoldsEachConcertOnceOldestFirst(String name, String url, String user, String password) {
        EntityManagerFactory emf = factory(url, user, password);
        long first = schedule(emf, List.of(TODAY.plusDays(3), TODAY.plusDays(1), TODAY.plusDays(2)));
        long second = schedule(emf, List.of(TODAY.plusDays(1)));

        inTransaction(emf, concerts -> assertThat(concerts.all()).extracting(Concert::id)
                .doesNotHaveDuplicates().isSorted().containsSubsequence(first, second));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.concert.infrastructure.persistence.TestDatabases#all")
    void bookableDatesCountLikeTheDomainRule(String name, String url, String user, String password) {
        EntityManagerFactory emf = factory(url, user, password);
        LocalDate soldOut = TODAY.plusDays(1);
        LocalDate busy = TODAY.plusDays(2);
        long id = schedule(emf, List.of(TODAY, soldOut, busy));
        for (int seat = 1; seat <= 50; seat++) {
            setSeat(emf, id, soldOut, seat, "SOLD", null);
        }
        setSeat(emf, id, busy, 1, "SOLD", null);
        setSeat(emf, id, busy, 2, "HELD", NOW.plusSeconds(60));   // live hold
        setSeat(emf, id, busy, 3, "HELD", NOW.minusSeconds(1));   // lapsed, not yet swept
        setSeat(emf, id, busy, 4, "HELD", NOW);                   // lapses at this very instant

        inTransaction(emf, concerts -> {
            assertThat(concerts.bookableDates(id, TODAY, NOW)).containsExactly(
                    new DateAvailability(TODAY, 50),
                    new DateAvailability(busy, 48));
            assertThat(concerts.bookableDates(id, TODAY.plusDays(1), NOW)).containsExactly(
                    new DateAvailability(busy, 48));
            ConcertDate date = concerts.findDate(id, busy).orElseThrow();
            assertThat(date.availableSeatsAt(NOW)).isEqualTo(48);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.concert.infrastructure.persistence.TestDatabases#all")
    void unknownConcertsAndDatesAreAbsent(String name, String url, String user, String password) {
        EntityManagerFactory emf = factory(url, user, password);
        inTransaction(emf, concerts -> {
            assertThat(concerts.find(Long.MAX_VALUE)).isEmpty();
            assertThat(concerts.findDate(Long.MAX_VALUE, TODAY)).isEmpty();
            assertThat(concerts.bookableDates(Long.MAX_VALUE, TODAY, NOW)).isEmpty();
        });
    }
}
