package dev.concert.loadtest;

import java.time.Duration;
import java.util.Optional;

/**
 * The target and the load sizes. Each size is a system property ({@code -Dusers=1000} on the Maven
 * command line reaches the Gatling JVM) whose default makes a smoke run of well under a minute;
 * the target and the keys may also come from the environment.
 */
final class LoadSettings {

    private LoadSettings() {
    }

    /** {@code -DbaseUrl} or {@code BASE_URL}: the server, or the load balancer in front of a cluster */
    static String baseUrl() {
        return text("baseUrl", "BASE_URL").orElse("http://127.0.0.1:8080").replaceAll("/+$", "");
    }

    /** {@code -DadminApiKey} or {@code ADMIN_API_KEY}: the server's admin.api-key, to schedule the run's concert */
    static String adminKey() {
        return text("adminApiKey", "ADMIN_API_KEY").orElseThrow(() -> new IllegalStateException(
                "ADMIN_API_KEY (or -DadminApiKey) is needed to schedule the run's concert: the server's admin.api-key"));
    }

    /** {@code -DcatalogTimeZone} or {@code CATALOG_TIME_ZONE}: where "today" is for bookable dates */
    static String catalogTimeZone() {
        return text("catalogTimeZone", "CATALOG_TIME_ZONE").orElse("Asia/Seoul");
    }

    static int integer(String property, int smoke) {
        return Optional.ofNullable(System.getProperty(property)).map(String::strip).map(Integer::valueOf).orElse(smoke);
    }

    static Duration seconds(String property, int smoke) {
        return Duration.ofSeconds(integer(property, smoke));
    }

    static boolean flag(String property, boolean fallback) {
        return Optional.ofNullable(System.getProperty(property)).map(String::strip).map(Boolean::valueOf).orElse(fallback);
    }

    private static Optional<String> text(String property, String variable) {
        return Optional.ofNullable(System.getProperty(property))
                .or(() -> Optional.ofNullable(System.getenv(variable)))
                .filter(value -> !value.isBlank());
    }
}
