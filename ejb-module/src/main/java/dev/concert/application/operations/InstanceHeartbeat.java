package dev.concert.application.operations;

import dev.concert.application.metrics.SaleMetrics;
import dev.concert.domain.queue.QueueFigures;
import dev.concert.domain.queue.QueueSample;
import dev.concert.domain.queue.QueueStore;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import dev.concert.application.config.Settings;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every 5 s this instance tells the queue store that it is alive and whether its database answers,
 * so that the operators' dashboard, served by any instance, lists every instance's health. An
 * instance that stops reporting (stopped, crashed, cut off from Redis) drops off the list after 15 s.
 * It also samples the queue for the dashboard's chart; the first instance to sample a 5 s slot wins.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class InstanceHeartbeat {

    static final Duration REPORT_LIFE = Duration.ofSeconds(15);
    /** The operators' chart: one sample of the queue every 5 s, shared by all instances, for 10 minutes. */
    public static final Duration SAMPLE_STEP = Duration.ofSeconds(5);
    public static final Duration SAMPLES_KEPT = Duration.ofMinutes(11);
    private static final Logger LOG = Logger.getLogger(InstanceHeartbeat.class.getName());

    @Inject
    QueueStore store;

    @Inject
    Clock clock;

    @Inject
    SaleMetrics metrics;

    @Inject
    DatabaseHealth database;

    /** This instance's idle times, in its report: every instance's admission passes apply their own. */
    @Inject
    Settings settings;

    private final String id = host() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private final Instant startedAt = Instant.now();

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false, info = "instance heartbeat")
    public void report() {
        boolean databaseAnswers = database.answers();
        metrics.storeReady(SaleMetrics.Store.DATABASE, databaseAnswers);
        String report = Json.createObjectBuilder()
                .add("instance", id)
                .add("host", host())
                .add("startedAt", startedAt.toString())
                .add("seenAt", clock.instant().toString())
                .add("database", databaseAnswers ? "UP" : "DOWN")
                .add("queueStore", "UP")
                .add("waitingIdleSeconds", settings.waitingIdleSeconds())
                .add("activeIdleSeconds", settings.activeIdleSeconds())
                .build().toString();
        try {
            store.reportInstance(id, report, REPORT_LIFE);
            QueueFigures figures = store.figures();
            store.recordSample(new QueueSample(clock.instant(), figures.waiting(), figures.admittedLastMinute()),
                    SAMPLE_STEP, SAMPLES_KEPT);
            metrics.storeReady(SaleMetrics.Store.QUEUE_STORE, true);
        } catch (RuntimeException storeDown) {
            metrics.storeReady(SaleMetrics.Store.QUEUE_STORE, false);
            LOG.log(Level.FINE, "No heartbeat: the queue store is unavailable", storeDown);
        }
    }

    public String id() {
        return id;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception unknown) {
            return "unknown-host";
        }
    }
}
