package dev.concert.infrastructure.queue;

import dev.concert.domain.queue.AdmissionResult;
import dev.concert.domain.queue.Issued;
import dev.concert.domain.queue.LineSnapshot;
import dev.concert.domain.queue.QueueFigures;
import dev.concert.domain.queue.Presence;
import dev.concert.domain.queue.QueueSample;
import dev.concert.domain.queue.QueueSettings;
import dev.concert.domain.queue.QueueStatus;
import dev.concert.domain.queue.QueueStore;
import dev.concert.domain.queue.QueueStoreUnavailable;
import dev.concert.domain.queue.QueueTicket;
import dev.concert.domain.queue.RequestCount;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.TreeMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.util.Pool;

/**
 * The waiting room in Redis, shared by any number of instances. Each operation is one Lua script
 * (see {@code common.lua} for the keys), so it is atomic and costs one round trip; scripts are
 * loaded once and called by their SHA, and loaded again when Redis has forgotten them (a restart).
 */
public class RedisQueueStore implements QueueStore {

    /** Tokens asked about in one pipelined round trip by {@link #findAll}. */
    static final int BATCH = 500;

    private final Pool<Jedis> pool;
    private final String prefix;
    private final QueueSettings defaults;
    private final Duration activeTtl;
    private final Map<String, String> sources = new HashMap<>();
    private final Map<String, String> shas = new java.util.concurrent.ConcurrentHashMap<>();
    private final ReplicaAcks acks;
    private final Presence presence;
    /** {@link Presence#writeEvery()} in milliseconds, as the scripts take it. */
    private final String presenceEvery;

    /**
     * How many replicas must have a new place before its issue is answered, and how long to wait for
     * them ({@code WAIT}). A place a replica has survives the master's death: Sentinel promotes the
     * replica that has the most. Fewer acknowledgements within the timeout (no replica left, or a master
     * that a failover has already replaced) refuse the issue as the store being unavailable (503), so
     * that no fan is told of a place that a failover may drop; the fan asks again.
     */
    public record ReplicaAcks(int replicas, Duration timeout) {
        /** Answer at once, as a single Redis without replicas must. */
        public static final ReplicaAcks NONE = new ReplicaAcks(0, Duration.ZERO);
    }

    /** A store without replicas to wait for, with the contract's presence defaults (120 s each). */
    public RedisQueueStore(Pool<Jedis> pool, String prefix, QueueSettings defaults, Duration activeTtl) {
        this(pool, prefix, defaults, activeTtl, ReplicaAcks.NONE, Presence.DEFAULTS);
    }

    public RedisQueueStore(Pool<Jedis> pool, String prefix, QueueSettings defaults, Duration activeTtl, ReplicaAcks acks,
                           Presence presence) {
        this.acks = acks;
        this.presence = presence;
        this.presenceEvery = Long.toString(presence.writeEvery().toMillis());
        this.pool = pool;
        this.prefix = prefix;
        this.defaults = defaults;
        this.activeTtl = activeTtl;
        String common = resource("common.lua");
        for (String name : List.of("issue", "find", "remove", "keep", "admit", "figures", "ratelimit", "line")) {
            sources.put(name, common + "\n" + resource(name + ".lua"));
        }
    }

