package dev.concert.domain.queue;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The waiting room's shared state: who waits in which order, who is active until when, what the
 * operators set. Implementations: Redis (any number of instances) and in-process (one instance).
 * Every method is atomic; the order of the line is fixed by the store's own sequence at first issue.
 * A store never sees a token: "token" in its methods is the token's key ({@link QueueToken#key}).
 */
public interface QueueStore {

    /**
     * The user's live ticket, or, when the user has none, a new one keyed {@code candidateKey} with id
     * {@code candidateTicketId} placed at the end of the line. Asking again never moves a user, back or
     * forward, and answers the same ticket id.
     */
    Issued issue(String userId, String candidateKey, String candidateTicketId);

    /** The live token's ticket; empty when the token is unknown, has lapsed or was removed. */
    Optional<QueueTicket> find(String token);

    /** Tickets of many tokens at once (for the status fan-out); lapsed or unknown tokens are absent. */
    Map<String, QueueTicket> findAll(Collection<String> tokens);

    /**
     * Who waits, by arrival number, as of now: what each instance reads once or twice a second to answer
     * waiting fans' polls itself ({@link LineSnapshot#position} equals the position {@link #find} would
     * give). Costs the store O(waiting / 8) bytes, however many fans poll.
     */
    LineSnapshot line();

    /** Removes a token, waiting or active (the user leaves, or has paid). False when it was not live. */
    boolean remove(String token);

    /**
     * Keeps an active token active at least {@code atLeast} from now, by the store's clock: its lapse
     * moves later, never earlier (a fan who holds a seat must be able to pay for it before the hold
     * lapses). False, and nothing changed, when the token is not active (waiting, lapsed or unknown).
     */
    boolean keepActive(String token, Duration atLeast);

    /** One atomic admission pass: drop lapsed active tokens, then admit from the head of the line. */
    AdmissionResult admit();

    /**
     * Counts one request under {@code key} (a client address for token requests, a user for writes)
     * in the current minute, for all instances together: a fixed one-minute window of the store's clock.
     */
    RequestCount countRequest(String key);

    QueueFigures figures();

    QueueSettings settings();

    /**
     * Changes the given settings (null: unchanged) for every instance; they outlive restarts of the
     * server (the in-process store keeps them for its one instance's life). Answers the settings now
     * in force; a value out of range is refused with {@link IllegalArgumentException} and nothing changes.
     */
    QueueSettings updateSettings(Integer admitPerSecond, Integer activeMax, Boolean paused);

    /**
     * Records that an instance is alive, with a short report of its state (opaque JSON), for the
     * operators of every instance to read. The report lapses after {@code life} (whole seconds, at
     * least one) unless the instance reports again.
     */
    void reportInstance(String instanceId, String report, java.time.Duration life);

    /** The live reports of the instances, by instance id. */
    Map<String, String> instances();

    /**
     * Keeps a sample for the slot of its time (one per {@code step}); the first instance to record a
     * slot wins, so N instances keep one history. A sample is kept for {@code keep}.
     */
    void recordSample(QueueSample sample, java.time.Duration step, java.time.Duration keep);

    /** The samples kept for the slots from {@code from} to {@code to}, oldest first; missing slots are absent. */
    java.util.List<QueueSample> samples(java.time.Instant from, java.time.Instant to, java.time.Duration step);
}
