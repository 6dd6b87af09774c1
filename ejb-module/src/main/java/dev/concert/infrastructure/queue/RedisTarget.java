package dev.concert.infrastructure.queue;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.HostAndPort;

/**
 * Where the queue's Redis is, as configured: a single server ({@code REDIS_URL}), a master that
 * Sentinel names ({@code REDIS_SENTINELS} and {@code REDIS_MASTER_NAME}), or none (the in-process store).
 * Both at once, or Sentinel half configured, is a mistake that fails the deployment.
 */
public sealed interface RedisTarget {

    /** No Redis: the in-process store, one instance only. */
    record None() implements RedisTarget {
    }

    /** One Redis server. */
    record Server(URI url) implements RedisTarget {
        /** Host and port only: the URL may carry a password. */
        @Override
        public String toString() {
            return "Redis at " + url.getHost() + ":" + url.getPort();
        }
    }

    /** The master that the sentinels name {@code masterName}; clients follow it through a failover. */
    record Sentinel(String masterName, Set<HostAndPort> sentinels) implements RedisTarget {
        @Override
        public String toString() {
            return "Redis master '" + masterName + "' through the sentinels " + sentinels;
        }
    }

    /**
     * Reads the three settings; blank counts as unset.
     *
     * @throws IllegalStateException naming the settings, when they do not make one of the three targets
     */
    static RedisTarget of(Optional<String> url, Optional<String> sentinels, Optional<String> masterName) {
        Optional<String> server = url.filter(value -> !value.isBlank()).map(String::strip);
        Optional<String> hosts = sentinels.filter(value -> !value.isBlank()).map(String::strip);
        Optional<String> master = masterName.filter(value -> !value.isBlank()).map(String::strip);
        if (server.isPresent() && (hosts.isPresent() || master.isPresent())) {
            throw wrong("set either REDIS_URL (one Redis) or REDIS_SENTINELS with REDIS_MASTER_NAME (Redis behind "
                    + "Sentinel), not both");
        }
        if (hosts.isPresent() != master.isPresent()) {
            throw wrong("REDIS_SENTINELS and REDIS_MASTER_NAME go together: set both, or neither");
        }
        if (server.isPresent()) {
            URI parsed = URI.create(server.get());
            if (parsed.getHost() == null || parsed.getScheme() == null || !parsed.getScheme().matches("rediss?")) {
                throw wrong("REDIS_URL must look like redis://host:port");
            }
            return new Server(parsed);
        }
        if (hosts.isPresent()) {
            Set<HostAndPort> parsed = new LinkedHashSet<>();
            for (String entry : hosts.get().split(",")) {
                parsed.add(hostAndPort(entry.strip()));
            }
            return new Sentinel(master.get(), Set.copyOf(parsed));
        }
        return new None();
    }

    private static HostAndPort hostAndPort(String entry) {
        int colon = entry.lastIndexOf(':');
        if (colon <= 0 || colon == entry.length() - 1) {
            throw wrong("REDIS_SENTINELS is host:port,host:port,...; '" + entry + "' has no port");
        }
        try {
            int port = Integer.parseInt(entry.substring(colon + 1));
            if (port < 1 || port > 65_535) {
                throw new NumberFormatException();
            }
            return new HostAndPort(entry.substring(0, colon), port);
        } catch (NumberFormatException notAPort) {
            throw wrong("REDIS_SENTINELS: '" + entry + "' has no port between 1 and 65535");
        }
    }

    private static IllegalStateException wrong(String why) {
        return new IllegalStateException("Invalid configuration: " + why);
    }
}
