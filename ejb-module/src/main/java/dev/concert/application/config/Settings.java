package dev.concert.application.config;

import dev.concert.domain.queue.Presence;
import dev.concert.domain.queue.QueueSettings;
import dev.concert.domain.queue.QueueStatus;
import dev.concert.domain.queue.WaitEstimate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every setting of the API contract's configuration table, read once from MicroProfile Config
 * (defaults in {@code microprofile-config.properties}, overridden by environment variables such as
 * {@code RESERVATION_HOLD_SECONDS} or system properties) and checked: a nonsensical value stops the
 * deployment with a message that names the setting, instead of misbehaving later.
 */
@ApplicationScoped
public class Settings {

    public enum AuthMode { TRUST, JWT }

    @Inject
    @ConfigProperty(name = "reservation.hold-seconds")
    int holdSeconds;

    /** Not in the contract: how many live holds one user may have at once (RESERVATION_MAX_HOLDS_PER_USER). */
    @Inject
    @ConfigProperty(name = "reservation.max-holds-per-user", defaultValue = "4")
    int maxHoldsPerUser = 4;

    /** Not in the contract: how often each instance sweeps lapsed holds (RESERVATION_SWEEP_SECONDS). */
    @Inject
    @ConfigProperty(name = "reservation.sweep-seconds", defaultValue = "5")
    int sweepSeconds = 5;

    /** Not in the contract: writes (holds, cancels, charges, payments) one user may make a minute. */
    @Inject
    @ConfigProperty(name = "ratelimit.writes.per-user-per-minute", defaultValue = "60")
    int writesPerUserPerMinute = 60;

    /** Live status streams (SSE and WebSocket) one token may hold on an instance: a second tab, not a crowd. */
    @Inject
    @ConfigProperty(name = "ratelimit.streams.per-token", defaultValue = "2")
    int streamsPerToken = 2;

    /**
     * Live SSE streams one client address may hold on an instance, counted by the address the rate limits see
     * ({@code ratelimit.trusted-proxies}): generous, for fans behind one NAT.
     */
    @Inject
    @ConfigProperty(name = "ratelimit.streams.per-client", defaultValue = "200")
    int streamsPerClient = 200;

    @Inject
    @ConfigProperty(name = "queue.active.max")
    int activeMax;

    @Inject
    @ConfigProperty(name = "queue.admit.per-second")
    int admitPerSecond;

    @Inject
    @ConfigProperty(name = "queue.active.ttl-seconds")
    int activeTtlSeconds;

    @Inject
    @ConfigProperty(name = "queue.waiting.idle-seconds", defaultValue = "120")
    int waitingIdleSeconds = 120;

    @Inject
    @ConfigProperty(name = "queue.active.idle-seconds", defaultValue = "120")
    int activeIdleSeconds = 120;

    @Inject
    @ConfigProperty(name = "wallet.max-charge")
    long maxCharge;

    @Inject
    @ConfigProperty(name = "admin.api-key")
    Optional<String> adminApiKey;

    @Inject
    @ConfigProperty(name = "auth.mode")
    String authMode;

    /** auth.mode=jwt: Payara's MicroProfile JWT reads these itself; checked here so that a missing one stops the deployment. */
    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    Optional<String> jwtIssuer = Optional.empty();

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey")
    Optional<String> jwtKey = Optional.empty();

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> jwtKeyLocation = Optional.empty();

    @Inject
    @ConfigProperty(name = "ratelimit.token-issue.per-minute")
    int tokenIssuePerMinute;

    public Settings() {
    }

    /** For tests and tools: the settings as given, checked. */
    public Settings(int holdSeconds, int activeMax, int admitPerSecond, int activeTtlSeconds, long maxCharge,
                    Optional<String> adminApiKey, String authMode, int tokenIssuePerMinute) {
        this.holdSeconds = holdSeconds;
        this.activeMax = activeMax;
        this.admitPerSecond = admitPerSecond;
        this.activeTtlSeconds = activeTtlSeconds;
        this.maxCharge = maxCharge;
        this.adminApiKey = adminApiKey;
        this.authMode = authMode;
        this.tokenIssuePerMinute = tokenIssuePerMinute;
        check();
    }

    /** The defaults of the contract. */
    public static Settings defaults() {
        return new Settings(300, 1000, 100, 600, 10_000_000L, Optional.empty(), "trust", 30);
    }

