package dev.concert.infrastructure.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one source of "now" for every use case; tests construct services with a fixed clock instead.
 * Its zone is where the concerts happen ({@code catalog.time-zone}, default Asia/Seoul): it decides
 * what "today" is for bookable dates. Instants are zone-free and always rendered in UTC.
 */
@ApplicationScoped
public class SystemClock {

    @Inject
    @ConfigProperty(name = "catalog.time-zone", defaultValue = "Asia/Seoul")
    String zone;

    @Produces
    Clock clock() {
        return Clock.system(zone(zone));
    }

    static ZoneId zone(String name) {
        try {
            return ZoneId.of(name.strip());
        } catch (DateTimeException unknown) {
            throw new IllegalStateException("Invalid configuration: catalog.time-zone must be a region such as "
                    + "Asia/Seoul, was " + name);
        }
    }
}
