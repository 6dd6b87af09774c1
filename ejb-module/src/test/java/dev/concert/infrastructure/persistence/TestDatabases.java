package dev.concert.infrastructure.persistence;

import dev.concert.application.payment.PaymentDeclined;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The persistence unit in Java SE on real databases, for tests of mappings, queries and locks: an
 * in-memory H2 in MySQL mode (the embedded default) always, and MySQL/MariaDB when {@code DB_URL} is
 * set. Schemas come from the real Flyway scripts; one factory per database for the whole run.
 */
public final class TestDatabases {

    private static final Map<String, EntityManagerFactory> FACTORIES = new HashMap<>();

    private TestDatabases() {
    }

    /** Arguments (name, url, user, password) for a {@code @MethodSource}. */
    public static Stream<Arguments> all() {
        var databases = Stream.<Arguments>builder();
        databases.add(Arguments.of("h2", "jdbc:h2:mem:concert;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", ""));
        String url = System.getenv("DB_URL");
        if (url != null && !url.isBlank()) {
            databases.add(Arguments.of("DB_URL", url, System.getenv("DB_USER"), System.getenv("DB_PASSWORD")));
        }
        return databases.build();
    }

    public static synchronized EntityManagerFactory factory(String url, String user, String password) {
        return FACTORIES.computeIfAbsent(url, ignored -> {
            var flyway = Flyway.configure().dataSource(url, user, password);
            flyway.locations(Database.migrations(flyway.getDataSource())).load().migrate();
            Map<String, String> properties = new HashMap<>();
            properties.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
            properties.put("jakarta.persistence.jtaDataSource", "");
            properties.put("jakarta.persistence.jdbc.url", url);
            properties.put("jakarta.persistence.jdbc.user", user);
            properties.put("jakarta.persistence.jdbc.password", password == null ? "" : password);
            properties.put("eclipselink.session.customizer", ReadCommitted.class.getName());
            // enough connections for the races
            properties.put("eclipselink.jdbc.connections.max", "64");
            properties.put("eclipselink.jdbc.connections.initial", "1");
            properties.put("eclipselink.jdbc.connections.min", "1");
            return Persistence.createEntityManagerFactory("concert", properties);
        });
    }

    /**
     * One transaction, as the EJB container runs a business method: commit on return; roll back on
     * an exception, except a {@link PaymentDeclined}, which commits (as ejb-jar.xml declares it).
     */
    public static <T> T inTransaction(EntityManagerFactory emf, Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } catch (PaymentDeclined declined) {
            em.getTransaction().commit();
            throw declined;
        } catch (RuntimeException failed) {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            throw failed;
        } finally {
            em.close();
        }
    }
}