    /** Refuses values no operator means, naming each setting that is wrong. */
    public void check() {
        List<String> wrong = new ArrayList<>();
        positive(wrong, "reservation.hold-seconds", holdSeconds);
        positive(wrong, "reservation.max-holds-per-user", maxHoldsPerUser);
        positive(wrong, "reservation.sweep-seconds", sweepSeconds);
        positive(wrong, "ratelimit.writes.per-user-per-minute", writesPerUserPerMinute);
        positive(wrong, "ratelimit.streams.per-token", streamsPerToken);
        positive(wrong, "ratelimit.streams.per-client", streamsPerClient);
        if (activeMax < 1 || activeMax > QueueSettings.MAX_ACTIVE) {
            wrong.add("queue.active.max must be 1.." + QueueSettings.MAX_ACTIVE + ", was " + activeMax);
        }
        if (admitPerSecond < 0 || admitPerSecond > QueueSettings.MAX_ADMIT_PER_SECOND) {
            wrong.add("queue.admit.per-second must be 0 (admit nobody).." + QueueSettings.MAX_ADMIT_PER_SECOND
                    + ", was " + admitPerSecond);
        }
        positive(wrong, "queue.active.ttl-seconds", activeTtlSeconds);
        // a fan who polls as told must never idle out: at least three of the longest advised intervals
        atLeast(wrong, "queue.waiting.idle-seconds", waitingIdleSeconds, 3 * WaitEstimate.longestPollSeconds(QueueStatus.WAITING),
                "3 x the longest pollAfterSeconds of a waiting fan");
        atLeast(wrong, "queue.active.idle-seconds", activeIdleSeconds, 3 * WaitEstimate.longestPollSeconds(QueueStatus.ACTIVE),
                "3 x the longest pollAfterSeconds of an active fan");
        positive(wrong, "wallet.max-charge", maxCharge);
        positive(wrong, "ratelimit.token-issue.per-minute", tokenIssuePerMinute);
        try {
            if (authMode() == AuthMode.JWT && (jwtIssuer.filter(v -> !v.isBlank()).isEmpty()
                    || jwtKey.filter(v -> !v.isBlank()).isEmpty() && jwtKeyLocation.filter(v -> !v.isBlank()).isEmpty())) {
                // refused rather than half-done: a server told to check sign-ins must not silently trust userIds
                wrong.add("auth.mode=jwt needs mp.jwt.verify.issuer and mp.jwt.verify.publickey "
                        + "or mp.jwt.verify.publickey.location");
            }
        } catch (IllegalArgumentException e) {
            wrong.add("auth.mode must be trust or jwt, was " + authMode);
        }
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("Invalid configuration: " + String.join("; ", wrong));
        }
    }

    private static void atLeast(List<String> wrong, String name, long value, long least, String why) {
        if (value < least) {
            wrong.add(name + " must be at least " + least + " (" + why + "), was " + value);
        }
    }

    private static void positive(List<String> wrong, String name, long value) {
        if (value <= 0) {
            wrong.add(name + " must be positive, was " + value);
        }
    }

    public int holdSeconds() {
        return holdSeconds;
    }

    /** A copy with another limit of live holds per user, for tests. */
    public Settings withMaxHoldsPerUser(int limit) {
        return copyWith(copy -> copy.maxHoldsPerUser = limit);
    }

    /** A copy with other caps of live streams per token and per client address, for tests; checked. */
    public Settings withStreamCaps(int perToken, int perClient) {
        return copyWith(copy -> {
            copy.streamsPerToken = perToken;
            copy.streamsPerClient = perClient;
        });
    }

    /** A copy with other idle times, for tests; checked as a deployment's would be. */
    public Settings withIdleSeconds(int waiting, int active) {
        return copyWith(copy -> {
            copy.waitingIdleSeconds = waiting;
            copy.activeIdleSeconds = active;
        });
    }

    /** A copy of every setting with {@code change} made to it, checked as a deployment's would be. */
    private Settings copyWith(java.util.function.Consumer<Settings> change) {
        Settings copy = new Settings(holdSeconds, activeMax, admitPerSecond, activeTtlSeconds, maxCharge, adminApiKey,
                authMode, tokenIssuePerMinute);
        copy.maxHoldsPerUser = maxHoldsPerUser;
        copy.sweepSeconds = sweepSeconds;
        copy.writesPerUserPerMinute = writesPerUserPerMinute;
        copy.waitingIdleSeconds = waitingIdleSeconds;
        copy.activeIdleSeconds = activeIdleSeconds;
        copy.streamsPerToken = streamsPerToken;
        copy.streamsPerClient = streamsPerClient;
        change.accept(copy);
        copy.check();
        return copy;
    }

    public int streamsPerToken() {
        return streamsPerToken;
    }

    public int streamsPerClient() {
        return streamsPerClient;
    }

    public int waitingIdleSeconds() {
        return waitingIdleSeconds;
    }

    public int activeIdleSeconds() {
        return activeIdleSeconds;
    }

    /** When fans who walked away lose their place or free their slot. */
    public Presence presence() {
        return new Presence(java.time.Duration.ofSeconds(waitingIdleSeconds), java.time.Duration.ofSeconds(activeIdleSeconds));
    }

    public int maxHoldsPerUser() {
        return maxHoldsPerUser;
    }

    public int writesPerUserPerMinute() {
        return writesPerUserPerMinute;
    }

    public int sweepSeconds() {
        return sweepSeconds;
    }

    public int activeMax() {
        return activeMax;
    }

    public int admitPerSecond() {
        return admitPerSecond;
    }

    public int activeTtlSeconds() {
        return activeTtlSeconds;
    }

    public long maxCharge() {
        return maxCharge;
    }

    public Optional<String> adminApiKey() {
        return adminApiKey.filter(key -> !key.isBlank());
    }

    public AuthMode authMode() {
        return AuthMode.valueOf(authMode.strip().toUpperCase(java.util.Locale.ROOT));
    }

    public int tokenIssuePerMinute() {
        return tokenIssuePerMinute;
    }
}