    private static String resource(String name) {
        try (InputStream in = RedisQueueStore.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing queue script " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Object run(String script, String... args) {
        return redis(jedis -> script(jedis, script, args));
    }

    private Object script(Jedis jedis, String script, String... args) {
        List<String> argv = new ArrayList<>(args.length + 1);
        argv.add(prefix);
        argv.addAll(List.of(args));
        return bySha(jedis, script, sha -> jedis.evalsha(sha, List.of(), argv));
    }

    /** Runs {@code call} with the script's SHA, loading the script again once if Redis has forgotten it. */
    private Object bySha(Jedis jedis, String script, Function<String, Object> call) {
        try {
            return call.apply(sha(jedis, script));
        } catch (JedisNoScriptException forgotten) {
            shas.remove(script);   // Redis restarted or flushed its script cache
            return call.apply(sha(jedis, script));
        }
    }

    /**
     * One piece of work on a pooled connection. Redis out of reach — no connection within the pool's
     * wait, a refused or broken one, a socket timeout — is {@link QueueStoreUnavailable}, and so are the
     * error replies of a failover ({@link #duringFailover}); any other error reply is a bug, and stays a
     * {@link JedisException}.
     */
    private <T> T redis(Function<Jedis, T> work) {
        try (Jedis jedis = pool.getResource()) {
            return work.apply(jedis);
        } catch (JedisConnectionException unreachable) {
            throw new QueueStoreUnavailable("Redis cannot be reached", unreachable);
        } catch (JedisDataException reply) {
            if (duringFailover(reply)) {
                throw new QueueStoreUnavailable("Redis is failing over: " + reply.getMessage(), reply);
            }
            throw reply;
        } catch (JedisException failure) {
            if (failure.getCause() instanceof NoSuchElementException) {   // Jedis 5: the pool lent nothing in time
                throw new QueueStoreUnavailable("No Redis connection within the pool's wait", failure);
            }
            throw failure;
        }
    }

    /**
     * An error reply that a failover gives for a while, not a bug: a replica that was the master
     * (READONLY), a server loading its data (LOADING), a replica or sentinel without its master
     * (MASTERDOWN), and the like (TRYAGAIN, NOREPLICAS).
     */
    static boolean duringFailover(JedisDataException reply) {
        String message = String.valueOf(reply.getMessage());
        return FAILOVER_REPLIES.stream().anyMatch(message::startsWith);
    }

    private static final List<String> FAILOVER_REPLIES = List.of("READONLY", "LOADING", "MASTERDOWN", "TRYAGAIN",
            "NOREPLICAS");

    private String sha(Jedis jedis, String script) {
        return shas.computeIfAbsent(script, name -> jedis.scriptLoad(sources.get(name)));
    }

    @Override
    public Issued issue(String userId, String candidateKey, String candidateTicketId) {
        List<?> reply = (List<?>) redis(jedis -> {
            Object issued = script(jedis, "issue", userId, candidateKey, candidateTicketId, presenceEvery);
            if (acks.replicas() > 0) {
                long acknowledged = jedis.waitReplicas(acks.replicas(), acks.timeout().toMillis());
                if (acknowledged < acks.replicas()) {
                    throw new QueueStoreUnavailable("A place was written but only " + acknowledged + " of "
                            + acks.replicas() + " replicas had it within " + acks.timeout().toMillis() + " ms", null);
                }
            }
            return issued;
        });
        return new Issued(ticket((String) reply.get(1), reply.subList(3, 8)), (String) reply.get(2),
                ((Long) reply.get(0)) == 1L);
    }

    @Override
    public Optional<QueueTicket> find(String token) {
        List<?> reply = (List<?>) run("find", token, presenceEvery);
        return reply == null ? Optional.empty() : Optional.of(ticket(token, reply));
    }

    @Override
    public Map<String, QueueTicket> findAll(Collection<String> tokens) {
        Map<String, QueueTicket> found = new HashMap<>();
        List<String> all = List.copyOf(tokens);
        for (int from = 0; from < all.size(); from += BATCH) {
            found.putAll(findBatch(all.subList(from, Math.min(all.size(), from + BATCH)), false));
        }
        return found;
    }

    private Map<String, QueueTicket> findBatch(List<String> tokens, boolean reloaded) {
        Optional<Map<String, QueueTicket>> found = redis(jedis -> findBatch(jedis, tokens, reloaded));
        if (found.isEmpty()) {
            // Redis restarted or flushed its scripts: reload once (the connection is back in the pool)
            shas.remove("find");
            return findBatch(tokens, true);
        }
        return found.get();
    }

    /** The tickets, pipelined; empty when Redis has forgotten the script. */
    private Optional<Map<String, QueueTicket>> findBatch(Jedis jedis, List<String> tokens, boolean reloaded) {
        Map<String, QueueTicket> found = new HashMap<>();
        String sha = sha(jedis, "find");
        Pipeline pipeline = jedis.pipelined();
        List<Response<Object>> replies = new ArrayList<>(tokens.size());
        for (String token : tokens) {
            replies.add(pipeline.evalsha(sha, List.of(), List.of(prefix, token, presenceEvery)));
        }
        pipeline.sync();
        for (int i = 0; i < tokens.size(); i++) {
            List<?> reply;
            try {
                reply = (List<?>) replies.get(i).get();   // an error reply is thrown here, not by sync()
            } catch (JedisNoScriptException noScript) {
                if (reloaded) {
                    throw noScript;   // forgotten again at once: something is wrong with Redis, not with us
                }
                return Optional.empty();
            }
            if (reply != null) {
                found.put(tokens.get(i), ticket(tokens.get(i), reply));
            }
        }
        return Optional.of(found);
    }

    /** A ticket from a script's reply {user, status, position, activeUntil ms, arrival}. */
    private static QueueTicket ticket(String token, List<?> reply) {
        String user = (String) reply.get(0);
        if (QueueStatus.valueOf((String) reply.get(1)) == QueueStatus.ACTIVE) {
            return QueueTicket.active(token, user, Instant.ofEpochMilli((Long) reply.get(3)));
        }
        return QueueTicket.waiting(token, user, (Long) reply.get(2), (Long) reply.get(4));
    }

    /** The line's bits (line.lua), read binary: a bulk string of bits is no text. */
    @Override
    public LineSnapshot line() {
        List<byte[]> argv = List.of(prefix.getBytes(StandardCharsets.UTF_8));
        List<?> reply = (List<?>) redis(jedis -> bySha(jedis, "line",
                sha -> jedis.evalsha(sha.getBytes(StandardCharsets.US_ASCII), List.of(), argv)));
        return new LineSnapshot((Long) reply.get(0), (byte[]) reply.get(1));
    }

    @Override
    public boolean remove(String token) {
        return ((Long) run("remove", token)) == 1L;
    }

    @Override
    public boolean keepActive(String token, Duration atLeast) {
        return ((Long) run("keep", token, Long.toString(atLeast.toMillis()),
                Long.toString(presence.activeIdle().toMillis()))) == 1L;
    }

    @Override
    public AdmissionResult admit() {
        List<?> reply = (List<?>) run("admit", Long.toString(activeTtl.toMillis()),
                Integer.toString(defaults.admitPerSecond()), Integer.toString(defaults.activeMax()),
                Long.toString(presence.waitingIdle().toMillis()), Long.toString(presence.activeIdle().toMillis()));
        return new AdmissionResult((Long) reply.get(0), (Long) reply.get(1), (Long) reply.get(2), (Long) reply.get(3),
                (Long) reply.get(4), settings(reply.subList(5, 8)), (Long) reply.get(8), (Long) reply.get(9),
                (Long) reply.get(10), (Long) reply.get(11), (Long) reply.get(12));
    }

    @Override
    public RequestCount countRequest(String client) {
        List<?> reply = (List<?>) run("ratelimit", client);
        return new RequestCount((Long) reply.get(0), (Long) reply.get(1));
    }

    @Override
    public QueueFigures figures() {
        List<?> reply = (List<?>) run("figures");
        return new QueueFigures((Long) reply.get(0), (Long) reply.get(1), (Long) reply.get(2),
                settings(reply.subList(3, reply.size())));
    }

    @Override
    public QueueSettings settings() {
        return settings(redis(jedis -> jedis.hmget(settingsKey(), "admitPerSecond", "activeMax", "paused")));
    }

    /** Stored settings over the defaults: a field an operator never set keeps its configured value. */
    private QueueSettings settings(List<?> stored) {
        Function<Integer, String> field = i -> i < stored.size() ? (String) stored.get(i) : null;
        return new QueueSettings(
                field.apply(0) != null ? Integer.parseInt(field.apply(0)) : defaults.admitPerSecond(),
                field.apply(1) != null ? Integer.parseInt(field.apply(1)) : defaults.activeMax(),
                field.apply(2) != null ? "1".equals(field.apply(2)) : defaults.paused());
    }

    /**
     * Writes only the fields given, so that two operators changing different settings at once both
     * win, and a field never set keeps following its configured default.
     */
    @Override
    public QueueSettings updateSettings(Integer admitPerSecond, Integer activeMax, Boolean paused) {
        settings().with(admitPerSecond, activeMax, paused);   // refuses a value out of range before writing
        Map<String, String> fields = new HashMap<>();
        if (admitPerSecond != null) {
            fields.put("admitPerSecond", Integer.toString(admitPerSecond));
        }
        if (activeMax != null) {
            fields.put("activeMax", Integer.toString(activeMax));
        }
        if (paused != null) {
            fields.put("paused", paused ? "1" : "0");
        }
        if (!fields.isEmpty()) {
            redis(jedis -> jedis.hset(settingsKey(), fields));
        }
        return settings();
    }

    private String settingsKey() {
        return prefix + ":settings";
    }

    /** One key per instance that lapses by itself, and a set naming them so that a reader finds them. */
    @Override
    public void reportInstance(String instanceId, String report, Duration life) {
        redis(jedis -> {
            jedis.setex(prefix + ":instance:" + instanceId, Math.max(1, life.toSeconds()), report);
            return jedis.sadd(prefix + ":instances", instanceId);
        });
    }

    @Override
    public Map<String, String> instances() {
        return redis(jedis -> {
            List<String> ids = new ArrayList<>(jedis.smembers(prefix + ":instances"));
            Map<String, String> reports = new TreeMap<>();
            if (ids.isEmpty()) {
                return reports;
            }
            List<String> values = jedis.mget(ids.stream().map(id -> prefix + ":instance:" + id).toArray(String[]::new));
            for (int i = 0; i < ids.size(); i++) {
                if (values.get(i) != null) {
                    reports.put(ids.get(i), values.get(i));
                } else {
                    jedis.srem(prefix + ":instances", ids.get(i)); // lapsed: the instance went quiet
                }
            }
            return reports;
        });
    }

    /** One key per slot, written only if absent (the first instance wins), lapsing by itself. */
    @Override
    public void recordSample(QueueSample sample, Duration step, Duration keep) {
        long slot = sample.at().getEpochSecond() / step.toSeconds();
        redis(jedis -> jedis.set(prefix + ":sample:" + slot, sample.encode(),
                redis.clients.jedis.params.SetParams.setParams().nx().ex(Math.max(1, keep.toSeconds()))));
    }

    @Override
    public List<QueueSample> samples(java.time.Instant from, java.time.Instant to, Duration step) {
        long first = from.getEpochSecond() / step.toSeconds();
        long last = to.getEpochSecond() / step.toSeconds();
        if (last < first) {
            return List.of();
        }
        String[] keys = new String[(int) (last - first + 1)];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = prefix + ":sample:" + (first + i);
        }
        return redis(jedis -> jedis.mget(keys).stream().filter(java.util.Objects::nonNull).map(QueueSample::decode).toList());
    }
}
