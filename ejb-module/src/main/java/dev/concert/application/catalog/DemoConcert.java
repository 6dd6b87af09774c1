package dev.concert.application.catalog;

import dev.concert.domain.concert.ConcertRepository;
import dev.concert.domain.concert.Concert;
import dev.concert.domain.concert.SeatLayout;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Schedules a demo concert at start-up into an empty database, so that a newcomer's first
 * {@code curl /api/concerts} shows something. {@code demo.data}: {@code auto} (default) seeds only
 * the embedded database, {@code true} seeds any empty database, {@code false} never seeds.
 */
@Singleton
@Startup
@DependsOn("Database")
public class DemoConcert {

    private static final Logger LOG = Logger.getLogger(DemoConcert.class.getName());

    @Inject
    ConcertRepository concerts;

    @Inject
    ConcertCatalog catalog;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "demo.data", defaultValue = "auto")
    String demoData;

    @Inject
    @ConfigProperty(name = "db.url")
    String databaseUrl;

    @PostConstruct
    void seed() {
        if (wanted(demoData, databaseUrl) && concerts.isEmpty()) {
            ConcertSummary concert = catalog.schedule("IU 2026 Winter Concert [The Golden Hour]",
                    "KSPO Dome, Seoul", dates(LocalDate.now(clock)), Concert.DEFAULT_START, layout(), Optional.empty())
                    .concert();
            LOG.info(() -> "Demo concert " + concert.id() + " scheduled on " + concert.dates());
        }
    }

    static boolean wanted(String demoData, String databaseUrl) {
        return switch (demoData.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> databaseUrl.startsWith("jdbc:h2:");
        };
    }

    /** Four dates a week apart, the first a week from today. */
    static List<LocalDate> dates(LocalDate today) {
        return IntStream.range(0, 4).mapToObj(week -> today.plusWeeks(week + 1L)).toList();
    }

    /** Three sections priced as Korean arenas do: VIP (row A, seats 1..10), R (rows B, C), S (rows D, E). */
    static SeatLayout layout() {
        return SeatLayout.of(List.of(
                new SeatLayout.Section("VIP", List.of("A"), 10, 165_000L),
                new SeatLayout.Section("R", List.of("B", "C"), 10, 143_000L),
                new SeatLayout.Section("S", List.of("D", "E"), 10, 121_000L)));
    }
}
